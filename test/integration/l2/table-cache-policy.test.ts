import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkTableDefinitions } from '../../../src/schema/definition-check.js';
import { defineTable } from '../../../src/schema/table-definition.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';

const schema = { name: { type: 'string', required: true, size: 64 } } as const;
const tables = [
  defineTable({ name: 'stock', schema, cache: false }),
  defineTable({ name: 'catalog', schema }),
] as const;

const fixture = useEmulator({ columnDelayMs: 0 });

describe('a table declared with cache: false', () => {
  it('always reads from Appwrite, past both tiers, while other tables stay cached', async () => {
    const orm = new ServerORM({ endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId: 'policy', autoMigrate: true,
      cache: { redis: 'redis://127.0.0.1:6379', l2: { prefix: `test-${randomUUID()}:`, timeout: 5_000 } } });
    const db = await orm.init(tables);
    try {
      fixture.emu.requests.clear();
      for (let i = 0; i < 3; i++) {
        await db.table('stock').all();
        await db.table('stock').get('missing');
        await db.table('catalog').all();
      }
      expect(fixture.emu.requests.count({ tableId: 'stock' })).toBe(6);
      expect(fixture.emu.requests.count({ tableId: 'catalog' })).toBe(1);
      expect(await db.table('stock').find([], { cache: true })).toEqual([]);
      expect(fixture.emu.requests.count({ tableId: 'stock' })).toBe(7);
      expect(db.l2Stats()?.tables.stock).toBeUndefined();
    } finally {
      await db.close();
    }
  });

  it('accepts only false or an object', () => {
    expect(() => checkTableDefinitions([{ name: 'items', schema, cache: true as never }])).toThrow('Table "items": cache must be false or an object such as { ttl: 60000 }');
  });
});
