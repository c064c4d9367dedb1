import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { defineTable } from '../../../src/schema/table-definition.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';

const tables = [defineTable({ name: 'products', schema: { name: { type: 'string', required: true, size: 64 }, featured: { type: 'boolean' } } })] as const;

const fixture = useEmulator({ columnDelayMs: 0 });

describe('cache tags', () => {
  it('invalidateTags drops tagged results on every instance and in the shared tier, and leaves the rest cached', async () => {
    const databaseId = 'tags';
    const config = { endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId,
      cache: { redis: 'redis://127.0.0.1:6379', channel: `tags-${randomUUID()}`, l2: { prefix: `test-${randomUUID()}:`, timeout: 5_000 } } };
    await new ServerORM({ ...config, cache: false }).migrate(tables);
    const [a, b] = await Promise.all([new ServerORM(config).init(tables), new ServerORM(config).init(tables)]);
    try {
      const told = (table: string) => new Promise<void>((resolve) => b.on('invalidate', (event) => { if (event.table === table && event.origin === 'remote') resolve(); }));
      const created = told('products');
      await a.table('products').create({ name: 'Pen', featured: true });
      await created;
      const listRows = () => fixture.emu.requests.count({ operation: 'listRows', databaseId });
      const featured = (db: typeof a) => db.table('products').find({ featured: true }, { tags: ['homepage', 'featured'] });
      const all = (db: typeof a) => db.table('products').find();
      const remembered = (db: typeof a) => db.remember('banner', { tables: ['products'], tags: ['homepage'] }, () => Promise.resolve({ text: `banner ${Math.random()}` }));

      await Promise.all([featured(b), all(b)]);
      const banner = await remembered(b);
      expect(await remembered(b)).toBe(banner);
      fixture.emu.requests.clear();
      await featured(b);
      await all(b);
      expect(listRows()).toBe(0);

      const received = told('#tag:homepage');
      a.invalidateTags(['homepage']);
      await received;
      await featured(b);
      expect(listRows()).toBe(1);
      await all(b);
      expect(listRows()).toBe(1);
      expect(await remembered(b)).not.toEqual(banner);

      await vi.waitFor(() => expect(a.l2Stats()?.bumps).toBeGreaterThanOrEqual(1));
      const c = await new ServerORM(config).init(tables);
      try {
        fixture.emu.requests.clear();
        await featured(c);
        await all(c);
        expect(listRows()).toBe(0);
      } finally {
        await c.close();
      }
      expect(() => a.invalidateTags(['bad tag'])).toThrow('Invalid cache tag "bad tag"');
      await expect(a.table('products').get('x', { tags: ['{no}'] })).rejects.toThrow('Invalid cache tag');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
