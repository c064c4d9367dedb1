import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultBridgeChannel } from '../../../src/bridge/bridge-channel.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';
import { bridgeTables } from '../../helpers/bridge-tables.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/redis-server.js';
import { InstanceProcess, type InstanceEvent } from './instance-process.js';

const DATABASE = 'shop';
const wait = { timeout: 15_000, interval: 20 };
let emu: AppwriteEmulator;
let redis: PrivateRedis;
let admin: Redis;
const children: InstanceProcess[] = [];

beforeAll(async () => {
  emu = await startAppwriteEmulator({ columnDelayMs: 0 });
  redis = await startPrivateRedis();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  admin.on('error', () => undefined);
  const orm = new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: DATABASE, cache: false });
  await orm.migrate(bridgeTables);
});
afterAll(async () => {
  await Promise.all(children.map((child) => child.stop()));
  admin.disconnect();
  await redis.stop();
  await emu.close();
});

async function launch(id: string): Promise<InstanceProcess> {
  const child = new InstanceProcess({ ENDPOINT: emu.endpoint, PROJECT_ID: emu.projectId, API_KEY: emu.apiKey, DATABASE_ID: DATABASE, REDIS_URL: redis.url, INSTANCE_ID: id });
  children.push(child);
  await child.waitForEvent((event) => event.event === 'ready', 30_000);
  return child;
}

async function subscribers(): Promise<number> {
  const reply = (await admin.call('PUBSUB', 'NUMSUB', defaultBridgeChannel(emu.projectId, DATABASE))) as [string, number];
  return Number(reply[1]);
}

const invalidated = (origin: string) => (event: InstanceEvent): boolean => event.event === 'invalidate' && event.table === 'products' && event.origin === origin;

describe('two application instances in separate processes, bridged by Redis', () => {
  let a: InstanceProcess;
  let b: InstanceProcess;

  it('a write on one instance invalidates the other; an instance ignores its own messages', async () => {
    [a, b] = await Promise.all([launch('instance-a'), launch('instance-b')]);
    await vi.waitFor(async () => expect(await subscribers()).toBe(2), wait);
    expect(await b.request('all')).toEqual([]);
    expect(await b.request('isUpdated')).toBe(true);

    await a.request('create', { name: 'Pen', price: 2 });
    await b.waitForEvent(invalidated('remote'));
    expect(await b.request('isUpdated')).toBe(false);
    expect(await b.request('all')).toEqual(['Pen']);
    expect(await a.request('all')).toEqual(['Pen']);
    expect(a.events.filter(invalidated('remote'))).toEqual([]);
    expect(await a.request('isUpdated')).toBe(true);
    await vi.waitFor(async () => expect(await a.request('bridgeStats')).toMatchObject({ published: 1, ignoredOwn: 1, applied: 0, state: 'connected' }), wait);
    expect(await b.request('bridgeStats')).toMatchObject({ published: 0, ignoredOwn: 0, applied: 1, resyncs: 0 });
  });

  it('keeps both serving reads and writes while Redis is down, then resyncs and reads fresh rows', async () => {
    await redis.kill();
    await Promise.all([a, b].map((child) => child.waitForEvent((event) => event.event === 'warn')));
    await a.request('create', { name: 'Ink', price: 3 });
    await b.request('create', { name: 'Mug', price: 5 });
    expect(await a.request('all')).toEqual(['Ink', 'Mug', 'Pen']);
    expect(await b.request('all')).toEqual(['Ink', 'Mug', 'Pen']);
    await a.request('create', { name: 'Cup', price: 4 });
    expect(await b.request('all')).toEqual(['Ink', 'Mug', 'Pen']);
    b.events.length = 0;

    await redis.restart();
    await b.waitForEvent(invalidated('resync'));
    expect(await b.request('isUpdated')).toBe(false);
    expect(await b.request('all')).toEqual(['Cup', 'Ink', 'Mug', 'Pen']);
    await b.waitForEvent((event) => event.event === 'info' && event.message.includes('connected again'));

    await vi.waitFor(async () => expect(await subscribers()).toBe(2), wait);
    a.events.length = 0;
    await b.request('create', { name: 'Lamp', price: 9 });
    await a.waitForEvent(invalidated('remote'));
    expect(await a.request('all')).toEqual(['Cup', 'Ink', 'Lamp', 'Mug', 'Pen']);
    expect(await b.request('bridgeStats')).toMatchObject({ resyncs: 1, pending: 0, state: 'connected' });
    await vi.waitFor(async () => expect(await a.request('bridgeStats')).toMatchObject({ resyncs: 1, pending: 0, published: 2 }), wait);
  });

  it('exits by itself after db.close()', async () => {
    for (const child of [a, b]) {
      expect(await child.request('close')).toBe('closed');
      child.endInput();
    }
    const codes = await Promise.race([Promise.all([a.exited, b.exited]), new Promise((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000).unref())]);
    expect(codes).toEqual([0, 0]);
  });

  it('starts with Redis down (init succeeds, one warning), connects when it returns, and still exits after close()', async () => {
    await redis.kill();
    const [c, d] = await Promise.all([launch('instance-c'), launch('instance-d')]);
    await c.waitForEvent((event) => event.event === 'warn');
    expect(await c.request('all')).toEqual(['Cup', 'Ink', 'Lamp', 'Mug', 'Pen']);
    await c.request('create', { name: 'Box', price: 1 });
    expect(await d.request('close')).toBe('closed');
    d.endInput();

    await redis.restart();
    await vi.waitFor(async () => expect(await subscribers()).toBe(1), wait);
    await c.waitForEvent(invalidated('resync'));
    expect(c.events.filter((event) => event.event === 'warn')).toHaveLength(1);
    expect(await c.request('close')).toBe('closed');
    c.endInput();
    const codes = await Promise.race([Promise.all([c.exited, d.exited]), new Promise((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000).unref())]);
    expect(codes).toEqual([0, 0]);
  });
});
