import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';
import { bridgeTables } from '../../helpers/bridge-tables.js';
import { startRedisCluster, type PrivateRedisCluster } from '../../helpers/redis-cluster.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/redis-server.js';
import { InstanceProcess, type InstanceEvent } from '../bridge/instance-process.js';

const wait = { timeout: 15_000, interval: 20 };
const fixture = useEmulator({ columnDelayMs: 0 });
let databases = 0;


const invalidated = (origin: string) => (event: InstanceEvent): boolean => event.event === 'invalidate' && event.table === 'products' && event.origin === origin;

/** Instances of one database on the emulator, sharing one Redis deployment. */
async function deployment(redisEnv: Record<string, string>): Promise<{ launch(id: string): Promise<InstanceProcess>; listRows(): number; stop(): Promise<void> }> {
  const databaseId = `l2shop${++databases}`;
  const orm = new ServerORM({ endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId, cache: false });
  await orm.migrate(bridgeTables);
  const children: InstanceProcess[] = [];
  return {
    async launch(id) {
      const child = new InstanceProcess({ ENDPOINT: fixture.emu.endpoint, PROJECT_ID: fixture.emu.projectId, API_KEY: fixture.emu.apiKey, DATABASE_ID: databaseId, INSTANCE_ID: id, L2: '1', ...redisEnv });
      children.push(child);
      await child.waitForEvent((event) => event.event === 'ready', 30_000);
      return child;
    },
    listRows: () => fixture.emu.requests.count({ operation: 'listRows', databaseId }),
    stop: async () => {
      await Promise.all(children.map((child) => child.stop()));
    },
  };
}

describe('instances in separate processes sharing the cache tier in a Redis Cluster', () => {
  let cluster: PrivateRedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(() => cluster.stop());

  it('a second instance\'s first read costs Appwrite nothing; a write on one is never followed by a stale read on the other', async () => {
    const shop = await deployment({ CLUSTER_NODES: cluster.ports.map((port) => `127.0.0.1:${port}`).join(','), REDIS_URL: 'unused' });
    try {
      const a = await shop.launch('cluster-a');
      expect(await a.request('all')).toEqual([]);
      expect(shop.listRows()).toBe(1);
      const b = await shop.launch('cluster-b');
      await vi.waitFor(async () => expect(await a.request('l2Stats')).toMatchObject({ writes: 1 }), wait);
      expect(await b.request('all')).toEqual([]);
      expect(shop.listRows()).toBe(1);

      await a.request('create', { name: 'Pen', price: 2 });
      await b.waitForEvent(invalidated('remote'));
      expect(await b.request('all')).toEqual(['Pen']);
      expect(await a.request('all')).toEqual(['Pen']);
      expect(await b.request('l2Stats')).toMatchObject({ state: 'ready', hits: 1 });
    } finally {
      await shop.stop();
    }
  });
});

describe('instances in separate processes sharing the cache tier in standalone Redis', () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterAll(() => redis.stop());

  it('a restarted instance reads from Redis; a Redis killed and restarted mid-run never makes a read fail or go stale', async () => {
    const shop = await deployment({ REDIS_URL: redis.url });
    try {
      const a = await shop.launch('a');
      await a.request('create', { name: 'Pen', price: 2 });
      expect(await a.request('all')).toEqual(['Pen']);
      const before = shop.listRows();
      await vi.waitFor(async () => expect(await a.request('l2Stats')).toMatchObject({ writes: 1 }), wait);

      const b = await shop.launch('b');
      expect(await b.request('all')).toEqual(['Pen']);
      expect(await b.request('close')).toBe('closed');
      const restarted = await shop.launch('b-restarted');
      expect(await restarted.request('all')).toEqual(['Pen']);
      expect(shop.listRows()).toBe(before);

      await redis.kill();
      await a.waitForEvent((event) => event.event === 'warn');
      await a.request('create', { name: 'Ink', price: 3 });
      expect(await a.request('all')).toEqual(['Ink', 'Pen']);
      expect(await restarted.request('all')).toEqual(['Pen']);

      await redis.restart();
      await restarted.waitForEvent(invalidated('resync'));
      expect(await restarted.request('all')).toEqual(['Ink', 'Pen']);
      await vi.waitFor(async () => expect(await a.request('l2Stats')).toMatchObject({ state: 'ready' }), wait);
      // The announcement of Ink, held while Redis was down, goes out once a's bridge is back and may reach
      // the restarted instance: let it land, then wait for the announcement of Mug.
      await vi.waitFor(async () => expect(await a.request('bridgeStats')).toMatchObject({ state: 'connected', pending: 0 }), wait);
      await vi.waitFor(async () => expect(await restarted.request('bridgeStats')).toMatchObject({ state: 'connected' }), wait);
      const earlier = restarted.events.filter(invalidated('remote'));
      await a.request('create', { name: 'Mug', price: 5 });
      await restarted.waitForEvent((event) => invalidated('remote')(event) && !earlier.includes(event));
      expect(await restarted.request('all')).toEqual(['Ink', 'Mug', 'Pen']);
    } finally {
      await shop.stop();
    }
  });
});
