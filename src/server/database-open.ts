import type { Client } from 'node-appwrite';
import { attachRedisBridge } from '../bridge/bridge-attach.js';
import type { RedisBridge } from '../bridge/redis-bridge.js';
import { QueryCache } from '../cache/query-cache.js';
import { isTagTable } from '../cache/cache-tags.js';
import { attachSharedTier, type SharedTierAttachment } from '../cache/l2/l2-attach.js';
import { ConfigError } from '../errors/config-error.js';
import { RelationGraph } from '../schema/relation-graph.js';
import type { TableDefinition } from '../schema/table-definition.js';
import { isAppwriteId } from '../appwrite/appwrite-ids.js';
import type { RetryPolicy } from '../appwrite/read-retry.js';
import { TablesDbAdapter } from '../appwrite/tables-db-adapter.js';
import type { ResolvedConfig } from './config.js';
import { DatabaseImpl } from './database-impl.js';
import { OperationObserver } from './operation-observer.js';
import { TableRuntime } from './table-runtime.js';
import { RowDecoder } from '../schema/row-decoder.js';

/**
 * The part of the resolved configuration the database reads (`orm.config` is one).
 *
 * @example
 * ```ts
 * const config: DatabaseConfig = orm.config;
 * ```
 */
export type DatabaseConfig = Pick<ResolvedConfig, 'endpoint' | 'projectId' | 'databaseId' | 'cache' | 'retry' | 'timeoutMs' | 'logger' | 'onOperation' | 'tracer'>;

/** Something started alongside the database (the Redis bridge...) that `closeListeners()` and `close()` stop. */
export interface DatabaseListener {
  /** Stops listening; connections may stay open. Falls back to `close()` when absent. */
  closeListeners?(): Promise<void> | void;
  close(): Promise<void> | void;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions<T extends readonly TableDefinition[]> {
  readonly config: DatabaseConfig;
  readonly tables: T;
  /** A node-appwrite client authenticated with the API key. */
  readonly client: Client;
  /**
   * A query cache to use instead of one built from `config.cache` (to share one, or to give it a test clock).
   * The Redis bridge is only started for a cache the database builds itself.
   */
  readonly cache?: QueryCache;
}

/** State every view of one database shares; built by {@link openDatabase}. */
export interface DatabaseShared {
  readonly config: DatabaseConfig;
  readonly retry: RetryPolicy;
  readonly cache: QueryCache;
  readonly runtimes: ReadonlyMap<string, TableRuntime>;
  /** Shapes answered rows (bigint fields as `bigint`) for every view's adapter. */
  readonly decoder: RowDecoder;
  readonly listeners: Set<DatabaseListener>;
  /** The Redis invalidation bridge, when `config.cache.redis` started one. */
  bridge?: RedisBridge;
  /** The shared cache tier in Redis, when `config.cache.l2` is on. */
  l2?: SharedTierAttachment;
  /** Reports table operations to `onOperation`, the tracer and {@link Database.onOperation} listeners. */
  readonly observer: OperationObserver;
}

const DISABLED = { ttl: 0, maxEntries: 1, maxBytes: 1, enabled: false };

/**
 * Opens the database: table handles over one query cache, acting with the API key, and the Redis
 * invalidation bridge when `config.cache.redis` is set. `ServerORM.init()` calls it once the schema is in
 * place (tests call it to open a database without migrating).
 *
 * @example
 * ```ts
 * const client = new Client().setEndpoint(endpoint).setProject(projectId).setKey(apiKey); // node-appwrite
 * const db = openDatabase({ config, tables: [productsTable] as const, client });
 * await db.table('products').all();
 * ```
 */
export function openDatabase<const T extends readonly TableDefinition[]>(options: OpenDatabaseOptions<T>): DatabaseImpl<T> {
  const { config, tables } = options;
  const runtimes = new Map<string, TableRuntime>();
  if (!isAppwriteId(config.databaseId)) throw new ConfigError(`databaseId ${JSON.stringify(config.databaseId)} is not a valid Appwrite id (1-36 characters of a-z A-Z 0-9 . - _, not starting with . - or _)`);
  const graph = new RelationGraph(tables);
  const decoder = new RowDecoder(tables);
  for (const definition of tables) {
    if (runtimes.has(definition.name)) throw new ConfigError(`Two tables are named "${definition.name}"`, { table: definition.name });
    const runtime = new TableRuntime(definition, graph, tables, decoder);
    if (!isAppwriteId(runtime.id)) throw new ConfigError(`Table "${definition.name}": id ${JSON.stringify(runtime.id)} is not a valid Appwrite id (1-36 characters of a-z A-Z 0-9 . - _, not starting with . - or _)`, { table: definition.name });
    runtimes.set(definition.name, runtime);
  }
  const settings = config.cache;
  const cache = options.cache ?? new QueryCache(settings === false ? DISABLED
    : { ttl: settings.ttl, maxEntries: settings.maxEntries, maxBytes: settings.maxBytes, grace: settings.grace, enabled: true });
  const { retry } = config;
  const observer = new OperationObserver({ databaseId: config.databaseId, onOperation: config.onOperation, tracer: config.tracer });
  const shared: DatabaseShared = { config, retry, cache, runtimes, decoder, listeners: new Set(), observer };
  if (options.cache === undefined) {
    const declared = [...runtimes.values()].map((runtime) => runtime.id);
    const bridge = attachRedisBridge(cache, config, config.logger, declared, isTagTable);
    if (bridge !== undefined) {
      shared.bridge = bridge;
      shared.listeners.add(bridge);
    }
    if (settings !== false && settings.redis !== undefined && settings.l2 !== false) {
      const l2 = attachSharedTier(cache, settings.redis, { databaseId: config.databaseId, ...settings.l2 }, declared, config.logger);
      shared.l2 = l2;
      shared.listeners.add(l2);
    }
  }
  return new DatabaseImpl<T>(shared, { scope: 'key', cache, observer, client: options.client, adapter: new TablesDbAdapter(options.client, config.databaseId, retry, config.timeoutMs, decoder) });
}

