import { describe, expect, it } from 'vitest';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { products, useHandlesFixture } from './handles-fixture.js';
import { queryCacheOf } from '../../../src/server/database-impl.js';

let now = 0;
const clock = { now: () => now };
const fx = useHandlesFixture({ cache: new QueryCache({ ttl: 1_000, maxEntries: 1_000, maxBytes: 1 << 24, enabled: true, clock }), seedRows: 2 });

describe('TTL', () => {
  it('expires entries after the global TTL', async () => {
    const handle = fx.db.table('products');
    await handle.find();
    now += 999;
    await handle.find();
    expect(fx.count('listRows')).toBe(1);
    now += 2;
    await handle.find();
    expect(fx.count('listRows')).toBe(2);
  });

  it('honours a per-call TTL and cache: false', async () => {
    const products = fx.db.table('products');
    await products.get('p0', { ttl: 50 });
    now += 40;
    await products.get('p0', { ttl: 50 });
    expect(fx.count('getRow')).toBe(1);
    now += 20;
    await products.get('p0', { ttl: 50 });
    expect(fx.count('getRow')).toBe(2);
    await products.get('p0', { cache: false });
    expect(fx.count('getRow')).toBe(3);
  });

  it('honours a per-table TTL', async () => {
    const shortLived = { ...products, cache: { ttl: 100 } } as const;
    const db = fx.open({ cache: queryCacheOf(fx.db), tables: [shortLived] });
    await db.table('products').find();
    now += 101;
    await db.table('products').find();
    expect(fx.count('listRows')).toBe(2);
  });
});

