import { RelationGraph } from '../schema/relation-graph.js';
import type { Client } from 'node-appwrite';
import { attachRedisBridge } from '../bridge/bridge-attach.js';
import type { BridgeStats } from '../bridge/bridge-stats.js';
import type { RedisBridge } from '../bridge/redis-bridge.js';
import type { CacheEventName, CacheListener, InvalidationOrigin } from '../cache/cache-events.js';
import type { CacheStatsSnapshot } from '../cache/cache-stats.js';
import { QueryCache } from '../cache/query-cache.js';
import { isTagTable } from '../cache/cache-tags.js';
import { attachSharedTier, type SharedTierAttachment } from '../cache/l2/l2-attach.js';
import type { L2Stats } from '../cache/l2/l2-stats.js';
import type { RedisMemoryInfo } from '../cache/l2/l2-store.js';
import type { WarmOptions, WarmReport, WarmTask } from '../warming/warm-tasks.js';
import { ConfigError } from '../errors/config-error.js';
import type { TableByName, TableDefinition, TableName } from '../schema/table-definition.js';
import { isAppwriteId } from '../appwrite/appwrite-ids.js';
import type { RetryPolicy } from '../appwrite/read-retry.js';
import type { ResolvedConfig } from './config.js';
import { OperationObserver, type OperationEvent } from './operation-observer.js';
import type { TableHandle } from './table-handle.js';
import { TableRuntime } from './table-runtime.js';
import { TablesDbAdapter } from '../appwrite/tables-db-adapter.js';
import type { Transaction, TransactionOptions } from './transaction.js';
import type { RememberOptions } from './remember.js';
import { DatabaseImpl } from './database-impl.js';
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

/**
 * The database instance: typed table handles, the shared query cache, its stats and events, and views that
 * act as a user. Returned by `ServerORM.init()`.
 *
 * @example
 * ```ts
 * const db = await orm.init(tables);
 * const products = db.table('products');
 * db.on('invalidate', ({ table, origin }) => console.log(`${table} invalidated (${origin})`));
 * console.log(db.stats().total.hitRate);
 * ```
 */
export interface Database<T extends readonly TableDefinition[] = readonly TableDefinition[]> {
  /** The cache scope of this view: `'key'` for the API key, `'jwt:<hash>'` for a user. */
  readonly scope: string;

  /** The Appwrite database id. */
  readonly databaseId: string;

  /**
   * The Appwrite ids of the declared tables, in declaration order.
   *
   * @example
   * ```ts
   * db.tableIds(); // ['products', 'orders']
   * ```
   */
  tableIds(): readonly string[];

  /**
   * The tables a change to `tableId` changes by the declared relationships, the table first: for a delete,
   * two-way partners and every table reached by cascade or setNull; for other writes, two-way partners
   * (Appwrite sends no webhook for those rows). The webhook receiver invalidates them all.
   *
   * @example
   * ```ts
   * db.affectedTables('authors', 'delete'); // ['authors', 'posts'] when posts.author cascades
   * ```
   */
  affectedTables(tableId: string, action: 'write' | 'delete'): readonly string[];

  /**
   * The typed handle of a declared table (the same object on every call).
   *
   * @example
   * ```ts
   * const products = db.table('products');
   * ```
   */
  table<N extends TableName<T>>(name: N): TableHandle<TableByName<T, N>, T>;

  /**
   * A view of the database that acts as a user through a JWT (`account.createJWT()` on the client): Appwrite
   * applies that user's permissions, and its reads are cached under a scope derived from a hash of the token,
   * so rows one identity may read are never served to another. Writes through any view invalidate the table
   * for all of them. Bulk methods need the API key (Appwrite refuses them to users).
   *
   * @example
   * ```ts
   * const mine = await db.as({ jwt: req.header('x-appwrite-jwt')! }).table('notes').all();
   * ```
   */
  as(identity: { readonly jwt: string }): Database<T>;

  /**
   * Caches any computed value under `key`, like a read: in this process's memory and, with `cache.l2`, in
   * Redis for every instance, for this view's identity. Any write to one of `options.tables` drops it.
   * Concurrent calls share one computation; an error is passed on and never cached. With the shared tier the
   * value travels as JSON, so return plain data (no `Date`, `Map` or class instances).
   *
   * @example
   * ```ts
   * const stockValue = await db.remember('stock-value', { tables: ['products'], ttl: 60_000 }, async () => {
   *   const rows = await db.table('products').all();
   *   return rows.reduce((sum, row) => sum + (row.price ?? 0) * (row.stock ?? 0), 0);
   * });
   * ```
   */
  remember<V>(key: string, options: RememberOptions<T>, compute: () => Promise<V>): Promise<V>;

  /**
   * Runs `fn` in an Appwrite transaction: writes through `tx.table(name)` are validated, then staged, and
   * applied together when `fn` resolves (commit) or dropped when it throws (rollback); returns `fn`'s
   * result. Reads through `tx` see the staged writes and never use the cache; reads elsewhere keep serving
   * the committed state. When the commit settles, each table it touched is invalidated once (here, and
   * through the Redis bridge on other instances). At most 100 operations: the 101st is refused with a
   * `TransactionError` (reason `limit`) and the transaction rolled back. A view from `as({ jwt })` stages
   * as that user (Appwrite refuses bulk calls to users).
   *
   * @example
   * ```ts
   * const order = await db.transaction(async (tx) => {
   *   const o = await tx.table('orders').create({ sku: 'pen', qty: 2 });
   *   await tx.table('stock').decrement('pen', 'count', 2);
   *   return o;
   * }, { ttl: 60 });
   * ```
   */
  transaction<R>(fn: (tx: Transaction<T>) => Promise<R>, options?: TransactionOptions): Promise<R>;

