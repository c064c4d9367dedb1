import { Condition, Operator as AppwriteOperator } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { checkOperator } from '../../../src/schema/operator-check.js';
import { ColumnOperator, Operator, isColumnOperator } from '../../../src/schema/operator.js';
import { validatePatch, validateUpdate, validateUpsert } from '../../../src/schema/row-validation.js';

const table = {
  name: 'items',
  schema: {
    title: { type: 'string', required: true, size: 10 },
    stock: { type: 'integer', required: true, min: 0 },
    days: { type: 'datetime', array: true },
  },
} as const;

describe('Operator', () => {
  it("writes exactly what node-appwrite's Operator writes, as toString and in JSON", () => {
    const pairs: readonly [ColumnOperator, string][] = [
      [Operator.increment(), AppwriteOperator.increment()],
      [Operator.decrement(2, 0), AppwriteOperator.decrement(2, 0)],
      [Operator.multiply(3, 100), AppwriteOperator.multiply(3, 100)],
      [Operator.divide(2, 1), AppwriteOperator.divide(2, 1)],
      [Operator.modulo(4), AppwriteOperator.modulo(4)],
      [Operator.power(2), AppwriteOperator.power(2)],
      [Operator.arrayAppend(['a', 'b']), AppwriteOperator.arrayAppend(['a', 'b'])],
      [Operator.arrayPrepend([1]), AppwriteOperator.arrayPrepend([1])],
      [Operator.arrayInsert(0, 'x'), AppwriteOperator.arrayInsert(0, 'x')],
      [Operator.arrayRemove('x'), AppwriteOperator.arrayRemove('x')],
      [Operator.arrayUnique(), AppwriteOperator.arrayUnique()],
      [Operator.arrayIntersect(['a']), AppwriteOperator.arrayIntersect(['a'])],
      [Operator.arrayDiff(['a']), AppwriteOperator.arrayDiff(['a'])],
      [Operator.arrayFilter('greaterThan', 3), AppwriteOperator.arrayFilter(Condition.GreaterThan, 3)],
      [Operator.arrayFilter('isNull'), AppwriteOperator.arrayFilter(Condition.IsNull)],
      [Operator.stringConcat('!'), AppwriteOperator.stringConcat('!')],
      [Operator.stringReplace('a', 'b'), AppwriteOperator.stringReplace('a', 'b')],
      [Operator.toggle(), AppwriteOperator.toggle()],
      [Operator.dateAddDays(2), AppwriteOperator.dateAddDays(2)],
      [Operator.dateSubDays(2), AppwriteOperator.dateSubDays(2)],
      [Operator.dateSetNow(), AppwriteOperator.dateSetNow()],
    ];
    for (const [ours, theirs] of pairs) {
      expect(String(ours)).toBe(theirs);
      expect(JSON.stringify({ data: { field: ours } })).toBe(JSON.stringify({ data: { field: theirs } }));
    }
  });

  it('is frozen and recognised; strings and look-alike objects are not operators', () => {
    const op = Operator.increment(1);
    expect(Object.isFrozen(op)).toBe(true);
    expect(Object.isFrozen(op.values)).toBe(true);
    expect(isColumnOperator(op)).toBe(true);
    expect(isColumnOperator(AppwriteOperator.increment(1))).toBe(false);
    expect(isColumnOperator({ method: 'increment', values: [1], target: 'numeric' })).toBe(false);
    expect(isColumnOperator(null)).toBe(false);
  });
});

describe('checkOperator and the write validators', () => {
  it('serialises dates in array items as ISO strings', () => {
    const result = checkOperator(table.schema.days, Operator.arrayAppend([new Date('2030-01-02T00:00:00Z')]));
    expect('operator' in result && result.operator.values).toEqual(['2030-01-02T00:00:00.000Z']);
  });

  it('validatePatch checks plain values and operators together, reporting every problem', () => {
    expect(validatePatch(table, { title: 'Pen', stock: Operator.increment(2) })).toEqual({ title: 'Pen', stock: Operator.increment(2) });
    const error = (() => {
      try {
        validatePatch(table, { title: 'x'.repeat(11), stock: Operator.toggle() });
      } catch (caught) {
        return caught as ValidationError;
      }
      throw new Error('expected a ValidationError');
    })();
    expect(error.issues.map((issue) => issue.field)).toEqual(['stock', 'title']);
    expect(error.message).toContain('field "stock": toggle applies to boolean fields; this is a integer field');
  });

  it('validateUpsert counts a required field given by an operator as present; validateUpdate takes no operators', () => {
    expect(validateUpsert(table, { title: 'Pen', stock: Operator.increment(1) })).toMatchObject({ title: 'Pen' });
    expect(() => validateUpsert(table, { title: 'Pen' })).toThrow(/field "stock"/);
    expect(() => validateUpdate(table, { stock: Operator.increment(1) })).toThrow(/field "stock": increment: this call takes values only/);
  });
});
