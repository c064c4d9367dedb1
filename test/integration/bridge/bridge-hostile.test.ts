import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeBridgeMessage } from '../../../src/bridge/bridge-message.js';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { Fixtures } from './bridge-fixtures.js';

const REDIS = 'redis://127.0.0.1:6379';
const fixtures = new Fixtures();
afterEach(() => fixtures.closeAll());

const message = (table: string, seq: number, origin = 'intruder'): string => encodeBridgeMessage({ v: 1, origin, db: 'main', table, seq });

describe('bridge messages from outside (shared Redis on 127.0.0.1:6379)', () => {
  it('creates no state for tables this instance never declared, whatever their names', async () => {
    const channel = fixtures.channel();
    const b = fixtures.instance({ redis: REDIS, channel, tables: ['products', 'orders'] });
    await b.bridge.start();
    await b.fill('products');
    const raw = fixtures.redis();
    const names = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', ...Array.from({ length: 2_000 }, (_, i) => `t${i}`)];
    for (const [i, name] of names.entries()) await raw.publish(channel, message(name, i + 1));
    await raw.publish(channel, message('orders', names.length + 1));

    await vi.waitFor(() => expect(b.bridge.stats().received).toBe(names.length + 1), { timeout: 10_000, interval: 10 });
    const tables = b.cache.stats().tables;
    expect(Object.getPrototypeOf(tables)).toBeNull();
    expect(Object.keys(tables).sort()).toEqual(['orders', 'products']);
    expect(b.bridge.stats()).toMatchObject({ ignoredUnknown: names.length, applied: 1, resyncs: 0 });
    expect(b.invalidations.filter((event) => event.origin === 'remote')).toEqual([{ table: 'orders', origin: 'remote' }]);
    expect(b.cache.isUpdated('products')).toBe(true);
  });

  it('still resynchronises on a gap even when the message after it names an unknown table', async () => {
    const channel = fixtures.channel();
    const b = fixtures.instance({ redis: REDIS, channel, tables: ['products'] });
    await b.bridge.start();
    await b.fill('products');
    const raw = fixtures.redis();
    await raw.publish(channel, message('elsewhere', 1));
    await raw.publish(channel, message('elsewhere', 5));
    await vi.waitFor(() => expect(b.bridge.stats().resyncs).toBe(1), { timeout: 5_000, interval: 5 });
    expect(b.cache.isUpdated('products')).toBe(false);
  });

  it('follows a bounded number of senders: past the bound it forgets them and resynchronises once', async () => {
    const channel = fixtures.channel();
    const b = fixtures.instance({ redis: REDIS, channel, tables: ['products'] });
    await b.bridge.start();
    const raw = fixtures.redis();
    for (let i = 0; i < 1_001; i++) await raw.publish(channel, message('elsewhere', 1, `origin-${i}`));
    await vi.waitFor(() => expect(b.bridge.stats().received).toBe(1_001), { timeout: 10_000, interval: 10 });
    expect(b.bridge.stats()).toMatchObject({ resyncs: 1, ignoredUnknown: 1_000 });
  });

  it('announces invalidateAll() as one "every table" message, which drops tables the sender never read', async () => {
    const channel = fixtures.channel();
    const a = fixtures.instance({ redis: REDIS, channel, id: 'a', tables: ['t1', 't2', 't3'] });
    const b = fixtures.instance({ redis: REDIS, channel, id: 'b', tables: ['t1', 't2', 't3', 'only-b'] });
    await Promise.all([a.bridge.start(), b.bridge.start()]);
    for (const table of ['t1', 't2', 't3']) await a.fill(table);
    for (const table of ['t1', 'only-b']) await b.fill(table);

    a.cache.invalidateAll('local');

    await vi.waitFor(() => expect(b.cache.isUpdated('only-b')).toBe(false), { timeout: 5_000, interval: 5 });
    await vi.waitFor(() => expect(a.bridge.stats().published).toBe(1));
    expect(b.cache.isUpdated('t1')).toBe(false);
    expect(b.bridge.stats()).toMatchObject({ received: 1, applied: 1 });
  });
});

describe('cache stats keyed by outside names', () => {
  it('keeps __proto__ and constructor as plain table entries of a prototype-free map', async () => {
    const cache = new QueryCache({ ttl: 60_000, maxEntries: 10, maxBytes: 1 << 20, enabled: true });
    cache.invalidate('__proto__', 'remote');
    await cache.read({ scope: 'key', table: 'constructor', operation: 'list', queries: [] }, () => Promise.resolve([]));
    const { tables, total } = cache.stats();
    expect(Object.getPrototypeOf(tables)).toBeNull();
    expect(Object.keys(tables).sort()).toEqual(['__proto__', 'constructor']);
    expect(tables['__proto__']?.invalidations).toBe(1);
    expect(tables['constructor']?.misses).toBe(1);
    expect(total).toMatchObject({ invalidations: 1, misses: 1 });
    expect(JSON.parse(JSON.stringify({ tables })).tables).toHaveProperty('constructor');
  });
});
