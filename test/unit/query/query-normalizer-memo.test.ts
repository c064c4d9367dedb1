import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { QueryNormalizer } from '../../../src/query/query-normalizer.js';

const normalizer = (): QueryNormalizer => new QueryNormalizer({ table: 'products', columns: new Set(['a', 'b', 'price']) });

describe('QueryNormalizer: one frozen list per canonical query list', () => {
  it('gives the same frozen array for the same queries, whichever array holds them', () => {
    const n = normalizer();
    const one = n.normalize([Query.limit(5), Query.equal('a', 1)]);
    expect(Object.isFrozen(one)).toBe(true);
    expect(n.normalize([Query.limit(5), Query.equal('a', 1)])).toBe(one);
    expect(n.normalize(['limit(5)', 'equal("a", 1)'])).not.toBe(one);
    expect(n.normalize(['limit(5)', 'equal("a", 1)'])).toEqual(one);
    expect(n.normalize([Query.equal('a', 1), Query.limit(6)])).not.toBe(one);
  });

  it('memoises filter objects, query() shapes, single queries and no queries as frozen arrays too', () => {
    const n = normalizer();
    expect(n.normalize({ a: 1 })).toBe(n.normalize({ a: 1 }));
    expect(n.withShape({ a: 1 }, { limit: 3 })).toBe(n.withShape({ a: 1 }, { limit: 3 }));
    expect(n.normalize(Query.limit(2))).toBe(n.normalize([Query.limit(2)]));
    expect(n.normalize(undefined)).toBe(n.normalize([]));
    for (const list of [n.normalize({ a: 1 }), n.withShape({ a: 1 }, { limit: 3 }), n.normalize(undefined)]) {
      expect(Object.isFrozen(list)).toBe(true);
    }
  });

  it('keeps lists apart once the parse memo has been cleared and refilled', () => {
    const n = normalizer();
    const before = n.normalize([Query.equal('a', 1), Query.limit(1)]);
    for (let i = 0; i < 10_001; i++) n.normalize(Query.equal('b', i));
    const other = n.normalize([Query.equal('price', 2), Query.limit(3)]);
    expect(other).toEqual([Query.equal('price', 2), Query.limit(3)]);
    expect(n.normalize([Query.equal('a', 1), Query.limit(1)])).toEqual(before);
  });
});

describe('QueryNormalizer.rowId', () => {
  it('gives the id as a JSON string, in the same frozen list for the same id', () => {
    const n = normalizer();
    const list = n.rowId('p1');
    expect(list).toEqual(['"p1"']);
    expect(Object.isFrozen(list)).toBe(true);
    expect(n.rowId('p1')).toBe(list);
    expect(n.rowId('p|2')).toEqual(['"p|2"']);
  });
});

describe('QueryNormalizer: filter objects and query() shapes', () => {
  it('never answers one with the memoised query of the other', () => {
    const n = new QueryNormalizer({ table: 'notes', columns: new Set(['i', 'name']) });
    const object = n.normalize({ i: 'equal("name", "a")' });
    expect(object).toEqual(['{"method":"equal","attribute":"i","values":["equal(\\"name\\", \\"a\\")"]}']);
    expect(n.withShape('equal("name", "a")', {})).toEqual(['{"method":"equal","attribute":"name","values":["a"]}']);
    expect(n.normalize({ i: 'equal("name", "a")' })).toBe(object);
  });
});
