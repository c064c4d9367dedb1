import { describe, expect, it } from 'vitest';
import { defineTable } from '../../../src/schema/table-definition.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';

const tables = [
  defineTable({
    name: 'products',
    schema: { category: { type: 'string', required: true, size: 32 }, price: { type: 'float', required: true }, stock: { type: 'integer' } },
  }),
] as const;

const fixture = useEmulator({ columnDelayMs: 0 });

describe('aggregate()', () => {
  it('computes count, sum, avg, min and max page by page, caches them as one entry, and a write drops it', async () => {
    const db = await new ServerORM({ endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId: 'figures', autoMigrate: true }).init(tables);
    try {
      const products = db.table('products');
      const prices = [1, 2, 3, 4, 5, 6, 7];
      for (const [index, price] of prices.entries()) await products.create({ category: index < 5 ? 'office' : 'garden', price, stock: index === 0 ? null : index * 10 });

      fixture.emu.requests.clear();
      const spec = { count: true, sum: ['price', 'stock'], avg: ['stock'], min: ['price'], max: ['price', 'stock'] } as const;
      const office = await products.aggregate(spec, { category: 'office' }, { pageSize: 2 });
      expect(office).toEqual({ count: 5, sum: { price: 15, stock: 100 }, avg: { stock: 25 }, min: { price: 1 }, max: { price: 5, stock: 40 } });
      expect(fixture.emu.requests.count({ operation: 'listRows' })).toBe(3);
      const sent = fixture.emu.requests.list({ operation: 'listRows' })[0]!.queries;
      expect(sent.some((query) => query.includes('"select"') && query.includes('"price"') && !query.includes('category'))).toBe(true);

      expect(await products.aggregate(spec, { category: 'office' }, { pageSize: 2 })).toBe(office);
      expect(fixture.emu.requests.count({ operation: 'listRows' })).toBe(3);
      expect(await products.aggregate({ count: true }, { category: 'none' })).toEqual({ count: 0, sum: {}, avg: {}, min: {}, max: {} });
      expect(await products.aggregate({ sum: ['price'], avg: ['price'], min: ['price'] }, { category: 'none' })).toEqual({ count: 0, sum: { price: 0 }, avg: { price: null }, min: { price: null }, max: {} });

      await products.create({ category: 'office', price: 10, stock: 1 });
      expect(await products.aggregate(spec, { category: 'office' }, { pageSize: 2 })).toMatchObject({ count: 6, sum: { price: 25 } });

      await expect(products.aggregate({ sum: ['category' as 'price'] })).rejects.toThrow('"category" is not an integer or float column of the table');
    } finally {
      await db.close();
    }
  });
});
