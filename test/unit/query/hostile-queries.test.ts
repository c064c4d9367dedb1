import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/errors/query-error.js';
import type { FilterObject } from '../../../src/query/filter-object.js';
import { QueryNormalizer } from '../../../src/query/query-normalizer.js';

const normalizer = (): QueryNormalizer => new QueryNormalizer({ table: 'items', columns: new Set(['s', 'n']) });

function refused(run: () => unknown, reason?: RegExp): QueryError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(QueryError);
  if (reason !== undefined) expect((caught as QueryError).message).toMatch(reason);
  return caught as QueryError;
}

const jsonAnd = (depth: number): string =>
  '{"method":"and","values":[{"method":"equal","attribute":"n","values":[1]},'.repeat(depth) + '{"method":"equal","attribute":"s","values":["x"]}' + ']}'.repeat(depth);
const legacyAnd = (depth: number): string => 'and([equal("n", 1), '.repeat(depth) + 'equal("s", "x")' + '])'.repeat(depth);

describe('queries from a hostile caller', () => {
  it.each(['hasOwnProperty("s")', 'valueOf(1)', 'constructor("s", 1)', '__proto__("s")', 'toString()', 'isPrototypeOf("s")', 'createdBefore.call("s")'])(
    'the legacy form %s is a QueryError, not a TypeError',
    (text) => {
      refused(() => normalizer().normalize(text));
    },
  );

  it.each(['constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf', 'createdBefore'])('a JSON query with method %s is refused before sending', (method) => {
    refused(() => normalizer().normalize(JSON.stringify({ method, attribute: 's', values: ['x'] })), /unknown method/);
    refused(() => normalizer().normalize(`{"method":"or","values":[{"method":"equal","attribute":"s","values":[1]},{"method":${JSON.stringify(method)},"attribute":"s","values":[1]}]}`), /unknown method/);
  });

  it('a JSON query whose method is not a string is refused', () => {
    refused(() => normalizer().normalize('{"method":{"toString":1}}'));
    refused(() => normalizer().normalize('{"method":["equal"]}'));
  });

  it.each([
    ['JSON', jsonAnd(20_000)],
    ['legacy', legacyAnd(20_000)],
    ['legacy arrays', `equal("s", ${'['.repeat(20_000)}1${']'.repeat(20_000)})`],
  ])('20,000-deep %s nesting is a QueryError, not a RangeError', (_label, text) => {
    refused(() => normalizer().normalize(text));
  });

  it('bounds nesting at 100 levels even within the size limit, and accepts what Appwrite would', () => {
    refused(() => normalizer().normalize(legacyAnd(101).replaceAll('and(', 'or(')), /nested deeper than 100/);
    refused(() => normalizer().normalize(`equal("s", ${'['.repeat(101)}1${']'.repeat(101)})`), /nested deeper than 100/);
    refused(() => normalizer().normalize(jsonAnd(120)), /longer than 4096|nested deeper/);
    expect(normalizer().normalize(legacyAnd(20))).toHaveLength(1);
    expect(normalizer().normalize(jsonAnd(20))).toHaveLength(1);
  });

  it('refuses a query longer than the 4096 characters Appwrite takes', () => {
    refused(() => normalizer().normalize(`equal("s", "${'x'.repeat(5_000)}")`), /4096/);
    refused(() => normalizer().normalize({ s: 'x'.repeat(5_000) }), /4096/);
    expect(normalizer().normalize({ s: 'x'.repeat(4_000) })).toHaveLength(1);
  });

  it('refuses more than 500 values in one filter, as Appwrite does', () => {
    refused(() => normalizer().normalize({ n: Array.from({ length: 501 }, (_, i) => i) }), /at most 500/);
  });

  it.each([
    ['a function', (): number => 1],
    ['a Symbol', Symbol('s')],
    ['an object', { $ne: 1 }],
    ['a nested array', [[1]]],
  ])('refuses %s as a filter value, naming the column', (_label, value) => {
    const error = refused(() => normalizer().normalize({ s: value } as unknown as FilterObject));
    expect(error.message).toContain('s');
  });

  it.each([
    ['a Date', new Date()],
    ['a Map', new Map([['s', 1]])],
    ['a class instance', new (class Filter { s = 1; })()],
  ])('refuses %s as a filter object instead of matching every row', (_label, filter) => {
    refused(() => normalizer().normalize(filter as unknown as FilterObject), /plain object/);
  });

  it('keeps __proto__ and constructor filter keys as column names (unknown here)', () => {
    refused(() => normalizer().normalize(JSON.parse('{"__proto__": 1}') as FilterObject), /unknown column "__proto__"/);
    refused(() => normalizer().normalize({ constructor: 1 }), /unknown column "constructor"/);
  });

  it.each([5, { a: 1 }, [5], [Symbol('x')]])('refuses orderBy %s cleanly', (orderBy) => {
    refused(() => normalizer().withShape({}, { orderBy: orderBy as unknown as string }), /orderBy/);
  });

  it.each([
    ['a point, a distance and a flag', '{"method":"distanceLessThan","attribute":"s","values":[[[1,2],10,true]]}', false],
    ['a string inside a point', '{"method":"distanceLessThan","attribute":"s","values":[[["x",2],10,true]]}', true],
  ])('checks geometry values (%s)', (_label, text, bad) => {
    if (bad) refused(() => normalizer().normalize(text), /numbers/);
    else expect(normalizer().normalize(text)).toHaveLength(1);
  });
});
