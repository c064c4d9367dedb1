import { Operator as SdkOperator } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/testing/http/api-error.js';
import type { StoredColumn } from '../../../src/testing/store/model.js';
import { applyToDefault, applyToStored, Operator, operatorProblem, parseOperators } from '../../../src/testing/store/operators/index.js';
import { column } from '../testing-query/fixtures.js';

const NOW = Date.parse('2024-05-01T10:20:30.456Z');
const int = column('n', 'integer');
const dbl = column('d', 'double');
const str = column('s', 'string', { size: 8 });
const bool = column('b', 'boolean');
const when = column('w', 'datetime', { format: 'datetime' });
const tags = column('t', 'string', { size: 10, array: true });
const nums = column('ns', 'integer', { array: true });

/** The Operator the SDK helper sends, as the server parses it. */
function op(json: string): Operator {
  const parsed = parseOperators({ x: json }).x;
  if (!(parsed instanceof Operator)) throw new Error(`not an operator: ${json}`);
  return parsed;
}

const stored = (json: string, target: StoredColumn, current: unknown): unknown => applyToStored(op(json), target, current, NOW);

describe('parseOperators (Appwrite parseOperators on update and upsert)', () => {
  it('turns operator-shaped strings and objects into operators; other text stays text', () => {
    const parsed = parseOperators({
      a: SdkOperator.increment(1),
      b: { method: 'toggle', values: [] },
      c: '{"method":"shout","values":["x"]}',
      d: 'plain',
      $permissions: SdkOperator.increment(1),
      rel: SdkOperator.arrayAppend(['x']),
      list: [SdkOperator.increment(1)],
    }, new Set(['rel']));
    expect(parsed.a).toBeInstanceOf(Operator);
    expect(parsed.b).toEqual(new Operator('toggle', []));
    expect(parsed.c).toBe('{"method":"shout","values":["x"]}');
    expect(parsed.d).toBe('plain');
    expect(typeof parsed.$permissions).toBe('string');
    expect(typeof parsed.rel).toBe('string');
    expect(parsed.list).toEqual([SdkOperator.increment(1)]);
  });

  it('refuses a known method with malformed fields (400 general_bad_request)', () => {
    const error = (() => {
      try {
        parseOperators({ n: '{"method":"increment","values":3}' });
      } catch (caught) {
        return caught as ApiError;
      }
      return undefined;
    })();
    expect(error?.toBody()).toMatchObject({ type: 'general_bad_request', code: 400, message: 'Invalid operator for attribute "n": Invalid operator values. Must be an array, got integer' });
  });
});

describe('operatorProblem (utopia Validator/Operator)', () => {
  const problem = (json: string, target: StoredColumn, current?: unknown): string | null =>
    operatorProblem(op(json), target.key, target, current === undefined ? undefined : { value: current });

  it('checks the column type of each family', () => {
    expect(problem(SdkOperator.increment(1), str)).toBe("Cannot apply increment operator to non-numeric field 's'");
    expect(problem(SdkOperator.stringConcat('x'), int)).toBe("Cannot apply stringConcat operator to non-string field 'n'");
    expect(problem(SdkOperator.toggle(), int)).toBe("Cannot apply toggle operator to non-boolean field 'n'");
    expect(problem(SdkOperator.dateSetNow(), str)).toBe("Cannot apply dateSetNow operator to non-datetime field 's'");
    expect(problem(SdkOperator.arrayAppend(['x']), str)).toBe("Cannot apply arrayAppend operator to non-array field 's'");
    expect(problem(SdkOperator.arrayDiff(['x']), str)).toBe("Cannot use arrayDiff operator on non-array attribute 's'");
    expect(problem(SdkOperator.increment(1), dbl)).toBeNull();
  });

  it('checks values: numbers, zero divisors, string pairs, whole days, filter conditions', () => {
    expect(problem('{"method":"increment","values":["a"]}', int)).toBe('Cannot apply increment operator: value must be numeric, got string');
    expect(problem('{"method":"divide","values":[0]}', int)).toBe('Cannot apply divide operator: division by zero');
    expect(problem('{"method":"modulo","values":[0]}', int)).toBe('Cannot apply modulo operator: modulo by zero');
    expect(problem('{"method":"increment","values":[1,"x"]}', int)).toBe('Cannot apply increment operator: max/min limit must be numeric, got string');
    expect(problem('{"method":"stringReplace","values":["only-one"]}', str)).toBe('Cannot apply stringReplace operator: requires exactly 2 string values (search and replace)');
    expect(problem('{"method":"dateAddDays","values":[1.5]}', when)).toBe('Cannot apply dateAddDays operator: requires an integer number of days');
    expect(problem('{"method":"arrayFilter","values":["contains","a"]}', tags)).toBe("Invalid array filter condition 'contains'. Must be one of: equal, notEqual, greaterThan, greaterThanEqual, lessThan, lessThanEqual, isNull, isNotNull");
    expect(problem('{"method":"arrayInsert","values":[1]}', tags)).toBe('Cannot apply arrayInsert operator: requires exactly 2 values (index and value)');
    expect(problem('{"method":"arrayRemove","values":[]}', tags)).toBe('Cannot apply arrayRemove operator: requires a value to remove');
    expect(problem('{"method":"arrayIntersect","values":[]}', tags)).toBe('arrayIntersect operator requires a non-empty array value');
  });

  it('predicts from the stored value: 32-bit integers without a bound, string length in bytes, insert bounds', () => {
    expect(problem(SdkOperator.increment(1), int, 2_147_483_647)).toBe('Cannot apply increment operator: would overflow maximum value of 2147483647');
    expect(problem(SdkOperator.decrement(1), int, -2_147_483_648)).toBe('Cannot apply decrement operator: would underflow minimum value of -2147483648');
    expect(problem(SdkOperator.increment(1, 5), int, 2_147_483_647)).toBeNull();
    expect(problem(SdkOperator.increment(1), int)).toBeNull();
    expect(problem(SdkOperator.stringConcat('éé'), str, 'abcde')).toBe('Cannot apply stringConcat operator: result would exceed maximum length of 8 characters');
    expect(problem(SdkOperator.arrayInsert(3, 'x'), tags, ['a'])).toBe('Cannot apply arrayInsert operator: index 3 is out of bounds for array of length 1');
    expect(problem(SdkOperator.arrayAppend([3_000_000_000]), nums)).toBe('Cannot apply arrayAppend operator: array items must be between -2147483648 and 2147483647');
  });
});

