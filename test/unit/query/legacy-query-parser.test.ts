import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/errors/query-error.js';
import { parseLegacyQuery } from '../../../src/query/legacy-query-parser.js';
import { canonicalString } from '../../../src/query/query-canonical.js';

const json = (legacy: string): string => canonicalString(parseLegacyQuery(legacy));

describe('parseLegacyQuery', () => {
  it.each([
    ['equal("active", true)', Query.equal('active', true)],
    ['equal("active", [true])', Query.equal('active', true)],
    ['greaterThanEqual("ts", "2024-01-01")', Query.greaterThanEqual('ts', '2024-01-01')],
    ['equal("a", ["x","y"])', Query.equal('a', ['x', 'y'])],
    ["equal('a', 'it\\'s')", Query.equal('a', "it's")],
    ['notEqual("n", -1.5e2)', Query.notEqual('n', -150)],
    ['between("n", 1, 5)', Query.between('n', 1, 5)],
    ['isNull("deletedAt")', Query.isNull('deletedAt')],
    ['limit(10)', Query.limit(10)],
    ['offset(0)', Query.offset(0)],
    ['cursorAfter("row1")', Query.cursorAfter('row1')],
    ['orderDesc("price")', Query.orderDesc('price')],
    ['orderRandom()', Query.orderRandom()],
    ['select(["name", "price"])', Query.select(['name', 'price'])],
    ['search("title", "hello \\"world\\"")', Query.search('title', 'hello "world"')],
    ['contains("tags", ["a", "b"])', Query.contains('tags', ['a', 'b'])],
    ['startsWith("name", "\\u0041b")', Query.startsWith('name', 'Ab')],
    ['createdAfter("2024-01-01")', Query.createdAfter('2024-01-01')],
  ])('%s equals its Query form', (legacy, query) => {
    expect(json(legacy)).toBe(query);
  });

  it('parses nested or/and', () => {
    const expected = Query.or([Query.equal('a', 1), Query.and([Query.equal('b', 2), Query.lessThan('c', 3)])]);
    expect(json('or([equal("a", 1), and([equal("b", 2), lessThan("c", 3)])])')).toBe(canonicalString(JSON.parse(expected)));
  });

  it('keeps integers beyond 2^53 exact', () => {
    expect(json('equal("big", 9007199254740993)')).toBe('{"method":"equal","attribute":"big","values":[9007199254740993]}');
  });

  it.each([
    'equal("price", ',
    'equal(price, 1)',
    'equal("a", 1) trailing',
    'limit(1',
    '"a"',
    'equal("a", "unterminated)',
    'distanceLessThan("p", [1, 2], 10)',
  ])('rejects %s with a QueryError naming it', (text) => {
    expect(() => parseLegacyQuery(text, 'products')).toThrow(QueryError);
    try {
      parseLegacyQuery(text, 'products');
    } catch (error) {
      expect((error as QueryError).query).toBe(text);
      expect((error as QueryError).message).toContain('products');
      expect((error as QueryError).code).toBe('E_QUERY');
    }
  });
});
