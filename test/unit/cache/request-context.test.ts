import { describe, expect, it } from 'vitest';
import { CacheContext, currentCacheContext, runInCacheContext } from '../../../src/cache/request-context.js';
import { deferred, makeCache, request } from './cache-test-kit.js';

describe('request context', () => {
  it('is undefined outside runInCacheContext, and reads there record nothing', async () => {
    const { cache } = makeCache();
    expect(currentCacheContext()).toBeUndefined();
    await cache.read(request(), () => Promise.resolve(1));
    expect(currentCacheContext()).toBeUndefined();
  });

  it('records each read with its table and outcome, across awaits', async () => {
    const { cache } = makeCache();
    await cache.read(request('orders'), () => Promise.resolve(0));
    const context = await runInCacheContext(async (context) => {
      expect(currentCacheContext()).toBe(context);
      await cache.read(request('products'), () => Promise.resolve(1));
      await cache.read(request('products'), () => Promise.resolve(1));
      await cache.read(request('orders'), () => Promise.resolve(0));
      await cache.read(request('products', [], { cache: false }), () => Promise.resolve(1));
      return context;
    });
    expect(context.reads).toEqual([
      { table: 'products', outcome: 'miss' },
      { table: 'products', outcome: 'hit' },
      { table: 'orders', outcome: 'hit' },
      { table: 'products', outcome: 'bypass' },
    ]);
    expect([context.hits, context.misses, context.bypasses]).toEqual([2, 1, 1]);
  });

  it('counts a read that joined a load in flight as a miss', async () => {
    const { cache } = makeCache();
    const pending = deferred<number>();
    const first = cache.read(request(), () => pending.promise);
    const context = runInCacheContext((context) => {
      void cache.read(request(), () => Promise.resolve(2));
      return context;
    });
    pending.resolve(1);
    await first;
    expect(context.reads).toEqual([{ table: 'products', outcome: 'miss' }]);
  });

  it('keeps concurrent flows apart', async () => {
    const { cache } = makeCache();
    await cache.read(request('warm'), () => Promise.resolve(1));
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
    const flows = gates.map((gate, index) =>
      runInCacheContext(async (context) => {
        await gate.promise;
        if (index === 0) await cache.read(request('warm'), () => Promise.resolve(1));
        if (index === 1) await cache.read(request(`cold${index}`), () => Promise.resolve(1));
        await Promise.resolve();
        expect(currentCacheContext()).toBe(context);
        return context.status();
      }),
    );
    gates[2]?.resolve();
    gates[1]?.resolve();
    gates[0]?.resolve();
    expect(await Promise.all(flows)).toEqual(['HIT', 'MISS', 'BYPASS']);
  });

  it('nests: an inner context does not leak into the outer one', async () => {
    const { cache } = makeCache();
    await runInCacheContext(async (outer) => {
      await runInCacheContext(async () => {
        await cache.read(request(), () => Promise.resolve(1));
      });
      expect(currentCacheContext()).toBe(outer);
      expect(outer.reads).toEqual([]);
    });
  });

  it('returns what the function returns', () => {
    expect(runInCacheContext(() => 42)).toBe(42);
  });
});

describe('CacheContext.status', () => {
  const statusOf = (...outcomes: ('hit' | 'miss' | 'bypass')[]) => {
    const context = new CacheContext();
    for (const outcome of outcomes) context.record('t', outcome);
    return context.status();
  };

  it('HIT when every read was a hit', () => expect(statusOf('hit', 'hit')).toBe('HIT'));
  it('MISS when any read loaded through the cache', () => expect(statusOf('hit', 'miss')).toBe('MISS'));
  it('MISS when hits are mixed with reads that skipped the cache', () => expect(statusOf('hit', 'bypass')).toBe('MISS'));
  it('BYPASS with no read', () => expect(statusOf()).toBe('BYPASS'));
  it('BYPASS with only reads that skipped the cache', () => expect(statusOf('bypass', 'bypass')).toBe('BYPASS'));
});