describe('applyToStored (what MariaDB computes on an existing row)', () => {
  it('numbers: NULL counts as 0, a bound clamps, integer columns store rounded', () => {
    expect(stored(SdkOperator.increment(2), int, null)).toBe(2);
    expect(stored(SdkOperator.increment(20, 10), int, 1)).toBe(10);
    expect(stored(SdkOperator.increment(5, 10), int, 12)).toBe(10);
    expect(stored(SdkOperator.decrement(5, 0), int, 3)).toBe(0);
    expect(stored(SdkOperator.multiply(3, 10), int, 4)).toBe(10);
    expect(stored(SdkOperator.multiply(2), dbl, 1.25)).toBe(2.5);
    expect(stored(SdkOperator.divide(2), int, 7)).toBe(4);
    expect(stored(SdkOperator.divide(2), dbl, 7)).toBe(3.5);
    expect(stored(SdkOperator.divide(2, 5), int, 7)).toBe(5);
    expect(stored(SdkOperator.modulo(3), int, -7)).toBe(-1);
    expect(stored(SdkOperator.power(2), int, 3)).toBe(9);
    expect(stored(SdkOperator.power(10, 100), int, 3)).toBe(100);
    expect(stored(SdkOperator.power(10, 100), int, 1)).toBe(1);
  });

  it('strings, booleans and dates', () => {
    expect(stored(SdkOperator.stringConcat('-tail'), str, 'a')).toBe('a-tail');
    expect(stored(SdkOperator.stringConcat('start'), str, null)).toBe('start');
    expect(stored(SdkOperator.stringReplace('a', 'o'), str, 'banana')).toBe('bonono');
    expect(stored(SdkOperator.stringReplace('a', 'o'), str, null)).toBeNull();
    expect(stored(SdkOperator.toggle(), bool, true)).toBe(false);
    expect(stored(SdkOperator.toggle(), bool, null)).toBe(true);
    expect(stored(SdkOperator.dateAddDays(2), when, '2024-02-28T12:00:00.000+00:00')).toBe('2024-03-01T12:00:00.000+00:00');
    expect(stored(SdkOperator.dateSubDays(1), when, '2024-03-01T00:00:00.000+00:00')).toBe('2024-02-29T00:00:00.000+00:00');
    expect(stored(SdkOperator.dateAddDays(2), when, null)).toBeNull();
    expect(stored(SdkOperator.dateSetNow(), when, null)).toBe('2024-05-01T10:20:30.000+00:00');
  });

  it('arrays', () => {
    expect(stored(SdkOperator.arrayAppend(['z']), tags, ['a'])).toEqual(['a', 'z']);
    expect(stored(SdkOperator.arrayAppend(['z']), tags, null)).toEqual(['z']);
    expect(stored(SdkOperator.arrayPrepend(['z', 'y']), tags, ['a'])).toEqual(['z', 'y', 'a']);
    expect(stored(SdkOperator.arrayInsert(1, 'x'), tags, ['a', 'b'])).toEqual(['a', 'x', 'b']);
    expect(stored(SdkOperator.arrayInsert(0, 'x'), tags, null)).toBeNull();
    expect(stored(SdkOperator.arrayRemove('a'), tags, ['a', 'b', 'a'])).toEqual(['b']);
    expect(stored(SdkOperator.arrayRemove(1), nums, [1, 2, 1])).toEqual([2]);
    expect(stored(SdkOperator.arrayUnique(), tags, ['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(stored(SdkOperator.arrayIntersect(['a', 'c']), tags, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(stored(SdkOperator.arrayDiff(['a']), tags, ['a', 'b'])).toEqual(['b']);
    expect(stored('{"method":"arrayFilter","values":["greaterThan",2]}', nums, [1, 3, 5])).toEqual([3, 5]);
    expect(stored('{"method":"arrayFilter","values":["equal","b"]}', tags, ['a', 'b'])).toEqual(['b']);
    expect(stored('{"method":"arrayFilter","values":["isNotNull"]}', tags, ['a', null])).toEqual(['a']);
  });
});

describe('applyToDefault (a row an upsert creates: PHP on the column default)', () => {
  it('computes from the default without clamping; date shifts and arrayFilter keep it', () => {
    expect(applyToDefault(op(SdkOperator.increment(20, 10)), int, 5, NOW)).toBe(25);
    expect(applyToDefault(op(SdkOperator.stringConcat('x')), str, null, NOW)).toBe('x');
    expect(applyToDefault(op(SdkOperator.dateAddDays(1)), when, null, NOW)).toBeNull();
    expect(applyToDefault(op('{"method":"arrayFilter","values":["isNull"]}'), tags, null, NOW)).toBeNull();
    expect(applyToDefault(op(SdkOperator.arrayInsert(0, 'x')), tags, null, NOW)).toEqual(['x']);
  });
});
