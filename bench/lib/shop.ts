/**
 * The shared stage of the ORM cache benchmarks: one emulator holding a `shop` database with a seeded
 * `products` table, our ORM on it (through `ServerORM.init`), the raw node-appwrite TablesDB on it, and
 * appwrite-orm 0.6 reading the same rows through the legacy-documents proxy.
 */
import { ServerORM as ServerORM06 } from 'appwrite-orm-0.6/server';
import { Client, TablesDB } from 'node-appwrite';
import type { TableDefinition } from '../../src/schema/table-definition.js';
import type { Database } from '../../src/server/database.js';
import { ServerORM } from '../../src/server/server-orm.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../src/testing/index.js';
import { startLegacyDocumentsProxy, type LegacyDocumentsProxy } from './legacy-documents-proxy.js';
import { queryCacheOf } from '../../src/server/database-impl.js';

export const DATABASE_ID = 'shop';
export const ROW_COUNT = 200;
export const CATEGORIES = ['office', 'garden', 'kitchen', 'toys'] as const;

export const products = {
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 128 },
    sku: { type: 'string', required: true, size: 32 },
    description: { type: 'string', size: 1024 },
    price: { type: 'float', required: true, min: 0 },
    category: { type: 'string', required: true, size: 32 },
    stock: { type: 'integer', min: 0, default: 0 },
    tags: { type: 'string', array: true, size: 32 },
    publishedAt: { type: 'datetime' },
  },
  indexes: [{ key: 'by_category', type: 'key', attributes: ['category'] }],
} as const satisfies TableDefinition;

/** The part of appwrite-orm 0.6's server table the benchmarks call. */
export interface Table06 {
  get(id: string): Promise<unknown>;
  find(queries: string[]): Promise<unknown>;
  setUpdated(updated: boolean): void;
}

export interface Shop {
  readonly emu: AppwriteEmulator;
  readonly db: Database<readonly [typeof products]>;
  readonly raw: TablesDB;
  readonly table06: Table06;
  close(): Promise<void>;
}

/** A realistic product row: a few short strings, a 100-character description, numbers, tags and a date. */
export function productRow(i: number): { $id: string; name: string; sku: string; description: string; price: number; category: string; stock: number; tags: string[]; publishedAt: string } {
  return {
    $id: `p${i}`,
    name: `Product ${i}`,
    sku: `SKU-${String(i).padStart(6, '0')}`,
    description: `Product ${i}: a sturdy, well made item for everyday use, sold in a recyclable box of one.`.padEnd(100, '.'),
    price: Math.round((1 + (i % 97) * 1.37) * 100) / 100,
    category: CATEGORIES[i % CATEGORIES.length] ?? 'office',
    stock: (i * 7) % 50,
    tags: ['new', `batch-${i % 5}`],
    publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
  };
}

/** Starts the emulator, migrates and seeds `products`, and opens our ORM, the raw SDK and appwrite-orm 0.6 on it. */
export async function startShop(): Promise<Shop> {
  const emu = await startAppwriteEmulator({ columnDelayMs: 0, indexDelayMs: 0 });
  const connection = { endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: DATABASE_ID };
  const db = await new ServerORM({ ...connection, autoMigrate: true }).init([products] as const);
  await db.table('products').bulkCreate(Array.from({ length: ROW_COUNT }, (_, i) => productRow(i)));
  const raw = new TablesDB(new Client().setEndpoint(emu.endpoint).setProject(emu.projectId).setKey(emu.apiKey));

  const proxy: LegacyDocumentsProxy = await startLegacyDocumentsProxy(emu.endpoint);
  // autoValidate off: 0.6 would check the schema through legacy collection routes the proxy does not serve.
  const orm06 = new ServerORM06({ ...connection, endpoint: proxy.endpoint, autoValidate: false, autoMigrate: false });
  const instance06 = await orm06.init([{ name: 'products', schema: { name: { type: 'string', required: true, size: 128 } } }]);
  const table06 = instance06.table('products') as unknown as Table06;

  queryCacheOf(db).clear();
  emu.requests.clear();
  return {
    emu, db, raw, table06,
    async close() {
      await db.close();
      await proxy.close();
      await emu.close();
    },
  };
}
