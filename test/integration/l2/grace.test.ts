import { describe, expect, it, vi } from 'vitest';
import { runInCacheContext } from '../../../src/cache/request-context.js';
import { defineTable } from '../../../src/schema/table-definition.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';

const tables = [defineTable({ name: 'products', schema: { name: { type: 'string', required: true, size: 64 } } })] as const;

const fixture = useEmulator({ columnDelayMs: 0 });

describe('cache.grace through the ORM', () => {
  it('serves an expired result while Appwrite answers 503, marked STALE; after a write, never', async () => {
    const db = await new ServerORM({ endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId: 'grace', autoMigrate: true,
      retry: { attempts: 1 }, cache: { ttl: 1, grace: 600_000 } }).init(tables);
    try {
      const products = db.table('products');
      await products.create({ name: 'Pen' });
      expect((await products.all()).map((row) => row.name)).toEqual(['Pen']);

      const outage = fixture.emu.faults.add({ operation: 'listRows', status: 503 });
      // A hit until the 1 ms TTL runs out, then the expired entry stands in for the failing Appwrite.
      await vi.waitFor(async () => {
        const served = await runInCacheContext(async (context) => ({ rows: (await products.all()).map((row) => row.name), status: context.status() }));
        expect(served).toEqual({ rows: ['Pen'], status: 'STALE' });
      });

      outage.remove();
      await products.create({ name: 'Ink' });
      fixture.emu.faults.add({ operation: 'listRows', status: 503 });
      await expect(products.all()).rejects.toThrow();
    } finally {
      fixture.emu.faults.clear();
      await db.close();
    }
  });
});
