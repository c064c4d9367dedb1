import { randomUUID } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { cacheAdmin } from '../../../src/express/cache-admin.js';
import { defineTable } from '../../../src/schema/table-definition.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';

const tables = [defineTable({ name: 'products', schema: { name: { type: 'string', required: true, size: 64 } } })] as const;
const authorize = (req: express.Request): boolean => req.header('authorization') === 'Bearer admin';

const fixture = useEmulator({ columnDelayMs: 0 });

describe('the shared tier in the admin router', () => {
  it('GET /l2 shows the tier\'s counters per table and the memory and evictions of Redis', async () => {
    const db = await new ServerORM({ endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId: 'admin', autoMigrate: true,
      cache: { redis: 'redis://127.0.0.1:6379', l2: { prefix: `test-${randomUUID()}:`, timeout: 5_000 } } }).init(tables);
    try {
      await db.table('products').all();
      await vi.waitFor(() => expect(db.l2Stats()?.writes).toBe(1));
      const app = express().use('/admin/cache', cacheAdmin(db, { authorize }));
      expect((await request(app).get('/admin/cache/l2')).status).toBe(401);
      const response = await request(app).get('/admin/cache/l2').set('authorization', 'Bearer admin');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        state: 'ready', misses: 1, writes: 1, tables: { products: { hits: 0, misses: 1 } },
        redis: { usedMemory: expect.any(Number), maxMemory: expect.any(Number), evictedKeys: expect.any(Number), nodes: 1 },
      });
      expect(response.body.redis.usedMemory).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  it('answers 404 when the tier is off', async () => {
    const db = await new ServerORM({ endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId: 'admin', autoValidate: false }).init(tables);
    try {
      const response = await request(express().use(cacheAdmin(db, { authorize }))).get('/l2').set('authorization', 'Bearer admin');
      expect(response.status).toBe(404);
    } finally {
      await db.close();
    }
  });
});
