import { describe, expect, it } from 'vitest';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { OrmError } from '../../../src/errors/orm-error.js';
import { counting, makeCache, request } from './cache-test-kit.js';

describe('QueryCache.read: hits and misses', () => {
  it('loads once and answers the same read from the cache', async () => {
    const { cache } = makeCache();
    const loader = counting({ rows: [{ $id: 'p1', price: 2 }] });
    const first = await cache.read(request(), loader.load);
    const second = await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(1);
    expect(second).toBe(first);
    expect(second).toEqual({ rows: [{ $id: 'p1', price: 2 }] });
  });

  it('keeps scopes, tables, operations and queries apart', async () => {
    const { cache } = makeCache();
    const loader = counting(1);
    await cache.read(request('products', ['q1']), loader.load);
    await cache.read({ ...request('products', ['q1']), scope: 'jwt:u1' }, loader.load);
    await cache.read(request('orders', ['q1']), loader.load);
    await cache.read({ ...request('products', ['q1']), operation: 'count' }, loader.load);
    await cache.read(request('products', ['q1', 'q2']), loader.load);
    expect(loader.calls()).toBe(5);
    await cache.read(request('products', ['q1']), loader.load);
    expect(loader.calls()).toBe(5);
  });

  it('caches a null result and tells it from a miss', async () => {
    const { cache } = makeCache();
    const loader = counting(null);
    expect(await cache.read(request(), loader.load)).toBeNull();
    expect(await cache.read(request(), loader.load)).toBeNull();
    expect(loader.calls()).toBe(1);
    expect(cache.stats().total).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('caches an undefined result too', async () => {
    const { cache } = makeCache();
    const loader = counting(undefined);
    await cache.read(request(), loader.load);
    await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(1);
  });

  it('never caches an error and lets the next caller retry', async () => {
    const { cache } = makeCache();
    let calls = 0;
    const load = () => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('503')) : Promise.resolve('ok');
    };
    await expect(cache.read(request(), load)).rejects.toThrow('503');
    expect(await cache.read(request(), load)).toBe('ok');
    expect(calls).toBe(2);
    expect(cache.stats().total.entries).toBe(1);
  });

  it('handles a loader that throws synchronously', async () => {
    const { cache } = makeCache();
    const load = (): Promise<string> => {
      throw new Error('sync');
    };
    await expect(cache.read(request(), load)).rejects.toThrow('sync');
    expect(await cache.read(request(), () => Promise.resolve('ok'))).toBe('ok');
  });
});

describe('QueryCache.read: frozen values', () => {
  it('deep-freezes the value, and a miss returns the very object a hit returns', async () => {
    const { cache } = makeCache();
    const loader = counting({ rows: [{ $id: 'p1', tags: ['a'], meta: { at: '2024-01-01T00:00:00.000+00:00' } }] });
    const miss = await cache.read(request(), loader.load);
    const hit = await cache.read(request(), loader.load);
    expect(hit).toBe(miss);
    expect(Object.isFrozen(miss)).toBe(true);
    expect(Object.isFrozen(miss.rows[0]?.tags)).toBe(true);
    expect(Object.isFrozen(miss.rows[0]?.meta)).toBe(true);
    expect(() => {
      (miss.rows[0] as { $id: string }).$id = 'x';
    }).toThrow(TypeError);
    expect(typeof hit.rows[0]?.meta.at).toBe('string');
  });

  it('freezes results of bypassed reads too, so every path returns the same shape', async () => {
    const { cache } = makeCache();
    const value = await cache.read(request('products', [], { cache: false }), () => Promise.resolve({ a: { b: 1 } }));
    expect(Object.isFrozen(value.a)).toBe(true);
  });
});

describe('QueryCache.read: bypass', () => {
  it('cache: false loads every time and stores nothing', async () => {
    const { cache } = makeCache();
    const loader = counting(1);
    await cache.read(request('products', [], { cache: false }), loader.load);
    await cache.read(request('products', [], { cache: false }), loader.load);
    expect(loader.calls()).toBe(2);
    expect(cache.stats().total).toMatchObject({ hits: 0, misses: 0, entries: 0 });
    await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(3);
  });

  it('a disabled cache loads every read', async () => {
    const { cache } = makeCache({ enabled: false });
    const loader = counting(1);
    await cache.read(request(), loader.load);
    await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(2);
    expect(cache.stats().total.entries).toBe(0);
    expect(cache.isUpdated('products')).toBe(false);
  });
});

describe('QueryCache.read: TTL', () => {
  it('expires entries after the default TTL', async () => {
    const { cache, clock } = makeCache({ ttl: 1_000 });
    const loader = counting(1);
    await cache.read(request(), loader.load);
    clock.advance(1_000);
    await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(1);
    clock.advance(1);
    await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(2);
  });

  it('a per-call ttl overrides the default', async () => {
    const { cache, clock } = makeCache({ ttl: 1_000 });
    const loader = counting(1);
    await cache.read(request('products', [], { ttl: 10_000 }), loader.load);
    clock.advance(5_000);
    await cache.read(request('products', [], { ttl: 10_000 }), loader.load);
    expect(loader.calls()).toBe(1);
    await cache.read(request('orders', [], { ttl: 10 }), loader.load);
    clock.advance(11);
    await cache.read(request('orders', [], { ttl: 10 }), loader.load);
    expect(loader.calls()).toBe(3);
  });

  it('ttl 0 stores nothing; Infinity never expires', async () => {
    const { cache, clock } = makeCache();
    const loader = counting(1);
    await cache.read(request('a', [], { ttl: 0 }), loader.load);
    await cache.read(request('a', [], { ttl: 0 }), loader.load);
    expect(loader.calls()).toBe(2);
    await cache.read(request('b', [], { ttl: Number.POSITIVE_INFINITY }), loader.load);
    clock.advance(1e12);
    await cache.read(request('b', [], { ttl: Number.POSITIVE_INFINITY }), loader.load);
    expect(loader.calls()).toBe(3);
  });

  it('an expired entry no longer counts in entries and bytes once touched', async () => {
    const { cache, clock } = makeCache({ ttl: 100 });
    await cache.read(request(), () => Promise.resolve(1));
    clock.advance(101);
    await cache.read(request(), () => Promise.resolve(2));
    expect(cache.stats().total).toMatchObject({ entries: 1, evictions: 0 });
  });
});

describe('QueryCache options', () => {
  it.each([
    [{ ttl: -1 }, 'ttl'],
    [{ ttl: Number.NaN }, 'ttl'],
    [{ maxEntries: 0 }, 'maxEntries'],
    [{ maxBytes: 1.5 }, 'maxBytes'],
  ])('rejects %o', (bad, field) => {
    const build = () => new QueryCache({ ttl: 1, maxEntries: 1, maxBytes: 1, enabled: true, ...bad });
    expect(build).toThrow(OrmError);
    expect(build).toThrow(field);
  });

  it('works with the real clock when none is given', async () => {
    const cache = new QueryCache({ ttl: 60_000, maxEntries: 10, maxBytes: 100_000, enabled: true });
    const loader = counting(1);
    await cache.read(request(), loader.load);
    await cache.read(request(), loader.load);
    expect(loader.calls()).toBe(1);
  });
});
