import { describe, expect, it, vi } from 'vitest';
import * as keyFormat from '../../../src/cache/cache-key.js';
import { CacheKeyMemo } from '../../../src/cache/cache-key-memo.js';

vi.mock('../../../src/cache/cache-key.js', async (importOriginal) => {
  const original = await importOriginal<typeof keyFormat>();
  return { ...original, cacheKey: vi.fn(original.cacheKey) };
});

const built = (): number => vi.mocked(keyFormat.cacheKey).mock.calls.length;
const parts = (queries: readonly string[], scope = 'key', operation = 'list') => ({ scope, table: 'products', operation, queries });

describe('CacheKeyMemo', () => {
  it('builds the key of a frozen query list once per scope, table and operation', () => {
    const keys = new CacheKeyMemo();
    const queries = Object.freeze(['{"method":"limit","values":[10]}']);
    const before = built();
    const first = keys.of(parts(queries));
    expect(keys.of(parts(queries))).toBe(first);
    expect(first).toBe(keyFormat.cacheKey(parts(queries)));
    expect(built() - before).toBe(2); // the first of() and the comparison above
    expect(keys.of(parts(queries, 'jwt:ab'))).toBe('jwt:ab|products|list|{"method":"limit","values":[10]}');
    expect(keys.of(parts(queries, 'key', 'count'))).toBe('key|products|count|{"method":"limit","values":[10]}');
  });

  it('builds the key of a list that can change on every call', () => {
    const keys = new CacheKeyMemo();
    const queries = ['a'];
    expect(keys.of(parts(queries))).toBe('key|products|list|a');
    queries.push('b');
    expect(keys.of(parts(queries))).toBe('key|products|list|a|b');
  });

  it('keeps eight keys per list, forgetting the oldest', () => {
    const keys = new CacheKeyMemo();
    const queries = Object.freeze(['q']);
    const users = (count: number): void => {
      for (let user = 0; user < count; user++) keys.of(parts(queries, `jwt:${user}`));
    };
    users(8);
    let before = built();
    users(8);
    expect(built() - before).toBe(0);
    keys.of(parts(queries, 'jwt:8'));
    before = built();
    keys.of(parts(queries, 'jwt:0'));
    expect(built() - before).toBe(1);
  });

  it('stays correct for a list shared by more identities than it keeps keys for', () => {
    const keys = new CacheKeyMemo();
    const queries = Object.freeze(['q']);
    for (let round = 0; round < 2; round++) {
      for (let user = 0; user < 20; user++) expect(keys.of(parts(queries, `jwt:${user}`))).toBe(`jwt:${user}|products|list|q`);
    }
  });
});