  /**
   * Calls `listener` after every table operation of this database (every view of it): table, method,
   * duration, cache outcome, requests sent. Returns a function that removes it. Operations are timed only
   * while a listener (or `onOperation`, or a tracer) is set.
   *
   * @example
   * ```ts
   * const stop = db.onOperation(({ table, method, outcome, durationMs }) => console.log(`${method} ${table} ${outcome} ${durationMs} ms`));
   * ```
   */
  onOperation(listener: (event: OperationEvent) => void): () => void;

  /**
   * Hits, misses, hit rate, coalesced misses, invalidations, evictions, entries and bytes, in total and per table.
   *
   * @example
   * ```ts
   * const { total, tables } = db.stats();
   * ```
   */
  stats(): CacheStatsSnapshot;

  /**
   * The Redis bridge's counters and connection state, or `undefined` when `cache.redis` is not set.
   *
   * @example
   * ```ts
   * const bridge = db.bridgeStats();
   * if (bridge?.state === 'reconnecting') console.warn('cache invalidations are not reaching the other instances');
   * ```
   */
  bridgeStats(): BridgeStats | undefined;

  /**
   * The shared cache tier's counters (hits, misses, errors, skipped reads, writes, bumps) and state, or
   * `undefined` when `cache.l2` is off or the tier is not open yet.
   *
   * @example
   * ```ts
   * const l2 = db.l2Stats();
   * console.log(l2?.state, l2?.hits, l2?.tables.products?.misses);
   * ```
   */
  l2Stats(): L2Stats | undefined;

  /**
   * {@link Database.l2Stats} with the memory and evictions of the Redis behind the tier (`INFO`, summed over
   * a Cluster's masters; `redis` is `undefined` when Redis does not answer in time), or `undefined` when
   * `cache.l2` is off or not open yet. The admin router serves it at `GET /l2`.
   *
   * @example
   * ```ts
   * const report = await db.l2Report();
   * console.log(report?.hits, report?.redis?.usedMemory, report?.redis?.evictedKeys);
   * ```
   */
  l2Report(): Promise<(L2Stats & { readonly redis: RedisMemoryInfo | undefined }) | undefined>;

  /**
   * Resolves once the Redis bridge (when `cache.redis` is set) has subscribed, or has found Redis down and
   * warned (it keeps retrying in the background); at once without a bridge. Never rejects.
   * `ServerORM.init()` waits for it, so an instance does not serve reads it cannot hear invalidations for.
   *
   * @example
   * ```ts
   * await db.ready(); // at once after orm.init(), which waited for it
   * ```
   */
  ready(): Promise<void>;

  /**
   * Drops every cached result read with any of `tags` (the `tags` read option, `remember()`'s `tags`), on
   * every instance and in the shared tier.
   *
   * @example
   * ```ts
   * await db.table('products').find({ featured: true }, { tags: ['homepage'] });
   * db.invalidateTags(['homepage']);
   * ```
   */
  invalidateTags(tags: readonly string[]): void;

  /**
   * Drops the cached entries of one table (for every identity) and announces it, like a write does; `origin`
   * tags the `invalidate` event (the webhook receiver passes `'webhook'`).
   *
   * @example
   * ```ts
   * db.invalidate('products');
   * ```
   */
  invalidate(table: string, origin?: InvalidationOrigin): void;

  /**
   * Invalidates every table (each announced like a write's invalidation).
   *
   * @example
   * ```ts
   * db.invalidateAll();
   * ```
   */
  invalidateAll(): void;

  /**
   * Runs a set of reads once, at most `concurrency` at a time, so that the cache holds their results, and
   * reports what each task loaded. A failing task never stops the others. See `createWarmer` to repeat it.
   *
   * @example
   * ```ts
   * const report = await db.warm([{ name: 'products:all', run: (db) => db.table('products').all() }]);
   * ```
   */
  warm(tasks: readonly WarmTask<Database<T>>[], options?: WarmOptions): Promise<WarmReport>;

  /**
   * Subscribes to cache events: `'hit'`, `'miss'`, `'invalidate'`, `'evict'`.
   *
   * @example
   * ```ts
   * db.on('miss', ({ table, coalesced }) => metrics.increment('cache.miss', { table, coalesced }));
   * ```
   */
  on<E extends CacheEventName>(event: E, listener: CacheListener<E>): void;

  /**
   * Removes a listener added with {@link Database.on}.
   *
   * @example
   * ```ts
   * const onMiss = (event: { table: string }) => console.log('miss', event.table);
   * db.on('miss', onMiss);
   * db.off('miss', onMiss);
   * ```
   */
  off<E extends CacheEventName>(event: E, listener: CacheListener<E>): void;

  /**
   * Stops listening for outside invalidations (the Redis bridge stops receiving and publishing, the shared
   * tier closes) and empties the cache; connections may stay open.
   *
   * @example
   * ```ts
   * await db.closeListeners();
   * ```
   */
  closeListeners(): Promise<void>;

  /**
   * Stops the Redis bridge and the shared tier, closes their connections, and empties the cache. Call it on
   * shutdown.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => void db.close());
   * ```
   */
  close(): Promise<void>;
}

/**
 * `db instanceof Database` is true for a database of this copy of the library only (the check a seeder or
 * plugin makes to detect two copies loaded side by side). Databases come from `ServerORM.init()`; there is
 * no constructor.
 *
 * @example
 * ```ts
 * if (!(db instanceof Database)) throw new Error('two copies of appwrite-orm are loaded');
 * ```
 */
export const Database: { readonly [Symbol.hasInstance]: (value: unknown) => value is Database } = Object.freeze({
  [Symbol.hasInstance]: (value: unknown): value is Database => value instanceof DatabaseImpl,
});
