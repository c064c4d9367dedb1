import { describe, expect, it } from 'vitest';
import { counting, deferred, flush, makeCache, request } from './cache-test-kit.js';

describe('QueryCache single-flight', () => {
  it('shares one load among concurrent identical misses and counts the coalesced ones', async () => {
    const { cache } = makeCache();
    const pending = deferred<{ n: number }>();
    let calls = 0;
    const load = () => {
      calls++;
      return pending.promise;
    };
    const reads = Array.from({ length: 100 }, () => cache.read(request(), load));
    pending.resolve({ n: 1 });
    const values = await Promise.all(reads);
    expect(calls).toBe(1);
    expect(new Set(values).size).toBe(1);
    expect(Object.isFrozen(values[0])).toBe(true);
    expect(cache.stats().total).toMatchObject({ misses: 100, coalesced: 99, hits: 0, entries: 1 });
  });

  it('shares a failure among the joined callers, then lets the next caller retry', async () => {
    const { cache } = makeCache();
    const pending = deferred<number>();
    const first = cache.read(request(), () => pending.promise);
    const second = cache.read(request(), () => Promise.resolve(2));
    pending.reject(new Error('timeout'));
    await expect(first).rejects.toThrow('timeout');
    await expect(second).rejects.toThrow('timeout');
    expect(await cache.read(request(), () => Promise.resolve(3))).toBe(3);
  });

  it('a caller arriving after an invalidation does not join the flight started before it', async () => {
    const { cache } = makeCache();
    const old = deferred<string>();
    const fresh = deferred<string>();
    const before = cache.read(request(), () => old.promise);
    cache.invalidate('products', 'remote');
    const after = cache.read(request(), () => fresh.promise);
    fresh.resolve('new');
    old.resolve('old');
    expect(await before).toBe('old');
    expect(await after).toBe('new');
    expect(await cache.read(request(), () => Promise.resolve('never'))).toBe('new');
  });

  it('a caller arriving during a write does not join a flight started before the write', async () => {
    const { cache } = makeCache();
    const old = deferred<string>();
    let calls = 0;
    void cache.read(request(), () => {
      calls++;
      return old.promise;
    });
    const settle = cache.beginWrite('products');
    const during = cache.read(request(), () => {
      calls++;
      return Promise.resolve('during');
    });
    expect(calls).toBe(2);
    expect(await during).toBe('during');
    settle();
    old.resolve('old');
  });
});

