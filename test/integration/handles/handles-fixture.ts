import { Client, Query, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { columnSpec } from '../../../src/schema/desired-spec.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import { createAppwriteClient } from '../../../src/appwrite/appwrite-client.js';
import { resolveConfig } from '../../../src/server/config.js';
import type { Database } from '../../../src/server/database.js';
import { openDatabase, type DatabaseConfig } from '../../../src/server/database-open.js';
import { queryCacheOf } from '../../../src/server/database-impl.js';
import { inlineColumn } from '../../../src/appwrite/migration-gateway.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';
import { ClientRequestLog, REAL_APPWRITE, freshDatabaseId, type RealAppwrite, type SentRequestFilter } from '../../helpers/appwrite-target.js';

export const products = {
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 255 },
    price: { type: 'float', required: true, min: 0 },
    category: { type: 'string', required: true, size: 64 },
    stock: { type: 'integer', default: 0 },
    publishedAt: { type: 'datetime' },
    tags: { type: 'string', array: true, size: 32 },
  },
  indexes: [{ key: 'by_category', type: 'key', attributes: ['category'] }],
} as const satisfies TableDefinition;

export const notes = {
  name: 'notes',
  schema: { text: { type: 'string', required: true, size: 255 } },
  permissions: ['create("users")'],
  rowSecurity: true,
} as const satisfies TableDefinition;

export const tables = [products, notes] as const;

const LOCAL_DATABASE_ID = 'shop';

/** Inline column objects for createTable, in the form the ORM sends (what Appwrite 1.9 accepts). */
function columns(definition: TableDefinition): object[] {
  return Object.entries(definition.schema).map(([key, field]) => inlineColumn(columnSpec(key, field)));
}

/**
 * The server under test: the emulator, or a real Appwrite (`npm run test:appwrite`) where the request log
 * is the fixture client's own and the local-only controls throw.
 */
export type HandlesServer = Pick<AppwriteEmulator, 'endpoint' | 'projectId' | 'apiKey' | 'faults' | 'createJwt' | 'advanceClock'> & {
  readonly requests: {
    count(filter?: SentRequestFilter): number;
    list(filter?: SentRequestFilter): readonly { readonly queries: readonly string[]; readonly body?: unknown }[];
    clear(): void;
  };
  close(): Promise<void>;
};

function localOnly(name: string): never {
  throw new Error(`${name} needs the local server; mark the test with itLocal()`);
}

/** A real Appwrite seen through the fixture's client. */
function realServer(target: RealAppwrite, log: ClientRequestLog): HandlesServer {
  return {
    ...target,
    requests: log,
    faults: { add: () => localOnly('faults.add'), clear: () => undefined },
    createJwt: () => localOnly('createJwt'),
    advanceClock: () => localOnly('advanceClock'),
    close: () => Promise.resolve(),
  };
}

export interface HandlesFixture {
  readonly emu: HandlesServer;
  readonly config: DatabaseConfig;
  readonly db: Database<typeof tables>;
  /** Requests the emulator received for one operation on one table. */
  count(operation: string, tableId?: string): number;
  /** A database over the same emulator with other options (its own or a given cache). */
  open(options?: { cache?: QueryCache; tables?: readonly TableDefinition[] }): Database<typeof tables>;
  /** Deletes every row of both tables and clears the request log, faults and cache. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts an emulator with the `shop` database and the two tables, and opens the ORM database on it. On a real
 * Appwrite (`npm run test:appwrite`) it creates a fresh database instead, and `close()` deletes it.
 */
export async function startHandlesFixture(cache?: QueryCache): Promise<HandlesFixture> {
  const log = new ClientRequestLog();
  const emu: HandlesServer = REAL_APPWRITE === undefined ? await startAppwriteEmulator({ columnDelayMs: 0 }) : realServer(REAL_APPWRITE, log);
  const DATABASE_ID = REAL_APPWRITE === undefined ? LOCAL_DATABASE_ID : freshDatabaseId();
  const admin = new TablesDB(new Client().setEndpoint(emu.endpoint).setProject(emu.projectId).setKey(emu.apiKey));
  await admin.create({ databaseId: DATABASE_ID, name: DATABASE_ID });
  for (const definition of tables) {
    await admin.createTable({
      databaseId: DATABASE_ID, tableId: definition.name, name: definition.name, columns: columns(definition),
      ...('indexes' in definition ? { indexes: definition.indexes.map((index) => ({ ...index, attributes: [...index.attributes] })) } : {}),
      ...('permissions' in definition ? { permissions: [...definition.permissions] } : {}),
      rowSecurity: 'rowSecurity' in definition ? definition.rowSecurity : false,
    });
  }
  const config: DatabaseConfig = resolveConfig({
    endpoint: emu.endpoint, projectId: emu.projectId, databaseId: DATABASE_ID, apiKey: emu.apiKey,
    cache: { ttl: 300_000, maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 },
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  const client = createAppwriteClient({ endpoint: emu.endpoint, projectId: emu.projectId, credentials: { apiKey: emu.apiKey } });
  if (REAL_APPWRITE !== undefined) log.attach(client);
  const open = (options: { cache?: QueryCache; tables?: readonly TableDefinition[] } = {}): Database<typeof tables> =>
    openDatabase({ config, tables: (options.tables ?? tables) as typeof tables, client, ...(options.cache === undefined ? {} : { cache: options.cache }) });
  const db = open(cache === undefined ? {} : { cache });
  return {
    emu, config, db, open,
    count: (operation, tableId = 'products') => emu.requests.count({ operation, tableId }),
    async reset() {
      emu.faults.clear();
      for (const definition of tables) {
        await admin.deleteRows({ databaseId: DATABASE_ID, tableId: definition.name, queries: [Query.isNotNull('$id')] });
      }
      queryCacheOf(db).clear();
      emu.requests.clear();
    },
    async close() {
      if (REAL_APPWRITE !== undefined) await admin.delete({ databaseId: DATABASE_ID });
      await emu.close();
    },
  };
}

/** `n` valid product rows, `office` for even indexes and `garden` for odd ones. */
export function productRows(n: number, prefix = 'p'): { $id: string; name: string; price: number; category: string }[] {
  return Array.from({ length: n }, (_, i) => ({ $id: `${prefix}${i}`, name: `Product ${i}`, price: i, category: i % 2 === 0 ? 'office' : 'garden' }));
}

/**
 * Registers the fixture's lifecycle in the calling test file: one emulator for the file (with `cache`, if
 * given), a reset before each test followed by `seedRows` products (none by default) and a cleared request
 * log, and a close after the last test. Members read the fixture started for the file.
 */
export function useHandlesFixture(options: { cache?: QueryCache; seedRows?: number } = {}): HandlesFixture {
  let started: HandlesFixture | undefined;
  const current = (): HandlesFixture => {
    if (started === undefined) throw new Error('the handles fixture is used before its beforeAll ran');
    return started;
  };
  beforeAll(async () => {
    started = await startHandlesFixture(options.cache);
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(async () => {
    await current().reset();
    if (options.seedRows !== undefined && options.seedRows > 0) {
      await current().db.table('products').bulkCreate(productRows(options.seedRows));
      current().emu.requests.clear();
    }
  });
  return {
    get emu() { return current().emu; },
    get config() { return current().config; },
    get db() { return current().db; },
    count: (operation, tableId) => current().count(operation, tableId),
    open: (openOptions) => current().open(openOptions),
    reset: () => current().reset(),
    close: () => current().close(),
  };
}
