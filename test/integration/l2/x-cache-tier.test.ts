import { randomUUID } from 'node:crypto';
import express from 'express';
import { Redis } from 'ioredis';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import type { CacheEventMap } from '../../../src/cache/cache-events.js';
import { cacheStatus } from '../../../src/express/cache-status.js';
import { defineTable } from '../../../src/schema/table-definition.js';
import type { Database } from '../../../src/server/database.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';

const tables = [defineTable({ name: 'products', schema: { name: { type: 'string', required: true, size: 64 } } })] as const;

const fixture = useEmulator({ columnDelayMs: 0 });

type Db = Database<typeof tables>;

/** An Express app over `db` with the cache status middleware, as an application mounts it. */
function appOf(db: Db): express.Express {
  const app = express();
  app.use(cacheStatus());
  app.get('/products', async (_req, res) => {
    res.json((await db.table('products').all()).map((row) => row.name));
  });
  app.get('/mixed/:id', async (req, res) => {
    const names = (await db.table('products').all()).map((row) => row.name);
    res.json({ names, one: (await db.table('products').get(req.params.id))?.name ?? null });
  });
  app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(503).json({ error: error.message });
  });
  return app;
}

const headers = (response: request.Response): [string | undefined, string | undefined, string | undefined] =>
  [response.headers['x-cache-status'], response.headers['x-cache-tier'], response.headers['x-cache-table']];

async function twoInstances(databaseId: string, cache: { ttl?: number; grace?: number } = {}): Promise<[Db, Db, string]> {
  const prefix = `test-${randomUUID()}:`;
  const config = { endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId, retry: { attempts: 1 },
    cache: { ...cache, redis: 'redis://127.0.0.1:6379', channel: `tier-${randomUUID()}`, l2: { prefix, timeout: 5_000 } } };
  await new ServerORM({ ...config, cache: false }).migrate(tables);
  const [a, b] = await Promise.all([new ServerORM(config).init(tables), new ServerORM(config).init(tables)]);
  return [a, b, prefix];
}

describe('X-Cache-Status and X-Cache-Tier with a shared tier, over HTTP', () => {
  it('a second instance answers its first request from Redis: HIT, tier l2; then from its memory: HIT, tier l1', async () => {
    const [a, b] = await twoInstances('tier');
    try {
      await a.table('products').create({ name: 'Pen' }, { id: 'pen' });
      await a.table('products').create({ name: 'Ink' }, { id: 'ink' });
      const l2Hits: CacheEventMap['l2Hit'][] = [];
      b.on('l2Hit', (event) => l2Hits.push(event));
      const appA = appOf(a);
      const appB = appOf(b);
      const listRows = () => fixture.emu.requests.count({ operation: 'listRows', databaseId: 'tier' });

      const first = await request(appA).get('/products');
      expect(first.body).toEqual(['Pen', 'Ink']);
      expect(headers(first)).toEqual(['MISS', undefined, 'products']);
      await vi.waitFor(() => expect(a.l2Stats()?.writes).toBe(1));

      const before = listRows();
      const operations: { outcome: string; requests: number }[] = [];
      const stopObserving = b.onOperation(({ outcome, requests }) => operations.push({ outcome, requests }));
      const fromRedis = await request(appB).get('/products');
      stopObserving();
      // Operation metrics agree with the header: the read did not go to Appwrite.
      expect(operations).toEqual([{ outcome: 'hit', requests: 0 }]);
      expect(fromRedis.body).toEqual(['Pen', 'Ink']);
      expect(headers(fromRedis)).toEqual(['HIT', 'l2', 'products']);
      expect(listRows()).toBe(before);
      expect(l2Hits).toEqual([{ table: 'products', key: expect.any(String) }]);
      expect(b.l2Stats()).toMatchObject({ hits: 1, tables: { products: { hits: 1 } } });
      // This process's memory missed it: its own counters say so.
      expect(b.stats().total).toMatchObject({ hits: 0, misses: 1 });

      expect(headers(await request(appB).get('/products'))).toEqual(['HIT', 'l1', 'products']);

      // Several reads in one request: the header lists every tier that answered, and any load makes it a MISS.
      await request(appA).get('/mixed/pen');
      await vi.waitFor(() => expect(a.l2Stats()?.writes).toBe(2));
      const mixed = await request(appB).get('/mixed/pen');
      expect(mixed.body).toEqual({ names: ['Pen', 'Ink'], one: 'Pen' });
      expect(headers(mixed)).toEqual(['HIT', 'l1, l2', 'products']);
      const loaded = await request(appB).get('/mixed/ink');
      expect(headers(loaded)).toEqual(['MISS', 'l1', 'products']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('grace: a Redis entry past its TTL stands in for a failed load on another instance (STALE, tier l2), never after an invalidation', async () => {
    const [a, b, prefix] = await twoInstances('tiergrace', { ttl: 1, grace: 600_000 });
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
    try {
      const appB = appOf(b);
      await a.table('products').create({ name: 'Pen' });
      expect((await a.table('products').all()).map((row) => row.name)).toEqual(['Pen']);
      await vi.waitFor(() => expect(a.l2Stats()?.writes).toBe(1));

      // Written for its TTL plus the grace period: Redis keeps it for the stand-in.
      await redis.connect();
      const keys = (await redis.keys(`${prefix}*`)).filter((key) => key.includes(':e:'));
      expect(keys).toHaveLength(1);
      expect(await redis.pttl(keys[0] ?? '')).toBeGreaterThan(500_000);

      const stale: CacheEventMap['stale'][] = [];
      b.on('stale', (event) => stale.push(event));
      const outage = fixture.emu.faults.add({ operation: 'listRows', status: 503 });
      const served = await request(appB).get('/products');
      expect(served.status).toBe(200);
      expect(served.body).toEqual(['Pen']);
      expect(headers(served)).toEqual(['STALE', 'l2', 'products']);
      expect(stale).toEqual([expect.objectContaining({ table: 'products', tier: 'l2' })]);
      expect(b.l2Stats()).toMatchObject({ hits: 0, stale: 1, tables: { products: { stale: 1 } } });

      // A write on the other instance: B is told, and the old entry never answers again, grace or not.
      outage.remove();
      const told = new Promise<void>((resolve) => b.on('invalidate', (event) => { if (event.table === 'products' && event.origin === 'remote') resolve(); }));
      await a.table('products').create({ name: 'Ink' });
      await told;
      fixture.emu.faults.add({ operation: 'listRows', status: 503 });
      const failed = await request(appB).get('/products');
      expect(failed.status).toBe(503);
      expect(headers(failed)).toEqual(['MISS', undefined, 'products']);
      // Nor on the writing instance, whose memory dropped its own entry.
      await expect(a.table('products').all()).rejects.toThrow();
      expect(await redis.exists(keys[0] ?? '')).toBe(1);
    } finally {
      fixture.emu.faults.clear();
      redis.disconnect();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
