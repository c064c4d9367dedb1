import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachRedisBridge } from '../../../src/bridge/bridge-attach.js';
import { defaultBridgeChannel } from '../../../src/bridge/bridge-channel.js';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { Fixtures } from './bridge-fixtures.js';

const REDIS = 'redis://127.0.0.1:6379';
const fixtures = new Fixtures();
afterEach(() => fixtures.closeAll());

async function startedPair(channel = fixtures.channel()) {
  const a = fixtures.instance({ redis: REDIS, channel, id: 'a' });
  const b = fixtures.instance({ redis: REDIS, channel, id: 'b' });
  await Promise.all([a.bridge.start(), b.bridge.start()]);
  expect(a.bridge.state).toBe('connected');
  expect(b.bridge.state).toBe('connected');
  return { a, b };
}

describe('the Redis bridge between two caches (shared Redis on 127.0.0.1:6379)', () => {
  it('a write on one instance invalidates the same table on the other, once', async () => {
    const { a, b } = await startedPair();
    await b.fill('products');
    await b.fill('orders');
    expect(b.cache.isUpdated('products')).toBe(true);

    a.cache.beginWrite('products')();

    await vi.waitFor(() => expect(b.cache.isUpdated('products')).toBe(false), { timeout: 5_000, interval: 5 });
    expect(b.cache.isUpdated('orders')).toBe(true);
    expect(b.invalidations).toEqual([{ table: 'products', origin: 'remote' }]);
    await vi.waitFor(() => expect(a.bridge.stats().published).toBe(1));
    expect(b.bridge.stats()).toMatchObject({ received: 1, applied: 1, published: 0, resyncs: 0, malformed: 0 });
  });

  it('ignores its own messages and never re-publishes what it received', async () => {
    const { a, b } = await startedPair();
    await a.fill('products');
    a.cache.invalidate('products', 'local');
    await vi.waitFor(() => expect(a.bridge.stats().ignoredOwn).toBe(1), { timeout: 5_000, interval: 5 });
    await vi.waitFor(() => expect(b.bridge.stats().applied).toBe(1), { timeout: 5_000, interval: 5 });
    expect(a.invalidations).toEqual([{ table: 'products', origin: 'local' }]);
    expect(b.bridge.stats().published).toBe(0);
    expect(a.bridge.stats().received).toBe(1);
  });

  it('publishes local and webhook invalidations, not remote or resync ones', async () => {
    const { a, b } = await startedPair();
    a.cache.invalidate('t1', 'webhook');
    a.cache.invalidate('t2', 'remote');
    a.cache.invalidate('t3', 'resync');
    a.cache.setUpdated('t4', false);
    await vi.waitFor(() => expect(b.bridge.stats().applied).toBe(2), { timeout: 5_000, interval: 5 });
    expect(b.invalidations.map((event) => event.table)).toEqual(['t1', 't4']);
    expect(a.bridge.stats().published).toBe(2);
  });

  it('keeps two databases on one Redis apart: default channels differ, and a shared channel checks the database', async () => {
    const one = fixtures.instance({ redis: REDIS, channel: defaultBridgeChannel('p', 'one'), databaseId: 'one' });
    const two = fixtures.instance({ redis: REDIS, channel: defaultBridgeChannel('p', 'two'), databaseId: 'two' });
    const shared = fixtures.channel();
    const three = fixtures.instance({ redis: REDIS, channel: shared, databaseId: 'three' });
    const four = fixtures.instance({ redis: REDIS, channel: shared, databaseId: 'four' });
    await Promise.all([one, two, three, four].map((instance) => instance.bridge.start()));
    for (const instance of [one, two, three, four]) await instance.fill('products');

    one.cache.invalidate('products');
    three.cache.invalidate('products');
    await vi.waitFor(() => expect(four.bridge.stats().ignoredForeign).toBe(1), { timeout: 5_000, interval: 5 });
    await vi.waitFor(() => expect(one.bridge.stats().ignoredOwn).toBe(1), { timeout: 5_000, interval: 5 });
    expect(two.bridge.stats().received).toBe(0);
    expect(two.cache.isUpdated('products')).toBe(true);
    expect(four.cache.isUpdated('products')).toBe(true);
  });

  it('counts malformed and foreign payloads, warns once, and keeps working', async () => {
    const channel = fixtures.channel();
    const { a, b } = await startedPair(channel);
    await b.fill('products');
    const raw = fixtures.redis();
    const payloads = ['garbage', '{"v":2,"origin":"x","db":"main","table":"products","seq":1}', '{"v":1}', JSON.stringify({ v: 1, origin: 'x', db: 'main', table: 'products', seq: -1 })];
    for (const payload of payloads) await raw.publish(channel, payload);
    await raw.publish(channel, JSON.stringify({ v: 1, origin: 'x', db: 'other', table: 'products', seq: 1 }));
    await vi.waitFor(() => expect(b.bridge.stats()).toMatchObject({ malformed: 4, ignoredForeign: 1 }), { timeout: 5_000, interval: 5 });
    expect(b.warnings).toHaveLength(1);
    expect(b.warnings[0]).toContain('malformed');
    expect(b.cache.isUpdated('products')).toBe(true);

    a.cache.invalidate('products');
    await vi.waitFor(() => expect(b.cache.isUpdated('products')).toBe(false), { timeout: 5_000, interval: 5 });
    expect(b.warnings).toHaveLength(1);
  });

  it('treats a gap in a sender\'s numbers as missed messages and resynchronises every table', async () => {
    const channel = fixtures.channel();
    const { b } = await startedPair(channel);
    await b.fill('products');
    await b.fill('orders');
    const raw = fixtures.redis();
    const send = (seq: number, table = 'products') => raw.publish(channel, JSON.stringify({ v: 1, origin: 'x', db: 'main', table, seq }));
    await send(1);
    await send(2);
    await vi.waitFor(() => expect(b.bridge.stats().applied).toBe(2), { timeout: 5_000, interval: 5 });
    expect(b.bridge.stats().resyncs).toBe(0);
    await b.fill('products');
    await send(5);
    await vi.waitFor(() => expect(b.bridge.stats().resyncs).toBe(1), { timeout: 5_000, interval: 5 });
    expect(b.cache.isUpdated('orders')).toBe(false);
    expect(b.invalidations.filter((event) => event.origin === 'resync').map((event) => event.table).sort()).toEqual(['orders', 'products']);
  });

  it('applies an "all tables" message to every table', async () => {
    const channel = fixtures.channel();
    const { b } = await startedPair(channel);
    await b.fill('products');
    await b.fill('orders');
    await fixtures.redis().publish(channel, JSON.stringify({ v: 1, origin: 'x', db: 'main', table: '*', seq: 1 }));
    await vi.waitFor(() => expect(b.invalidations).toHaveLength(2), { timeout: 5_000, interval: 5 });
    expect(b.invalidations.every((event) => event.origin === 'remote')).toBe(true);
    expect(b.bridge.stats().resyncs).toBe(0);
  });

  it('drops what was cached before its first subscription, without counting a resync', async () => {
    const a = fixtures.instance({ redis: REDIS, channel: fixtures.channel() });
    await a.fill('products');
    await a.bridge.start();
    expect(a.cache.isUpdated('products')).toBe(false);
    expect(a.invalidations).toEqual([{ table: 'products', origin: 'resync' }]);
    expect(a.bridge.stats().resyncs).toBe(0);
  });

  it('is started by attachRedisBridge only when cache.redis is set', async () => {
    const channel = fixtures.channel();
    const a = fixtures.instance({ redis: REDIS, channel, id: 'a' });
    await a.bridge.start();
    await a.fill('products');
    const cache = new QueryCache({ ttl: 60_000, maxEntries: 100, maxBytes: 1 << 20, enabled: true });
    const warn = (message: string): void => void message;
    expect(attachRedisBridge(cache, { databaseId: 'main', cache: false }, { warn })).toBeUndefined();
    expect(attachRedisBridge(cache, { databaseId: 'main', cache: { channel, instanceId: 'attached' } }, { warn })).toBeUndefined();
    const bridge = attachRedisBridge(cache, { databaseId: 'main', cache: { redis: REDIS, channel, instanceId: 'attached' } }, { warn });
    expect(bridge).toBeDefined();
    try {
      await vi.waitFor(() => expect(bridge?.state).toBe('connected'), { timeout: 5_000, interval: 5 });
      cache.invalidate('products');
      await vi.waitFor(() => expect(a.cache.isUpdated('products')).toBe(false), { timeout: 5_000, interval: 5 });
    } finally {
      await bridge?.close();
    }
  });

  it('stops publishing and receiving after closeListeners()', async () => {
    const { a, b } = await startedPair();
    await b.fill('products');
    await b.bridge.closeListeners();
    a.cache.invalidate('products');
    b.cache.invalidate('orders');
    await vi.waitFor(() => expect(a.bridge.stats().ignoredOwn).toBe(1), { timeout: 5_000, interval: 5 });
    expect(b.bridge.stats()).toMatchObject({ received: 0, published: 0, state: 'stopped' });
    expect(a.bridge.stats().received).toBe(1);
    expect(b.cache.isUpdated('products')).toBe(true);
  });
});
