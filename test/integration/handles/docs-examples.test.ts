import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { catalog, type CatalogDb } from '../../../docs/examples/catalog.js';
import { cacheBehaviour } from '../../../docs/examples/caching.js';
import { readProducts } from '../../../docs/examples/querying.js';
import { useTransactions } from '../../../docs/examples/transactions.js';
import { writeProducts } from '../../../docs/examples/writing.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';
import { describeLocal } from '../../helpers/appwrite-target.js';

let emu: AppwriteEmulator;
let db: CatalogDb;
beforeAll(async () => {
  emu = await startAppwriteEmulator({ columnDelayMs: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  emu.reset();
  const orm = new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, databaseId: 'catalog', apiKey: emu.apiKey, autoMigrate: true });
  db = await orm.init(catalog);
  emu.requests.clear();
});

const seed = [
  { $id: 'pen', name: 'Pen', price: 3, category: 'office' },
  { $id: 'ink', name: 'Ink', price: 0.5, category: 'office' },
  { $id: 'rake', name: 'Rake', price: 12, category: 'garden' },
  { $id: 'hose', name: 'Hose', price: 20, category: 'garden' },
  { $id: 'stapler', name: 'Stapler', price: 9, category: 'office' },
];

describeLocal('docs examples', () => {
  it('querying.md: reads', async () => {
    await db.table('products').bulkCreate(seed);
    emu.requests.clear();
    const out = await readProducts(db);
    expect(out.pen?.name).toBe('Pen');
    expect(out.viaQuery.map((row) => row.$id)).toEqual(['pen', 'stapler']);
    expect(out.viaLegacy).toBe(out.viaQuery);
    expect(out.viaFilter.map((row) => row.$id)).toEqual(['pen', 'ink', 'stapler']);
    expect(out.topOffice.map((row) => row.$id)).toEqual(['stapler', 'pen', 'ink']);
    expect(out.namesOnly.map((row) => row.name)).toEqual(['Pen', 'Ink', 'Stapler']);
    expect(out.cheapest?.$id).toBe('ink');
    expect(out.firstGarden?.$id).toBe('rake');
    expect(out.officeCount).toBe(3);
    expect(out.everything).toHaveLength(5);
    expect(out.seen).toBe(3);
    expect(out.rejected).toContain('equal("price", ');
  });

  it('querying.md: writes', async () => {
    const out = await writeProducts(db);
    expect(out.pen.$id).toBe('pen');
    expect(out.stock).toBe(7);
    expect(out.raised).toBe(2);
    expect(out.deleted).toEqual(['ink']);
    expect(out.notFound).toEqual(['no-such-row']);
    expect(out.removed).toBe(0);
    expect(out.field).toBe('price');
    expect(out.report).toEqual({ succeeded: [], failed: ['pen', 'clip'] });
    expect(emu.requests.count({ operation: 'updateRows' })).toBe(3);
  });

  it('caching.md: cache behaviour', async () => {
    await db.table('products').bulkCreate(seed);
    const out = await cacheBehaviour(db, emu.createJwt('reader'));
    expect(out.fresh).toBe(true);
    expect(out.afterWrite).toBe(false);
    expect(out.frozen).toBe(true);
    expect(out.visible).toBe(6);
    expect(out.hitRate).toBeGreaterThan(0);
    expect(out.log.slice(0, 2)).toEqual(['miss products', 'hit products']);
    expect(out.log).toContain('invalidate products (local)');
    expect(out.productStats?.invalidations).toBeGreaterThan(0);
  });

  it('transactions.md: commit, reads inside, rollback, a refused commit', async () => {
    const out = await useTransactions(db);
    expect(out.pen).toMatchObject({ $id: 'pen', name: 'Pen' });
    expect({ inside: out.inside, outside: out.outside, price: out.price }).toEqual({ inside: 3, outside: 2, price: 3 });
    expect(out.rolledBack).toBe('changed my mind');
    expect(out.refused).toBe('commit-failed');
    expect(out.stock).toBe(2);
    expect(emu.requests.count({ operation: 'updateTransaction' })).toBe(4);
  });
});
