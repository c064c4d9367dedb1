import { Cluster } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedisCluster, type PrivateRedisCluster } from '../../helpers/redis-cluster.js';
import { Fixtures } from '../bridge/bridge-fixtures.js';

const fixtures = new Fixtures();
const wait = { timeout: 10_000, interval: 10 };
let cluster: PrivateRedisCluster;
const clients: Cluster[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster();
});
afterEach(async () => {
  await fixtures.closeAll();
  for (const client of clients.splice(0)) client.disconnect();
});
afterAll(() => cluster.stop());

/** A user's Cluster client, as `cache.redis` takes it (the bridge publishes through it and subscribes on a duplicate). */
function clusterClient(): Cluster {
  const client = new Cluster([...cluster.nodes], { lazyConnect: true });
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

describe('the Redis bridge on a three-master Redis Cluster', () => {
  it('a write on one instance invalidates the table on the other, once; its own messages are ignored', async () => {
    const channel = fixtures.channel();
    const a = fixtures.instance({ redis: clusterClient(), channel, id: 'a' });
    const b = fixtures.instance({ redis: clusterClient(), channel, id: 'b' });
    await Promise.all([a.bridge.start(), b.bridge.start()]);
    await vi.waitFor(() => expect([a.bridge.state, b.bridge.state]).toEqual(['connected', 'connected']), wait);
    await b.fill('products');
    await b.fill('orders');

    a.cache.beginWrite('products')();
    await vi.waitFor(() => expect(b.cache.isUpdated('products')).toBe(false), wait);
    expect(b.cache.isUpdated('orders')).toBe(true);
    expect(b.invalidations).toEqual([{ table: 'products', origin: 'remote' }]);
    await vi.waitFor(() => expect(a.bridge.stats()).toMatchObject({ published: 1, ignoredOwn: 1 }), wait);

    a.cache.invalidateAll('local');
    await vi.waitFor(() => expect(b.cache.isUpdated('orders')).toBe(false), wait);
    expect(b.bridge.stats()).toMatchObject({ applied: 2, resyncs: 0, malformed: 0 });
  });
});
