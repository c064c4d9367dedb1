import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { QueryCache, type CacheReadRequest } from '../../../src/cache/query-cache.js';
import type { L2Store } from '../../../src/cache/l2/l2-store.js';
import { deferred, FakeClock } from '../../unit/cache/cache-test-kit.js';
import { clusterTarget, standaloneTarget, type L2Target } from './l2-targets.js';

const list = (scope = 'key', table = 'products', dependsOn?: string[]): CacheReadRequest =>
  ({ scope, table, operation: 'list', queries: Object.freeze(['{"method":"limit","values":[25]}']), ...(dependsOn === undefined ? {} : { dependsOn }) });

/** One application instance: its own L1, the shared tier on its own connection, a loader that counts calls. */
async function instance(target: L2Target, databaseId: string): Promise<{ cache: QueryCache; store: L2Store; loads: () => number; read: (request?: CacheReadRequest, value?: unknown) => Promise<unknown> }> {
  const cache = new QueryCache({ ttl: 60_000, maxEntries: 1_000, maxBytes: 10_000_000, enabled: true });
  const store = await target.store({ databaseId });
  cache.useSharedTier(store, ['products', 'authors', 'orders']);
  let loads = 0;
  return {
    cache,
    store,
    loads: () => loads,
    read: (request = list(), value = { rows: ['Pen'] }) => cache.read(request, () => {
      loads++;
      return Promise.resolve(value);
    }),
  };
}

