import { describe, expect, it, vi } from 'vitest';
import type { BridgeState } from '../../../src/bridge/bridge-stats.js';
import { Fixtures, usePrivateRedis, type Instance } from './bridge-fixtures.js';

const fixtures = new Fixtures();
const redis = usePrivateRedis(fixtures);
const wait = { timeout: 10_000, interval: 10 };

/** An instance on the private Redis whose every state change is recorded (an illegal one would throw in the handler and fail the test). */
function recorded(id: string, channel: string): { instance: Instance; states: BridgeState[] } {
  const instance = fixtures.instance({ redis: redis.url, channel, id });
  const states: BridgeState[] = [];
  instance.bridge.onStateChange(({ from, to }) => {
    expect(from).toBe(states.at(-1) ?? 'idle');
    states.push(to);
  });
  return { instance, states };
}

describe('the Redis bridge state machine driven by real connection losses (private redis-server)', () => {
  it('connecting, connected, reconnecting while the server is killed, connected again with one resync, then stopped and closed', async () => {
    const channel = fixtures.channel();
    const { instance: a, states } = recorded('a', channel);
    const b = fixtures.instance({ redis: redis.url, channel, id: 'b' });
    await Promise.all([a.bridge.start(), b.bridge.start()]);
    expect(states).toEqual(['connecting', 'connected']);
    await a.fill('products');

    await redis.kill();
    await vi.waitFor(() => expect(a.bridge.stats()).toMatchObject({ state: 'reconnecting', connections: { publisher: expect.not.stringMatching(/^ready$/), subscriber: expect.not.stringMatching(/^ready$/) } }), wait);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting']);
    expect(a.cache.isUpdated('products')).toBe(true);

    await redis.restart();
    await vi.waitFor(() => expect(a.bridge.state).toBe('connected'), wait);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(a.bridge.stats().resyncs).toBe(1);
    expect(a.cache.isUpdated('products')).toBe(false);
    expect(a.invalidations).toContainEqual({ table: 'products', origin: 'resync' });

    await vi.waitFor(() => expect(b.bridge.state).toBe('connected'), wait);
    await a.fill('orders');
    b.cache.invalidate('orders');
    await vi.waitFor(() => expect(a.cache.isUpdated('orders')).toBe(false), wait);

    await a.bridge.closeListeners();
    await a.bridge.close();
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected', 'stopped', 'closed']);
    await vi.waitFor(() => expect(a.bridge.stats().connections).toEqual({ publisher: 'end', subscriber: 'end' }), wait);
  });

  it('CLIENT KILL of its subscriber: reconnecting, then connected after subscribing again, with everything held invalidated', async () => {
    const channel = fixtures.channel();
    const { instance: a, states } = recorded('a', channel);
    await a.bridge.start();
    await a.fill('products');
    const admin = fixtures.redis(redis.url);

    expect(await admin.client('KILL', 'TYPE', 'pubsub')).toBe(1);
    await vi.waitFor(() => expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']), wait);
    expect(a.bridge.stats()).toMatchObject({ resyncs: 1, state: 'connected' });
    expect(a.warnings).toEqual([expect.stringContaining('lost its connection')]);
    expect(a.infos).toEqual([expect.stringContaining('connected again; every local table was invalidated')]);
    expect(a.cache.isUpdated('products')).toBe(false);
    expect(a.invalidations).toEqual([{ table: 'products', origin: 'resync' }]);

    // Subscribed again: another instance's message is applied.
    await a.fill('products');
    await admin.publish(channel, JSON.stringify({ v: 1, origin: 'x', db: 'main', table: 'products', seq: 1 }));
    await vi.waitFor(() => expect(a.cache.isUpdated('products')).toBe(false), wait);
    expect(a.bridge.stats()).toMatchObject({ applied: 1, resyncs: 1 });
  });

  it('CLIENT KILL of its publisher: reconnecting, then connected without a resync (no message was missed), announcing what waited', async () => {
    const channel = fixtures.channel();
    const { instance: a, states } = recorded('a', channel);
    await a.bridge.start();
    await a.fill('orders');
    const admin = fixtures.redis(redis.url);
    const listener = fixtures.redis(redis.url);
    const heard: string[] = [];
    listener.on('message', (_channel: string, message: string) => heard.push(message));
    await listener.subscribe(channel);

    // TYPE normal spares the subscriber (TYPE pubsub) and, by default, the connection that sends the command.
    expect(await admin.client('KILL', 'TYPE', 'normal')).toBe(1);
    await vi.waitFor(() => expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']), wait);
    expect(a.bridge.stats().resyncs).toBe(0);
    expect(a.cache.isUpdated('orders')).toBe(true);
    expect(a.infos).toEqual([expect.stringContaining('connected again; no message was missed')]);

    a.cache.invalidate('products');
    await vi.waitFor(() => expect(heard.map((message) => (JSON.parse(message) as { table: string }).table)).toEqual(['products']), wait);
  });

  it('starting with the server down stays connecting (not reconnecting) until it answers', async () => {
    await redis.kill();
    const { instance: a, states } = recorded('a', fixtures.channel());
    await a.bridge.start();
    expect(states).toEqual(['connecting']);
    expect(a.warnings).toHaveLength(1);
    await redis.restart();
    await vi.waitFor(() => expect(a.bridge.state).toBe('connected'), wait);
    expect(states).toEqual(['connecting', 'connected']);
    expect(a.bridge.stats().resyncs).toBe(1);
  });

  it('stopped while reconnecting stays stopped when the server comes back, then closes', async () => {
    const { instance: a, states } = recorded('a', fixtures.channel());
    await a.bridge.start();
    await redis.kill();
    await vi.waitFor(() => expect(a.bridge.state).toBe('reconnecting'), wait);
    await a.bridge.closeListeners();
    await redis.restart();
    await vi.waitFor(() => expect(a.bridge.stats().connections).toEqual({ publisher: 'ready', subscriber: 'ready' }), wait);
    expect(a.bridge.state).toBe('stopped');
    await a.bridge.close();
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'stopped', 'closed']);
    expect(a.bridge.stats()).toMatchObject({ resyncs: 0, state: 'closed' });
  });
});
