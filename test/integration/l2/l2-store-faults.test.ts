import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { L2Store } from '../../../src/cache/l2/l2-store.js';
import { FakeClock } from '../../unit/cache/cache-test-kit.js';
import { standaloneTarget, type L2Target } from './l2-targets.js';

const wait = { timeout: 10_000, interval: 10 };
const rows = { rows: [{ $id: 'p1' }] };
let target: L2Target;

beforeAll(async () => {
  target = await standaloneTarget();
});
afterEach(async () => {
  await target.closeAll();
  if (!target.server!.running) await target.server!.restart();
});
afterAll(() => target.stop());

/** A store on a connection the test can inspect, as `openL2Store` configures it. */
async function storeOnOwnConnection(databaseId: string, clock?: FakeClock): Promise<{ store: L2Store; connection: Redis }> {
  const connection = new Redis({ port: target.server!.port, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
  const store = new L2Store(connection, { databaseId, timeout: 100, ...(clock === undefined ? {} : { clock }) });
  await store.connect();
  return { store, connection };
}

describe('the shared cache tier through Redis failures (private redis-server)', () => {
  it('answers "miss" without failing while Redis is down, and after a restart uses a table again only once its owed bump is done', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const before = (await a.generations('products'))!;
    await a.set(before, 'k', rows, 60_000);

    await target.server!.kill();
    await vi.waitFor(() => expect(a.stats().state).toBe('down'), wait);
    expect(await a.generations('products')).toBeUndefined();
    expect(await a.get(before, 'k')).toBeUndefined();
    await a.set(before, 'k2', rows, 60_000);
    await a.bump('products');
    expect(a.stats()).toMatchObject({ bumps: 0, writes: 1 });
    expect(a.stats().skipped).toBeGreaterThanOrEqual(3);

    await target.server!.restart();
    await vi.waitFor(() => expect(a.stats().state).toBe('ready'), wait);
    await vi.waitFor(async () => expect(await a.generations('products')).toBeDefined(), wait);
    expect(a.stats()).toMatchObject({ bumps: 1, resyncs: 1 });
    const after = (await a.generations('products'))!;
    expect(after[0]![1]).toBeGreaterThan(before[0]![1]);
  });

  it('reads every generation again after its connection comes back, so an invalidation missed meanwhile is honoured', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const { store: b, connection } = await storeOnOwnConnection(databaseId);
    try {
      const seen = (await b.generations('products'))!;
      await b.set(seen, 'k', rows, 60_000);
      await a.bump('products');
      const admin = target.connection() as Redis;
      await admin.client('KILL', 'ID', String(await connection.client('ID')));
      await vi.waitFor(() => expect(b.stats()).toMatchObject({ state: 'ready', resyncs: 1 }), wait);
      const now = (await b.generations('products'))!;
      expect(now).toEqual(await a.generations('products'));
      expect(await b.get(now, 'k')).toBeUndefined();
    } finally {
      await b.close();
    }
  });

  it('gives up a command Redis does not answer within the timeout, stands aside for the cooldown, then comes back', async () => {
    const databaseId = target.database();
    const clock = new FakeClock(1_000);
    const { store: a } = await storeOnOwnConnection(databaseId, clock);
    const admin = target.connection() as Redis;
    try {
      const seen = (await a.generations('products'))!;
      await a.set(seen, 'k', rows, 60_000);
      await admin.client('PAUSE', '1000', 'ALL');
      expect(await a.get(seen, 'k')).toBeUndefined();
      expect(a.stats()).toMatchObject({ state: 'slow', timeouts: 1 });
      await a.bump('products');
      expect(a.stats().timeouts).toBe(1);
      expect(await a.generations('products')).toBeUndefined();

      await admin.client('UNPAUSE');
      clock.advance(1_000);
      await vi.waitFor(async () => expect(await a.generations('products')).toBeDefined(), wait);
      const after = (await a.generations('products'))!;
      expect(after[0]![1]).toBeGreaterThan(seen[0]![1]);
      expect(await a.get(after, 'k')).toBeUndefined();
      expect(a.stats().state).toBe('ready');
    } finally {
      await a.close();
    }
  });

  it('starts with Redis down: every call answers at once, and it serves once Redis is up', async () => {
    await target.server!.kill();
    const a = await target.store({ databaseId: target.database() });
    expect(a.stats().state).not.toBe('ready');
    expect(await a.generations('products')).toBeUndefined();
    await target.server!.restart();
    await vi.waitFor(async () => expect(await a.generations('products')).toBeDefined(), wait);
  });
});