describe.each([
  ['standalone Redis', standaloneTarget],
  ['a three-master Redis Cluster', clusterTarget],
])('the query cache with the shared tier on %s', (_name, start) => {
  let target: L2Target;
  beforeAll(async () => {
    target = await start();
  });
  afterEach(() => target.closeAll());
  afterAll(() => target.stop());

  it('a second instance\'s first read is served from Redis, frozen, then from its own memory', async () => {
    const databaseId = target.database();
    const a = await instance(target, databaseId);
    const b = await instance(target, databaseId);
    expect(await a.read()).toEqual({ rows: ['Pen'] });
    await vi.waitFor(() => expect(a.store.stats().writes).toBe(1));

    const first = await b.read();
    expect(first).toEqual({ rows: ['Pen'] });
    expect(Object.isFrozen(first)).toBe(true);
    expect(b.loads()).toBe(0);
    expect(await b.read()).toBe(first);
    expect(b.store.stats()).toMatchObject({ hits: 1, misses: 0 });
  });

  it('keeps a value found in Redis in memory no longer than it has left in Redis', async () => {
    const databaseId = target.database();
    const a = await instance(target, databaseId);
    await a.cache.read({ ...list(), ttl: 2_000 }, () => Promise.resolve(['short-lived']));
    await vi.waitFor(() => expect(a.store.stats().writes).toBe(1));

    const clock = new FakeClock(1_000);
    const cache = new QueryCache({ ttl: 60_000, maxEntries: 100, maxBytes: 1_000_000, enabled: true, clock });
    const store = await target.store({ databaseId });
    cache.useSharedTier(store, ['products']);
    const unreachable = (): Promise<never> => Promise.reject(new Error('not expected to load'));
    expect(await cache.read(list(), unreachable)).toEqual(['short-lived']);
    expect(await cache.read(list(), unreachable)).toEqual(['short-lived']);
    expect(store.stats().hits).toBe(1);
    // Past the 2 s the entry had in Redis, the memory copy is gone too, though the cache's own TTL is 60 s.
    clock.advance(2_001);
    expect(await cache.read(list(), () => Promise.resolve(['reloaded']))).not.toBeUndefined();
    expect(store.stats().hits + store.stats().misses).toBe(2);
  });

  it('reads its own write: after a local invalidation neither tier answers with the old value, on any instance that heard of it', async () => {
    const databaseId = target.database();
    const a = await instance(target, databaseId);
    const b = await instance(target, databaseId);
    await a.read();
    await vi.waitFor(() => expect(a.store.stats().writes).toBe(1));
    await b.read();

    const settle = a.cache.beginWrite('products');
    settle();
    expect(await a.read(list(), { rows: ['Pen', 'Ink'] })).toEqual({ rows: ['Pen', 'Ink'] });
    expect(a.loads()).toBe(2);
    // What the bridge does on b when a's message arrives.
    b.cache.invalidate('products', 'remote');
    expect(await b.read(list(), { rows: ['Pen', 'Ink'] })).toEqual({ rows: ['Pen', 'Ink'] });
    await vi.waitFor(() => expect(a.store.stats().writes).toBe(2));
    const c = await instance(target, databaseId);
    expect(await c.read(list(), { rows: ['stale'] })).toEqual({ rows: ['Pen', 'Ink'] });
    expect(c.loads()).toBe(0);
  });

  it('a fill racing an invalidation never becomes visible, on this instance or another one not yet told', async () => {
    const databaseId = target.database();
    const a = await instance(target, databaseId);
    const b = await instance(target, databaseId);
    const slow = deferred<unknown>();
    const pending = b.cache.read(list(), () => slow.promise);
    await vi.waitFor(() => expect(b.store.stats().misses).toBe(1));

    a.cache.invalidate('products', 'local');
    await vi.waitFor(() => expect(a.store.stats().bumps).toBe(1));
    slow.resolve({ rows: ['before the write'] });
    expect(await pending).toEqual({ rows: ['before the write'] });
    await vi.waitFor(() => expect(b.store.stats().writes).toBe(1));

    const c = await instance(target, databaseId);
    expect(await c.read(list(), { rows: ['after the write'] })).toEqual({ rows: ['after the write'] });
    expect(c.loads()).toBe(1);
  });

  it('does not write a fill that overlapped its own instance\'s invalidation', async () => {
    const databaseId = target.database();
    const a = await instance(target, databaseId);
    const slow = deferred<unknown>();
    const pending = a.cache.read(list(), () => slow.promise);
    await vi.waitFor(() => expect(a.store.stats().misses).toBe(1));
    a.cache.invalidate('products', 'local');
    slow.resolve({ rows: ['before'] });
    await pending;
    await vi.waitFor(() => expect(a.store.stats().bumps).toBe(1));
    expect(a.store.stats().writes).toBe(0);
  });

  it('keeps identities apart: one user\'s result is never served to another', async () => {
    const databaseId = target.database();
    const a = await instance(target, databaseId);
    const b = await instance(target, databaseId);
    await a.read(list('jwt:alice'), { rows: ['alice only'] });
    await vi.waitFor(() => expect(a.store.stats().writes).toBe(1));
    expect(await b.read(list('jwt:bob'), { rows: ['bob only'] })).toEqual({ rows: ['bob only'] });
    expect(await b.read(list('key'), { rows: ['all'] })).toEqual({ rows: ['all'] });
    expect(b.loads()).toBe(2);
    expect(await b.read(list('jwt:alice'))).toEqual({ rows: ['alice only'] });
    expect(b.loads()).toBe(2);
  });

  it('drops a read of related rows when a table it read from is invalidated, and invalidateAll reaches tables never read here', async () => {
    const databaseId = target.database();
    const a = await instance(target, databaseId);
    const b = await instance(target, databaseId);
    await a.read(list('key', 'products', ['authors']));
    await a.read(list('key', 'orders'));
    await vi.waitFor(() => expect(a.store.stats().writes).toBe(2));

    b.cache.invalidate('authors', 'local');
    await vi.waitFor(() => expect(b.store.stats().bumps).toBe(1));
    const c = await instance(target, databaseId);
    await c.read(list('key', 'products', ['authors']));
    expect(c.loads()).toBe(1);

    c.cache.invalidateAll('local');
    await vi.waitFor(() => expect(c.store.stats().bumps).toBe(3));
    const d = await instance(target, databaseId);
    await d.read(list('key', 'orders'));
    expect(d.loads()).toBe(1);
  });
});

describe('the query cache with the shared tier unreachable', () => {
  it('reads through its loader and never fails', async () => {
    const { openL2Store } = await import('../../../src/cache/l2/l2-store.js');
    const store = await openL2Store({ host: '127.0.0.1', port: 1, retryStrategy: () => null }, { databaseId: 'db' });
    try {
      const cache = new QueryCache({ ttl: 60_000, maxEntries: 100, maxBytes: 1_000_000, enabled: true });
      cache.useSharedTier(store, ['products']);
      expect(await cache.read(list(), () => Promise.resolve(['row']))).toEqual(['row']);
      cache.invalidate('products');
      expect(await cache.read(list(), () => Promise.resolve(['fresh']))).toEqual(['fresh']);
      expect(store.stats()).toMatchObject({ hits: 0, writes: 0 });
      expect(store.stats().state).not.toBe('ready');
    } finally {
      await store.close();
    }
  });
});
