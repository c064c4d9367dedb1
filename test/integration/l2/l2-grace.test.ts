import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { QueryCache, type CacheReadRequest } from '../../../src/cache/query-cache.js';
import { runInCacheContext } from '../../../src/cache/request-context.js';
import type { L2Store } from '../../../src/cache/l2/l2-store.js';
import { AppwriteError } from '../../../src/errors/appwrite-error.js';
import { deferred } from '../../unit/cache/cache-test-kit.js';
import { standaloneTarget, type L2Target } from './l2-targets.js';

const list: CacheReadRequest = { scope: 'key', table: 'products', operation: 'list', queries: [] };
const outage = (): Promise<never> => Promise.reject(new AppwriteError(503, 'general_unavailable', 'Appwrite is down'));

async function instance(target: L2Target, databaseId: string, options: { ttl: number; grace: number }): Promise<{ cache: QueryCache; store: L2Store }> {
  const cache = new QueryCache({ ...options, maxEntries: 1_000, maxBytes: 10_000_000, enabled: true });
  const store = await target.store({ databaseId });
  cache.useSharedTier(store, ['products']);
  return { cache, store };
}

/** An instance that has read `list` (['Pen']) and whose entry Redis has stored. */
async function writerOfPen(target: L2Target, databaseId: string, options: { ttl: number; grace: number }): Promise<{ cache: QueryCache; store: L2Store }> {
  const writer = await instance(target, databaseId, options);
  await writer.cache.read(list, () => Promise.resolve(['Pen']));
  await vi.waitFor(() => expect(writer.store.stats().writes).toBe(1));
  return writer;
}

/** Reads `request` in its own cache context, and returns what it got with the context's view of it. */
const observed = (cache: QueryCache, load: () => Promise<unknown>) =>
  runInCacheContext(async (context) => {
    const value = await cache.read(list, load).catch((error: unknown) => error);
    return { value, status: context.status(), tiers: context.tiers(), reads: context.reads };
  });

describe('the shared tier\'s entries under cache.grace, on a real Redis', () => {
  let target: L2Target;
  beforeAll(async () => {
    target = await standaloneTarget();
  });
  afterEach(() => target.closeAll());
  afterAll(() => target.stop());

  it('reports every read that joined a load answered by Redis as an l2 hit', async () => {
    const databaseId = target.database();
    const a = await instance(target, databaseId, { ttl: 60_000, grace: 0 });
    const b = await instance(target, databaseId, { ttl: 60_000, grace: 0 });
    await a.cache.read(list, () => Promise.resolve(['Pen']));
    await vi.waitFor(() => expect(a.store.stats().writes).toBe(1));

    const loader = deferred<string[]>();
    const [first, second] = await Promise.all([observed(b.cache, () => loader.promise), observed(b.cache, () => loader.promise)]);
    for (const seen of [first, second]) {
      expect(seen).toEqual({ value: ['Pen'], status: 'HIT', tiers: ['l2'], reads: [{ table: 'products', outcome: 'hit', tier: 'l2' }] });
    }
    expect(b.cache.stats().total).toMatchObject({ misses: 2, coalesced: 1 });
    expect(b.store.stats()).toMatchObject({ hits: 1 });
  });

  it('serves an expired Redis entry within grace when the load fails, but not past grace, nor without grace', async () => {
    const databaseId = target.database();
    const a = await writerOfPen(target, databaseId, { ttl: 1, grace: 600_000 });

    const b = await instance(target, databaseId, { ttl: 1, grace: 600_000 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await observed(b.cache, outage)).toEqual({ value: ['Pen'], status: 'STALE', tiers: ['l2'], reads: [{ table: 'products', outcome: 'stale', tier: 'l2' }] });
    expect(Object.isFrozen((await observed(b.cache, outage)).value)).toBe(true);
    // A load that succeeds is a plain miss, and the expired entry is no hit.
    expect(await observed(b.cache, () => Promise.resolve(['Ink']))).toMatchObject({ value: ['Ink'], status: 'MISS', tiers: [] });

    // Same entry, read by an instance whose own grace is shorter than the time it is past its TTL.
    const short = await instance(target, databaseId, { ttl: 1, grace: 1 });
    await a.cache.read({ ...list, operation: 'get' }, () => Promise.resolve('Pen'));
    await vi.waitFor(() => expect(a.store.stats().writes).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await short.cache.read({ ...list, operation: 'get' }, outage).catch((error: unknown) => error))).toBeInstanceOf(AppwriteError);

    const none = await instance(target, databaseId, { ttl: 1, grace: 0 });
    expect(await observed(none.cache, outage)).toMatchObject({ status: 'MISS', tiers: [] });
  });

  it('never serves it once the table was invalidated, even by an invalidation that arrives while the load fails', async () => {
    const databaseId = target.database();
    const a = await writerOfPen(target, databaseId, { ttl: 1, grace: 600_000 });
    const b = await instance(target, databaseId, { ttl: 1, grace: 600_000 });
    await new Promise((resolve) => setTimeout(resolve, 5));

    const failing = deferred<never>();
    const pending = observed(b.cache, () => failing.promise);
    await vi.waitFor(() => expect(b.store.stats().misses).toBe(1));
    // Another instance wrote: the bridge tells this one while its load is still running.
    await a.store.bump('products');
    b.cache.invalidate('products', 'remote');
    failing.reject(new AppwriteError(503, 'general_unavailable', 'Appwrite is down'));
    expect(await pending).toMatchObject({ status: 'MISS', tiers: [], reads: [{ table: 'products', outcome: 'miss' }] });
    expect((await pending).value).toBeInstanceOf(AppwriteError);

    // A later read looks under the new generation, where nothing was written.
    expect(await observed(b.cache, outage)).toMatchObject({ status: 'MISS', tiers: [] });
    expect(b.store.stats().stale).toBe(0);
  });
});
