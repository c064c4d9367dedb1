import { Cluster, Redis, type ClusterOptions } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedisCluster, type PrivateRedisCluster } from '../../helpers/redis-cluster.js';
import { Fixtures } from './bridge-fixtures.js';

const fixtures = new Fixtures();
const wait = { timeout: 10_000, interval: 10 };
let cluster: PrivateRedisCluster;
/** A cluster whose nodes do not know sharded pub/sub, as a Redis 6 Cluster. */
let oldCluster: PrivateRedisCluster;
const closers: (() => void)[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster();
  oldCluster = await startRedisCluster(['--rename-command', 'SSUBSCRIBE', '', '--rename-command', 'SPUBLISH', '']);
});
afterEach(async () => {
  await fixtures.closeAll();
  for (const close of closers.splice(0)) close();
});
afterAll(async () => {
  await cluster.stop();
  await oldCluster.stop();
});

/** A user's Cluster client, as `cache.redis` takes it. */
function clusterClient(on: PrivateRedisCluster, options: ClusterOptions = {}): Cluster {
  const client = new Cluster([...on.nodes], { lazyConnect: true, ...options });
  client.on('error', () => undefined);
  closers.push(() => client.disconnect());
  return client;
}

/** A plain connection to one node, without cluster redirection. */
function node(port: number): Redis {
  const client = new Redis({ host: '127.0.0.1', port });
  client.on('error', () => undefined);
  closers.push(() => client.disconnect());
  return client;
}

/** Per node, `[plain subscribers, sharded subscribers]` of `channel` on that node. */
async function subscribers(on: PrivateRedisCluster, channel: string): Promise<[number, number][]> {
  return Promise.all(on.ports.map(async (port) => {
    const client = node(port);
    const plain = await client.call('PUBSUB', 'NUMSUB', channel) as [string, number];
    const sharded = await client.call('PUBSUB', 'SHARDNUMSUB', channel) as [string, number];
    return [Number(plain[1]), Number(sharded[1])];
  }));
}

