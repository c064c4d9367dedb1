import { describe, expect, it } from 'vitest';
import { parseQueries } from '../../../src/testing/store/query/index.js';
import { errorOf, Query } from './fixtures.js';

const PARAM = 'Invalid `queries` param: Value must a valid array no longer than 100 items and ' +
  'Value must be a valid string and at least 1 chars and no longer than 4096 chars';

describe('parseQueries', () => {
  it('decodes the JSON the SDK sends', () => {
    expect(parseQueries([Query.equal('a', ['x', 'y']), Query.isNull('b'), Query.limit(5), Query.orderRandom()])).toEqual([
      { method: 'equal', attribute: 'a', values: ['x', 'y'] },
      { method: 'isNull', attribute: 'b', values: [] },
      { method: 'limit', attribute: '', values: [5] },
      { method: 'orderRandom', attribute: '', values: [] },
    ]);
  });

  it('parses and/or/elemMatch values as nested queries', () => {
    const [or] = parseQueries([Query.or([Query.equal('a', 1), Query.and([Query.lessThan('b', 2), Query.isNull('c')])])]);
    expect(or).toEqual({
      method: 'or', attribute: '', values: [
        { method: 'equal', attribute: 'a', values: [1] },
        { method: 'and', attribute: '', values: [
          { method: 'lessThan', attribute: 'b', values: [2] },
          { method: 'isNull', attribute: 'c', values: [] },
        ] },
      ],
    });
  });

  it.each([
    ['not json', 'Invalid query: Syntax error'],
    ['equal("active", [true])', 'Invalid query: Syntax error'],
    ['{"method":"equal",}', 'Invalid query: Syntax error'],
    ['"text"', 'Invalid query. Must be an array, got string'],
    ['42', 'Invalid query. Must be an array, got integer'],
    ['null', 'Invalid query. Must be an array, got NULL'],
    ['{"method":"nope"}', 'Invalid query method: nope'],
    ['{}', 'Invalid query method: '],
    ['[1]', 'Invalid query method: '],
    ['{"method":5}', 'Invalid query method. Must be a string, got integer'],
    ['{"method":"equal","attribute":3,"values":[1]}', 'Invalid query attribute. Must be a string, got integer'],
    ['{"method":"equal","attribute":"a","values":"x"}', 'Invalid query values. Must be an array, got string'],
    ['{"method":"or","values":["{\\"method\\":\\"equal\\"}"]}', 'Invalid query. Must be an array, got string'],
    ['{"method":"and","values":[{"method":"bogus"}]}', 'Invalid query method: bogus'],
  ])('rejects %s with general_query_invalid', (raw, message) => {
    expect(errorOf(() => parseQueries([raw]))).toEqual({ type: 'general_query_invalid', message, code: 400 });
  });

  it('defaults a null attribute and values like PHP', () => {
    expect(parseQueries(['{"method":"limit","attribute":null,"values":null}'])).toEqual([
      { method: 'limit', attribute: '', values: [] },
    ]);
  });

  it('limits the queries param to 100 strings of 1 to 4096 chars', () => {
    const ok = Array.from({ length: 100 }, () => Query.limit(1));
    expect(parseQueries(ok)).toHaveLength(100);
    const invalid = { type: 'general_argument_invalid', message: PARAM, code: 400 };
    expect(errorOf(() => parseQueries([...ok, Query.limit(1)]))).toEqual(invalid);
    expect(errorOf(() => parseQueries([''])).message).toBe(PARAM);
    expect(errorOf(() => parseQueries([{ method: 'limit' }])).message).toBe(PARAM);
    const long = Query.equal('a', 'x'.repeat(4096));
    expect(errorOf(() => parseQueries([long]))).toEqual(invalid);
    const exact = `{"method":"equal","attribute":"a","values":["${'x'.repeat(4096 - 48)}"]}`;
    expect(exact.length).toBe(4096);
    expect(parseQueries([exact])).toHaveLength(1);
  });

  it('counts characters, not UTF-16 units, against the 4096 limit', () => {
    const emoji = `{"method":"equal","attribute":"a","values":["${'😀'.repeat(2100)}"]}`;
    expect(emoji.length).toBeGreaterThan(4096);
    expect(parseQueries([emoji])).toHaveLength(1);
  });
});
