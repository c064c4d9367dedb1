/**
 * Chaos: three application processes bridged over a private Redis that is killed and restarted while they
 * read and write one counter. While Redis is up (before and after the outage), a read that starts once an
 * instance has heard a write's invalidation must see that write; while it is down, no read may be staler
 * than the cache TTL (plus the length of a load that was in flight when the newer value was written).
 * Figures are printed; run: npx vitest run test/integration/bridge/chaos.test.ts
 */
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServerORM } from '../../../src/server/server-orm.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';
import { chaosTables } from '../../helpers/chaos-tables.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/redis-server.js';
import { InstanceProcess, type InstanceEvent } from './instance-process.js';

const SCRIPT = fileURLToPath(new URL('../../helpers/chaos-instance.ts', import.meta.url));
const DATABASE = 'chaos';
const TTL = 1_500;
/** A load that started before a newer value was written is stored when it ends, for a full TTL. */
const LOAD_SLACK = 750;
const OUTAGE_MS = 5_000;
const ROUNDS = 12;
const wait = { timeout: 15_000, interval: 20 };

let emu: AppwriteEmulator;
let redis: PrivateRedis;
let instances: InstanceProcess[] = [];
const writes: { value: number; committedAt: number }[] = [{ value: 0, committedAt: 0 }];
const figures = { writes: 0, strictReads: 0, outageReads: 0, maxOutageStalenessMs: 0, violations: 0 };
const violations: string[] = [];

beforeAll(async () => {
  emu = await startAppwriteEmulator({ columnDelayMs: 0 });
  redis = await startPrivateRedis();
  const orm = new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: DATABASE, cache: false, autoMigrate: true });
  const setup = await orm.init(chaosTables);
  await setup.table('versions').create({ value: 0 }, { id: 'v' });
  await setup.close();
  instances = ['a', 'b', 'c'].map((id) => new InstanceProcess({
    ENDPOINT: emu.endpoint, PROJECT_ID: emu.projectId, API_KEY: emu.apiKey, DATABASE_ID: DATABASE, REDIS_URL: redis.url,
    INSTANCE_ID: `chaos-${id}`, CACHE_TTL: String(TTL),
  }, SCRIPT));
  await Promise.all(instances.map((child) => child.waitForEvent((event) => event.event === 'ready', 40_000)));
}, 60_000);
afterAll(async () => {
  console.info(`chaos (3 processes, TTL ${TTL} ms, outage ${OUTAGE_MS} ms): ${JSON.stringify(figures)}${violations.length > 0 ? `\n${violations.join('\n')}` : ''}`);
  await Promise.all(instances.map(async (child) => {
    await child.request('close').catch(() => undefined);
    await child.stop();
  }));
  await redis.stop();
  await emu.close();
});

const latest = (): number => writes[writes.length - 1]?.value ?? 0;
const remote = (event: InstanceEvent): boolean => event.event === 'invalidate' && event.table === 'versions' && event.origin === 'remote';

async function write(writer: InstanceProcess): Promise<void> {
  const value = latest() + 1;
  await writer.request('write', { value });
  writes.push({ value, committedAt: performance.now() });
  figures.writes += 1;
}

/** A write on one instance, then, once each other instance has heard of it, reads that must all see it. */
async function strictRound(round: number): Promise<void> {
  const writer = instances[round % instances.length] as InstanceProcess;
  const others = instances.filter((child) => child !== writer);
  for (const child of others) child.events.length = 0;
  await write(writer);
  await Promise.all(others.map((child) => child.waitForEvent(remote)));
  const expected = latest();
  const seen = await Promise.all(instances.map((child) => child.request('read')));
  figures.strictReads += seen.length;
  seen.forEach((value, index) => {
    if (value === expected) return;
    figures.violations += 1;
    violations.push(`round ${round}: instance ${index} read ${String(value)} after hearing of ${expected}`);
  });
}

/** How long before `startedAt` a newer value than `value` had been written (0: the read was current). */
function staleness(value: number, startedAt: number): number {
  const newer = writes.find((entry) => entry.value > value && entry.committedAt < startedAt);
  return newer === undefined ? 0 : startedAt - newer.committedAt;
}

async function outageRead(child: InstanceProcess, index: number): Promise<void> {
  const startedAt = performance.now();
  const value = (await child.request('read')) as number;
  const stale = staleness(value, startedAt);
  figures.outageReads += 1;
  figures.maxOutageStalenessMs = Math.max(figures.maxOutageStalenessMs, Math.round(stale));
  if (stale > TTL + LOAD_SLACK) {
    figures.violations += 1;
    violations.push(`outage: instance ${index} read ${value}, ${Math.round(stale)} ms after a newer value was written`);
  }
}

describe('chaos: three processes bridged over a Redis that is killed and restarted', () => {
  it('no read is stale after an invalidation, none staler than the TTL while Redis is down, none after it is back', async () => {
    await Promise.all(instances.map((child) => vi.waitFor(async () => expect(await child.request('bridgeStats')).toMatchObject({ state: 'connected' }), wait)));
    for (let round = 0; round < ROUNDS; round++) await strictRound(round);

    await redis.kill();
    await Promise.all(instances.map((child) => child.waitForEvent((event) => event.event === 'warn')));
    const outageEnds = performance.now() + OUTAGE_MS;
    for (let tick = 0; performance.now() < outageEnds && tick < 1_000; tick++) {
      // Only one instance writes while Redis is down: the other two can rely on nothing but the TTL.
      if (tick % 4 === 0) await write(instances[0] as InstanceProcess);
      await Promise.all(instances.map((child, index) => outageRead(child, index)));
      await delay(40);
    }

    await redis.restart();
    await Promise.all(instances.map((child) => child.waitForEvent((event) => event.event === 'invalidate' && event.origin === 'resync')));
    await Promise.all(instances.map((child) => vi.waitFor(async () => expect(await child.request('bridgeStats')).toMatchObject({ state: 'connected', pending: 0 }), wait)));
    const afterResync = await Promise.all(instances.map((child) => child.request('read')));
    figures.strictReads += afterResync.length;
    expect(afterResync).toEqual(instances.map(() => latest()));
    await delay(200);
    for (let round = 0; round < ROUNDS; round++) await strictRound(round);

    expect(violations).toEqual([]);
    expect(figures.outageReads).toBeGreaterThan(30);
  }, 60_000);
});