describe('the Redis bridge on a Redis Cluster uses sharded pub/sub', () => {
  it('subscribes with SSUBSCRIBE on the one node serving the channel\'s slot and publishes with SPUBLISH, which no plain subscriber hears', async () => {
    const channel = fixtures.channel();
    const a = fixtures.instance({ redis: clusterClient(cluster), channel, id: 'a' });
    const b = fixtures.instance({ redis: clusterClient(cluster), channel, id: 'b' });
    await Promise.all([a.bridge.start(), b.bridge.start()]);
    await vi.waitFor(() => expect([a.bridge.state, b.bridge.state]).toEqual(['connected', 'connected']), wait);

    const counts = await subscribers(cluster, channel);
    expect(counts.map(([plain]) => plain)).toEqual([0, 0, 0]);
    expect(counts.map(([, sharded]) => sharded).sort()).toEqual([0, 0, 2]);
    const owner = cluster.ports[counts.findIndex(([, sharded]) => sharded === 2)] ?? 0;

    // A plain subscriber on every node would hear a PUBLISH (the cluster bus copies it everywhere); SPUBLISH stays in its shard.
    const plainHeard: string[] = [];
    for (const port of cluster.ports) {
      const listener = node(port);
      listener.on('message', (_channel: string, message: string) => plainHeard.push(message));
      await listener.subscribe(channel);
    }
    const shardHeard: string[] = [];
    const shardListener = node(owner);
    shardListener.on('smessage', (_channel: string, message: string) => shardHeard.push(message));
    await shardListener.ssubscribe(channel);

    await b.fill('products');
    a.cache.invalidate('products');
    await vi.waitFor(() => expect(b.cache.isUpdated('products')).toBe(false), wait);
    expect(b.invalidations).toEqual([{ table: 'products', origin: 'remote' }]);
    await vi.waitFor(() => expect(shardHeard).toHaveLength(1), wait);
    expect(JSON.parse(shardHeard[0] ?? '{}')).toMatchObject({ origin: 'a', table: 'products', seq: 1 });
    expect(plainHeard).toEqual([]);
    expect(a.bridge.stats()).toMatchObject({ published: 1, publishFailures: 0 });
    expect(a.warnings).toEqual([]);
  });

  it('notices when ioredis replaces the shard\'s subscriber connection (CLIENT KILL on the slot\'s node): reconnecting, then connected with a resync', async () => {
    const channel = fixtures.channel();
    const a = fixtures.instance({ redis: clusterClient(cluster), channel, id: 'a' });
    const b = fixtures.instance({ redis: clusterClient(cluster), channel, id: 'b' });
    const states: string[] = [];
    b.bridge.onStateChange(({ to }) => states.push(to));
    await Promise.all([a.bridge.start(), b.bridge.start()]);
    await vi.waitFor(() => expect([a.bridge.state, b.bridge.state]).toEqual(['connected', 'connected']), wait);
    const counts = await subscribers(cluster, channel);
    const owner = node(cluster.ports[counts.findIndex(([, sharded]) => sharded === 2)] ?? 0);
    await b.fill('products');

    expect(await owner.client('KILL', 'TYPE', 'pubsub')).toBe(2);
    await vi.waitFor(() => expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']), wait);
    expect(b.bridge.stats().resyncs).toBe(1);
    expect(b.cache.isUpdated('products')).toBe(false);
    expect(b.invalidations).toEqual([{ table: 'products', origin: 'resync' }]);
    await vi.waitFor(async () => expect((await subscribers(cluster, channel)).map(([, sharded]) => sharded).sort()).toEqual([0, 0, 2]), wait);

    await b.fill('products');
    a.cache.invalidate('products');
    await vi.waitFor(() => expect(b.cache.isUpdated('products')).toBe(false), wait);
    expect(b.bridge.stats()).toMatchObject({ applied: 1, resyncs: 1 });
  });

  it('hears its channel under the Cluster\'s keyPrefix, which ioredis puts before a sharded channel as before any key', async () => {
    const channel = fixtures.channel();
    const a = fixtures.instance({ redis: clusterClient(cluster, { keyPrefix: 'app:' }), channel, id: 'a' });
    const b = fixtures.instance({ redis: clusterClient(cluster, { keyPrefix: 'app:' }), channel, id: 'b' });
    await Promise.all([a.bridge.start(), b.bridge.start()]);
    await vi.waitFor(() => expect([a.bridge.state, b.bridge.state]).toEqual(['connected', 'connected']), wait);
    expect((await subscribers(cluster, `app:${channel}`)).map(([, sharded]) => sharded).sort()).toEqual([0, 0, 2]);

    await b.fill('orders');
    a.cache.invalidate('orders');
    await vi.waitFor(() => expect(b.cache.isUpdated('orders')).toBe(false), wait);
    await vi.waitFor(() => expect(a.bridge.stats()).toMatchObject({ published: 1, ignoredOwn: 1 }), wait);
  });

  it('uses plain pub/sub, with one warning, on a Cluster that does not know SSUBSCRIBE (Redis before 7)', async () => {
    const channel = fixtures.channel();
    const a = fixtures.instance({ redis: clusterClient(oldCluster), channel, id: 'a' });
    const b = fixtures.instance({ redis: clusterClient(oldCluster), channel, id: 'b' });
    await Promise.all([a.bridge.start(), b.bridge.start()]);
    await vi.waitFor(() => expect([a.bridge.state, b.bridge.state]).toEqual(['connected', 'connected']), wait);
    for (const instance of [a, b]) expect(instance.warnings).toEqual([expect.stringContaining('does not know sharded pub/sub')]);
    const counts = await subscribers(oldCluster, channel);
    expect(counts.reduce((sum, [plain]) => sum + plain, 0)).toBe(2);

    await b.fill('products');
    a.cache.invalidate('products');
    await vi.waitFor(() => expect(b.cache.isUpdated('products')).toBe(false), wait);
    expect(b.bridge.stats()).toMatchObject({ applied: 1, resyncs: 0 });
    expect(a.bridge.stats()).toMatchObject({ published: 1 });
  });
});
