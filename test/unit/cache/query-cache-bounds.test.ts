import { describe, expect, it, vi } from 'vitest';
import { estimateEntrySize } from '../../../src/cache/size-estimate.js';
import { cacheKey } from '../../../src/cache/cache-key.js';
import { counting, makeCache, request } from './cache-test-kit.js';

describe('QueryCache bounds', () => {
  it('evicts the least recently used entry past maxEntries, counts and emits it', async () => {
    const { cache } = makeCache({ maxEntries: 2 });
    const evicted: string[] = [];
    cache.on('evict', ({ table, key }) => evicted.push(`${table}:${key}`));
    await cache.read(request('products', ['a']), () => Promise.resolve('a'));
    await cache.read(request('products', ['b']), () => Promise.resolve('b'));
    await cache.read(request('products', ['a']), () => Promise.resolve('a'));
    await cache.read(request('orders', ['c']), () => Promise.resolve('c'));
    expect(evicted).toEqual([`products:${cacheKey(request('products', ['b']))}`]);
    expect(cache.stats().tables.products).toMatchObject({ evictions: 1, entries: 1 });
    expect(cache.stats().total).toMatchObject({ evictions: 1, entries: 2 });
    const loader = counting('b');
    await cache.read(request('products', ['b']), loader.load);
    expect(loader.calls()).toBe(1);
  });

  it('evicts by estimated bytes past maxBytes', async () => {
    const value = { text: 'x'.repeat(1_000) };
    const one = estimateEntrySize(cacheKey(request('products', ['0'])), value);
    const { cache } = makeCache({ maxBytes: one * 3 });
    for (let i = 0; i < 5; i++) await cache.read(request('products', [String(i)]), () => Promise.resolve(value));
    const total = cache.stats().total;
    expect(total.entries).toBe(3);
    expect(total.evictions).toBe(2);
    expect(total.bytes).toBe(one * 3);
  });

  it('returns but does not store a value larger than maxBytes', async () => {
    const { cache } = makeCache({ maxBytes: 1_000 });
    const loader = counting({ text: 'x'.repeat(1_000) });
    expect((await cache.read(request(), loader.load)).text).toHaveLength(1_000);
    await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(2);
    expect(cache.stats().total).toMatchObject({ entries: 0, bytes: 0, evictions: 0 });
    expect(cache.isUpdated('products')).toBe(true);
  });

  it('returns but does not store a value JSON cannot size', async () => {
    const { cache } = makeCache();
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    const loader = counting(cyclic);
    await cache.read(request(), loader.load);
    await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(2);
  });

  it('stores a value holding BigInts (bigint fields)', async () => {
    const { cache } = makeCache();
    const loader = counting({ big: 2n ** 63n - 1n });
    await cache.read(request(), loader.load);
    expect(await cache.read(request(), loader.load)).toEqual({ big: 2n ** 63n - 1n });
    expect(loader.calls()).toBe(1);
  });
});

describe('QueryCache stats', () => {
  it('counts per table and in total, with the hit rate and byte accounting', async () => {
    const { cache } = makeCache();
    await cache.read(request('products', ['a']), () => Promise.resolve({ n: 1 }));
    await cache.read(request('products', ['a']), () => Promise.resolve({ n: 1 }));
    await cache.read(request('products', ['a']), () => Promise.resolve({ n: 1 }));
    await cache.read(request('orders'), () => Promise.resolve([1, 2, 3]));
    const { total, tables } = cache.stats();
    const productBytes = estimateEntrySize(cacheKey(request('products', ['a'])), { n: 1 });
    const orderBytes = estimateEntrySize(cacheKey(request('orders')), [1, 2, 3]);
    expect(tables.products).toEqual({
      hits: 2, misses: 1, hitRate: 2 / 3, coalesced: 0, invalidations: 0, evictions: 0, entries: 1, bytes: productBytes,
    });
    expect(tables.orders).toMatchObject({ hits: 0, misses: 1, hitRate: 0, entries: 1, bytes: orderBytes });
    expect(total).toMatchObject({ hits: 2, misses: 2, hitRate: 0.5, entries: 2, bytes: productBytes + orderBytes });
    cache.invalidate('products');
    expect(cache.stats().tables.products).toMatchObject({ invalidations: 1, entries: 0, bytes: 0 });
    expect(cache.stats().total).toMatchObject({ invalidations: 1, entries: 1, bytes: orderBytes });
  });

  it('reports a hit rate of 0 before any read', () => {
    const { cache } = makeCache();
    expect(cache.stats()).toEqual({
      total: { hits: 0, misses: 0, hitRate: 0, coalesced: 0, invalidations: 0, evictions: 0, entries: 0, bytes: 0 },
      tables: {},
    });
  });
});

describe('QueryCache events', () => {
  it('emits hit and miss with the table and key, and stops after off', async () => {
    const { cache } = makeCache();
    const events: string[] = [];
    const onHit = ({ table }: { table: string }) => events.push(`hit:${table}`);
    const onMiss = ({ table, coalesced }: { table: string; coalesced: boolean }) => events.push(`miss:${table}:${coalesced}`);
    cache.on('hit', onHit);
    cache.on('miss', onMiss);
    const both = [cache.read(request(), () => Promise.resolve(1)), cache.read(request(), () => Promise.resolve(1))];
    await Promise.all(both);
    await cache.read(request(), () => Promise.resolve(1));
    cache.off('hit', onHit);
    cache.off('miss', onMiss);
    await cache.read(request(), () => Promise.resolve(1));
    await cache.read(request('orders'), () => Promise.resolve(1));
    expect(events).toEqual(['miss:products:false', 'miss:products:true', 'hit:products']);
  });

  it('emits invalidate with each origin', () => {
    const { cache } = makeCache();
    const seen: string[] = [];
    cache.on('invalidate', ({ table, origin }) => seen.push(`${table}:${origin}`));
    cache.invalidate('products');
    cache.invalidate('products', 'remote');
    cache.invalidate('products', 'webhook');
    cache.invalidate('products', 'resync');
    expect(seen).toEqual(['products:local', 'products:remote', 'products:webhook', 'products:resync']);
  });

  it('a throwing listener is reported as a warning and does not fail the read', async () => {
    const { cache } = makeCache();
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      cache.on('miss', () => {
        throw new Error('listener bug');
      });
      expect(await cache.read(request(), () => Promise.resolve(1))).toBe(1);
      expect(warn).toHaveBeenCalledOnce();
      expect(await cache.read(request(), () => Promise.resolve(2))).toBe(1);
    } finally {
      warn.mockRestore();
    }
  });
});