describe('QueryCache generations', () => {
  it('returns but does not store a read that raced an invalidation', async () => {
    const { cache } = makeCache();
    const pending = deferred<string>();
    const read = cache.read(request(), () => pending.promise);
    cache.invalidate('products');
    pending.resolve('stale');
    expect(await read).toBe('stale');
    expect(cache.stats().total.entries).toBe(0);
    expect(cache.isUpdated('products')).toBe(false);
    const loader = counting('fresh');
    expect(await cache.read(request(), loader.load)).toBe('fresh');
    expect(loader.calls()).toBe(1);
  });

  it('does not store a read that started before a write and ended while it was in flight', async () => {
    const { cache } = makeCache();
    const pending = deferred<string>();
    const read = cache.read(request(), () => pending.promise);
    const settle = cache.beginWrite('products');
    pending.resolve('before-write');
    expect(await read).toBe('before-write');
    expect(cache.stats().total.entries).toBe(0);
    settle();
  });

  it('does not store a read that started during a write and ended after it settled', async () => {
    const { cache } = makeCache();
    const settle = cache.beginWrite('products');
    const pending = deferred<string>();
    const read = cache.read(request(), () => pending.promise);
    settle();
    pending.resolve('during-write');
    expect(await read).toBe('during-write');
    expect(cache.stats().total.entries).toBe(0);
    expect(cache.isUpdated('products')).toBe(false);
  });

  it('settle bumps again and drops what was stored during the write, whether the write succeeded or failed', async () => {
    for (const outcome of ['resolved', 'failed'] as const) {
      const { cache } = makeCache();
      await cache.read(request(), () => Promise.resolve('before'));
      const settle = cache.beginWrite('products');
      const write = outcome === 'resolved' ? Promise.resolve() : Promise.reject(new Error('500'));
      await cache.read(request('products', ['other']), () => Promise.resolve('during'));
      await write.catch(() => undefined).finally(settle);
      expect(cache.stats().total.entries).toBe(0);
      expect(cache.isUpdated('products')).toBe(false);
      const loader = counting('after');
      expect(await cache.read(request(), loader.load)).toBe('after');
    }
  });

  it('beginWrite leaves the entries in place until the write settles, and settle emits one local invalidation', async () => {
    const { cache } = makeCache();
    const origins: string[] = [];
    cache.on('invalidate', ({ origin }) => origins.push(origin));
    await cache.read(request(), () => Promise.resolve('before'));
    const settle = cache.beginWrite('products');
    expect(await cache.read(request(), () => Promise.resolve('x'))).toBe('before');
    expect(origins).toEqual([]);
    settle();
    settle();
    expect(origins).toEqual(['local']);
    expect(cache.stats().tables.products?.invalidations).toBe(1);
  });

  it('an invalidation of one table leaves the others cached', async () => {
    const { cache } = makeCache();
    await cache.read(request('products'), () => Promise.resolve(1));
    await cache.read(request('orders'), () => Promise.resolve(2));
    cache.invalidate('products');
    expect(cache.stats().tables.orders?.entries).toBe(1);
    expect(cache.stats().tables.products?.entries).toBe(0);
    expect(cache.isUpdated('orders')).toBe(true);
  });

  it('invalidateAll invalidates every known table with the given origin', async () => {
    const { cache } = makeCache();
    const seen: string[] = [];
    cache.on('invalidate', ({ table, origin }) => seen.push(`${table}:${origin}`));
    await cache.read(request('products'), () => Promise.resolve(1));
    await cache.read(request('orders'), () => Promise.resolve(2));
    cache.invalidateAll('resync');
    expect(seen.sort()).toEqual(['orders:resync', 'products:resync']);
    expect(cache.stats().total.entries).toBe(0);
  });

  it('clear drops everything silently and keeps reads in flight from refilling it', async () => {
    const { cache } = makeCache();
    let invalidations = 0;
    cache.on('invalidate', () => invalidations++);
    await cache.read(request('products'), () => Promise.resolve(1));
    const pending = deferred<number>();
    const read = cache.read(request('orders'), () => pending.promise);
    cache.clear();
    pending.resolve(2);
    await read;
    await flush();
    expect(cache.stats().total).toMatchObject({ entries: 0, bytes: 0, invalidations: 0 });
    expect(invalidations).toBe(0);
    expect(cache.isUpdated('products')).toBe(false);
  });
});

describe('QueryCache isUpdated / setUpdated', () => {
  it('is false before any read, true after a stored read, false after an invalidation', async () => {
    const { cache } = makeCache();
    expect(cache.isUpdated('products')).toBe(false);
    await cache.read(request(), () => Promise.resolve(1));
    expect(cache.isUpdated('products')).toBe(true);
    cache.invalidate('products', 'webhook');
    expect(cache.isUpdated('products')).toBe(false);
    await cache.read(request(), () => Promise.resolve(1));
    expect(cache.isUpdated('products')).toBe(true);
  });

  it('is not made true by a bypassed read or by a read that raced an invalidation', async () => {
    const { cache } = makeCache();
    await cache.read(request('products', [], { cache: false }), () => Promise.resolve(1));
    expect(cache.isUpdated('products')).toBe(false);
    const pending = deferred<number>();
    const read = cache.read(request(), () => pending.promise);
    cache.invalidate('products');
    pending.resolve(1);
    await read;
    expect(cache.isUpdated('products')).toBe(false);
  });

  it('setUpdated(false) drops the entries and emits; setUpdated(true) marks fresh without reading', async () => {
    const { cache } = makeCache();
    const loader = counting(1);
    const origins: string[] = [];
    cache.on('invalidate', ({ origin }) => origins.push(origin));
    await cache.read(request(), loader.load);
    cache.setUpdated('products', false);
    expect(cache.isUpdated('products')).toBe(false);
    expect(origins).toEqual(['local']);
    await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(2);
    cache.setUpdated('orders', true);
    expect(cache.isUpdated('orders')).toBe(true);
  });
});
