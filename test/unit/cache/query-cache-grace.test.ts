import { describe, expect, it } from 'vitest';
import { AppwriteError } from '../../../src/errors/appwrite-error.js';
import { runInCacheContext, type CacheContext } from '../../../src/cache/request-context.js';
import { deferred, makeCache } from './cache-test-kit.js';

const request = { scope: 'key', table: 'products', operation: 'list', queries: [] };
const outage = (): Promise<never> => Promise.reject(new AppwriteError(503, 'general_unavailable', 'Appwrite is down'));

describe('grace', () => {
  it('answers with an entry past its TTL when Appwrite fails with an error worth retrying, marked STALE', async () => {
    const { cache, clock } = makeCache({ ttl: 1_000, grace: 5_000 });
    const stale: unknown[] = [];
    cache.on('stale', ({ table }) => stale.push(table));
    await cache.read(request, () => Promise.resolve(['old']));
    clock.advance(1_500);
    const status = await runInCacheContext(async (context) => {
      expect(await cache.read(request, outage)).toEqual(['old']);
      return context.status();
    });
    expect(status).toBe('STALE');
    expect(stale).toEqual(['products']);
    // Past its TTL the entry is not a hit: the next read asks Appwrite again.
    expect(await cache.read(request, () => Promise.resolve(['new']))).toEqual(['new']);
  });

  it('never serves an invalidated entry, one past the grace period, or one standing in for a non-transient error', async () => {
    const { cache, clock } = makeCache({ ttl: 1_000, grace: 5_000 });
    await cache.read(request, () => Promise.resolve(['old']));
    clock.advance(1_500);
    cache.invalidate('products');
    await expect(cache.read(request, outage)).rejects.toThrow('Appwrite is down');

    await cache.read(request, () => Promise.resolve(['old']));
    clock.advance(1_500);
    await expect(cache.read(request, () => Promise.reject(new AppwriteError(401, 'user_unauthorized', 'no')))).rejects.toThrow('no');
    clock.advance(5_000);
    await expect(cache.read(request, outage)).rejects.toThrow('Appwrite is down');
  });

  it('without grace, an expired entry is gone', async () => {
    const { cache, clock } = makeCache({ ttl: 1_000 });
    await cache.read(request, () => Promise.resolve(['old']));
    clock.advance(1_500);
    await expect(cache.read(request, outage)).rejects.toThrow('Appwrite is down');
  });

  it('reports a read that joined the failing load as STALE too, from l1', async () => {
    const { cache, clock } = makeCache({ ttl: 1_000, grace: 5_000 });
    await cache.read(request, () => Promise.resolve(['old']));
    clock.advance(1_500);
    const failing = deferred<never>();
    const seen = (context: CacheContext) => ({ status: context.status(), tiers: context.tiers(), reads: context.reads, misses: context.misses, stale: context.stale });
    const observe = () => runInCacheContext(async (context) => {
      expect(await cache.read(request, () => failing.promise)).toEqual(['old']);
      return seen(context);
    });
    const reads = [observe(), observe()];
    failing.reject(new AppwriteError(503, 'general_unavailable', 'down'));
    for (const context of await Promise.all(reads)) {
      expect(context).toEqual({ status: 'STALE', tiers: ['l1'], reads: [{ table: 'products', outcome: 'stale' }], misses: 1, stale: 1 });
    }
    expect(cache.stats().total.coalesced).toBe(1);
  });
});
