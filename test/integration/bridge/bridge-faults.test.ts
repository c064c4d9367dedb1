import { describe, expect, it, vi } from 'vitest';
import { Fixtures, usePrivateRedis } from './bridge-fixtures.js';

const fixtures = new Fixtures();
const redis = usePrivateRedis(fixtures);
const wait = { timeout: 10_000, interval: 10 };

describe('the Redis bridge through Redis failures (private redis-server)', () => {
  it('keeps the caches working while Redis is down, then resynchronises and announces what it could not', async () => {
    const channel = fixtures.channel();
    const a = fixtures.instance({ redis: redis.url, channel, id: 'a' });
    const b = fixtures.instance({ redis: redis.url, channel, id: 'b' });
    await Promise.all([a.bridge.start(), b.bridge.start()]);
    await b.fill('products');
    await b.fill('orders');

    await redis.kill();
    await vi.waitFor(() => {
      expect(Object.values(a.bridge.stats().connections)).not.toContain('ready');
      expect(b.bridge.state).toBe('reconnecting');
    }, wait);
    a.cache.beginWrite('products')();
    a.cache.invalidate('products');
    a.cache.invalidate('reviews');
    expect(a.bridge.stats()).toMatchObject({ pending: 2, publishFailures: 3 });
    await b.fill('orders');
    expect(b.cache.isUpdated('orders')).toBe(true);
    expect(a.warnings).toEqual([expect.stringContaining('Redis invalidation bridge')]);
    expect(b.warnings).toHaveLength(1);

    await redis.restart();
    await vi.waitFor(() => expect([a.bridge.state, b.bridge.state]).toEqual(['connected', 'connected']), wait);
    await vi.waitFor(() => expect(a.bridge.stats()).toMatchObject({ pending: 0, published: 2 }), wait);
    expect(b.bridge.stats().resyncs).toBe(1);
    expect(b.cache.isUpdated('orders')).toBe(false);
    expect(b.invalidations).toContainEqual({ table: 'orders', origin: 'resync' });
    expect(b.infos).toEqual([expect.stringContaining('connected again')]);
    expect(b.warnings).toHaveLength(1);

    const applied = b.bridge.stats().applied;
    await b.fill('orders');
    a.cache.invalidate('orders');
    await vi.waitFor(() => expect(b.cache.isUpdated('orders')).toBe(false), wait);
    expect(b.bridge.stats().applied).toBe(applied + 1);
  });

  it('starts with Redis down (one warning), then connects and resynchronises when it comes back', async () => {
    await redis.kill();
    const channel = fixtures.channel();
    const a = fixtures.instance({ redis: redis.url, channel, id: 'a' });
    await a.bridge.start();
    expect(a.bridge.state).toBe('connecting');
    expect(a.warnings).toHaveLength(1);
    await a.fill('products');
    a.cache.invalidate('products');
    await a.fill('products');

    await redis.restart();
    await vi.waitFor(() => expect(a.bridge.state).toBe('connected'), wait);
    expect(a.warnings).toHaveLength(1);
    expect(a.bridge.stats().resyncs).toBe(1);
    expect(a.cache.isUpdated('products')).toBe(false);
    await vi.waitFor(() => expect(a.bridge.stats()).toMatchObject({ published: 1, pending: 0 }), wait);
  });

  it('announces after its publisher reconnects what it could not send, collapsed past the bound', async () => {
    const channel = fixtures.channel();
    const publisher = fixtures.redis(redis.url);
    const a = fixtures.instance({ redis: publisher, channel, id: 'a', pendingLimit: 3 });
    const b = fixtures.instance({ redis: redis.url, channel, id: 'b' });
    await Promise.all([a.bridge.start(), b.bridge.start()]);
    await Promise.all([b.fill('products'), b.fill('orders')]);
    publisher.disconnect();
    await vi.waitFor(() => expect(publisher.status).toBe('end'), wait);
    a.cache.invalidate('products');
    a.cache.invalidate('products');
    expect(a.bridge.stats()).toMatchObject({ pending: 1, publishFailures: 2, published: 0 });
    await publisher.connect();
    await vi.waitFor(() => expect(b.invalidations).toEqual([{ table: 'products', origin: 'remote' }]), wait);
    expect(b.cache.isUpdated('orders')).toBe(true);

    publisher.disconnect();
    await vi.waitFor(() => expect(publisher.status).toBe('end'), wait);
    for (const table of ['t1', 't2', 't3', 't4', 't1']) a.cache.invalidate(table);
    expect(a.bridge.stats().pending).toBe(1);
    await publisher.connect();
    await vi.waitFor(() => expect(b.cache.isUpdated('orders')).toBe(false), wait);
    expect(b.bridge.stats()).toMatchObject({ applied: 2, resyncs: 0 });
    expect(a.bridge.stats()).toMatchObject({ published: 2, pending: 0 });
  });
});
