import { createHash } from 'node:crypto';
import { RelationGraph } from '../schema/relation-graph.js';
import type { Client } from 'node-appwrite';
import { attachRedisBridge } from '../bridge/bridge-attach.js';
import type { BridgeStats } from '../bridge/bridge-stats.js';
import type { RedisBridge } from '../bridge/redis-bridge.js';
import type { CacheEventName, CacheListener, InvalidationOrigin } from '../cache/cache-events.js';
import type { CacheStatsSnapshot } from '../cache/cache-stats.js';
import { QueryCache } from '../cache/query-cache.js';
import { isTagTable, tagTable } from '../cache/cache-tags.js';
import { attachSharedTier, type SharedTierAttachment } from '../cache/l2/l2-attach.js';
import type { L2Stats } from '../cache/l2/l2-stats.js';
import type { RedisMemoryInfo } from '../cache/l2/l2-store.js';
import { warm, type WarmOptions, type WarmReport, type WarmTask } from '../warming/warm-tasks.js';
import { ConfigError } from '../errors/config-error.js';
import type { TableByName, TableDefinition, TableName } from '../schema/table-definition.js';
import { createAppwriteClient } from '../appwrite/appwrite-client.js';
import { isAppwriteId } from '../appwrite/appwrite-ids.js';
import type { RetryPolicy } from '../appwrite/read-retry.js';
import type { ResolvedConfig } from './config.js';
import { OperationObserver, type OperationEvent } from './operation-observer.js';
import { TableHandle } from './table-handle.js';
import { TableRuntime, type Session } from './table-runtime.js';
import { TablesDbAdapter } from '../appwrite/tables-db-adapter.js';
import type { Transaction, TransactionOptions } from './transaction.js';
import { runTransaction } from './transaction-runner.js';
import { rememberValue, type RememberOptions } from './remember.js';
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
 * place; call it yourself to skip migrations entirely.
 *
 * @example
 * ```ts
 * const client = new Client().setEndpoint(endpoint).setProject(projectId).setKey(apiKey); // node-appwrite
 * const db = openDatabase({ config, tables: [productsTable] as const, client });
 * await db.table('products').all();
 * ```
 */
export function openDatabase<const T extends readonly TableDefinition[]>(options: OpenDatabaseOptions<T>): Database<T> {
  const { config, tables } = options;
  const runtimes = new Map<string, TableRuntime>();
  if (!isAppwriteId(config.databaseId)) throw new ConfigError(`databaseId ${JSON.stringify(config.databaseId)} is not a valid Appwrite id (1-36 characters of a-z A-Z 0-9 . - _, not starting with . - or _)`);
  const graph = new RelationGraph(tables);
  for (const definition of tables) {
    if (runtimes.has(definition.name)) throw new ConfigError(`Two tables are named "${definition.name}"`, { table: definition.name });
    const runtime = new TableRuntime(definition, graph);
    if (!isAppwriteId(runtime.id)) throw new ConfigError(`Table "${definition.name}": id ${JSON.stringify(runtime.id)} is not a valid Appwrite id (1-36 characters of a-z A-Z 0-9 . - _, not starting with . - or _)`, { table: definition.name });
    runtimes.set(definition.name, runtime);
  }
  const settings = config.cache;
  const cache = options.cache ?? new QueryCache(settings === false ? DISABLED
    : { ttl: settings.ttl, maxEntries: settings.maxEntries, maxBytes: settings.maxBytes, grace: settings.grace, enabled: true });
  const { retry } = config;
  const observer = new OperationObserver({ databaseId: config.databaseId, onOperation: config.onOperation, tracer: config.tracer });
  const decoder = new RowDecoder(tables);
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
  return new Database<T>(shared, { scope: 'key', cache, observer, client: options.client, adapter: new TablesDbAdapter(options.client, config.databaseId, retry, config.timeoutMs, decoder) });
}

/**
 * The database instance: typed table handles, the shared query cache, its stats and events, and views that
 * act as a user. Returned by `ServerORM.init()` (or {@link openDatabase}).
 *
 * @example
 * ```ts
 * const db = await orm.init(tables);
 * const products = db.table('products');
 * db.on('invalidate', ({ table, origin }) => console.log(`${table} invalidated (${origin})`));
 * console.log(db.stats().total.hitRate);
 * ```
 */
export class Database<T extends readonly TableDefinition[] = readonly TableDefinition[]> {
  /** The query cache every view of this database shares. */
  readonly cache: QueryCache;
  /** The cache scope of this view: `'key'` for the API key, `'jwt:<hash>'` for a user. */
  readonly scope: string;
  readonly #shared: DatabaseShared;
  readonly #session: Session;
  readonly #handles = new Map<string, TableHandle>();

  /** Built by {@link openDatabase} and {@link Database.as}. */
  constructor(shared: DatabaseShared, session: Session) {
    this.#shared = shared;
    this.#session = session;
    this.cache = shared.cache;
    this.scope = session.scope;
  }

  /** The Appwrite database id. */
  get databaseId(): string {
    return this.#shared.config.databaseId;
  }

  /**
   * The Appwrite ids of the declared tables, in declaration order.
   *
   * @example
   * ```ts
   * db.tableIds(); // ['products', 'orders']
   * ```
   */
  tableIds(): readonly string[] {
    return [...this.#shared.runtimes.values()].map((runtime) => runtime.id);
  }

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
  affectedTables(tableId: string, action: 'write' | 'delete'): readonly string[] {
    const runtime = [...this.#shared.runtimes.values()].find((candidate) => candidate.id === tableId);
    if (runtime === undefined) return [tableId];
    return action === 'delete' ? runtime.relations.deleteTables() : runtime.relations.writeTables(runtime.relations.keys);
  }

  /**
   * The typed handle of a declared table (the same object on every call).
   *
   * @example
   * ```ts
   * const products = db.table('products');
   * ```
   */
  table<N extends TableName<T>>(name: N): TableHandle<TableByName<T, N>, T> {
    let handle = this.#handles.get(name);
    if (handle === undefined) {
      const runtime = this.#shared.runtimes.get(name);
      if (runtime === undefined) throw new ConfigError(`No table named "${name}" was declared`, { table: name });
      handle = new TableHandle({ runtime, session: this.#session });
      this.#handles.set(name, handle);
    }
    return handle as unknown as TableHandle<TableByName<T, N>, T>;
  }

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
  as(identity: { readonly jwt: string }): Database<T> {
    const { config, retry, cache } = this.#shared;
    if (typeof identity.jwt !== 'string' || identity.jwt === '') throw new ConfigError('as({ jwt }) needs a non-empty JWT');
    const client = createAppwriteClient({ endpoint: config.endpoint, projectId: config.projectId, credentials: { jwt: identity.jwt } });
    // The scope is a hash: the token itself never enters keys, stats or events.
    const scope = `jwt:${createHash('sha256').update(identity.jwt).digest('base64url').slice(0, 22)}`;
    return new Database<T>(this.#shared, { scope, cache, client, observer: this.#shared.observer, adapter: new TablesDbAdapter(client, config.databaseId, retry, config.timeoutMs, this.#shared.decoder) });
  }

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
  remember<V>(key: string, options: RememberOptions<T>, compute: () => Promise<V>): Promise<V> {
    return rememberValue(this.cache, this.scope, this.#shared.runtimes, key, options, compute);
  }

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
  transaction<R>(fn: (tx: Transaction<T>) => Promise<R>, options?: TransactionOptions): Promise<R> {
    const session = this.#session;
    return runTransaction<T, R>({ runtimes: this.#shared.runtimes, session, client: session.client, databaseId: this.databaseId }, fn, options);
  }

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
  onOperation(listener: (event: OperationEvent) => void): () => void {
    return this.#shared.observer.listen(listener);
  }

  /**
   * Hits, misses, hit rate, coalesced misses, invalidations, evictions, entries and bytes, in total and per table.
   *
   * @example
   * ```ts
   * const { total, tables } = db.stats();
   * ```
   */
  stats(): CacheStatsSnapshot {
    return this.cache.stats();
  }

  /**
   * The Redis bridge's counters and connection state, or `undefined` when `cache.redis` is not set.
   *
   * @example
   * ```ts
   * const bridge = db.bridgeStats();
   * if (bridge?.state === 'reconnecting') console.warn('cache invalidations are not reaching the other instances');
   * ```
   */
  bridgeStats(): BridgeStats | undefined {
    return this.#shared.bridge?.stats();
  }

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
  l2Stats(): L2Stats | undefined {
    return this.#shared.l2?.stats();
  }

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
  async l2Report(): Promise<(L2Stats & { readonly redis: RedisMemoryInfo | undefined }) | undefined> {
    const tier = this.#shared.l2;
    const stats = tier?.stats();
    if (tier === undefined || stats === undefined) return undefined;
    return { ...stats, redis: await tier.redisInfo() };
  }

  /**
   * Resolves once the Redis bridge (when `cache.redis` is set) has subscribed, or has found Redis down and
   * warned (it keeps retrying in the background); at once without a bridge. Never rejects.
   * `ServerORM.init()` waits for it, so an instance does not serve reads it cannot hear invalidations for.
   *
   * @example
   * ```ts
   * const db = openDatabase({ config, tables, client });
   * await db.ready();
   * ```
   */
  async ready(): Promise<void> {
    await Promise.all([this.#shared.bridge?.start(), this.#shared.l2?.ready()]);
  }

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
  invalidateTags(tags: readonly string[]): void {
    const tables = tags.map(tagTable);
    for (const table of tables) this.cache.invalidate(table, 'local');
  }

  /**
   * Drops the cached entries of one table (for every identity) and announces it, like a write does; `origin`
   * tags the `invalidate` event (the webhook receiver passes `'webhook'`).
   *
   * @example
   * ```ts
   * db.invalidate('products');
   * ```
   */
  invalidate(table: string, origin: InvalidationOrigin = 'local'): void {
    this.cache.invalidate(table, origin);
  }

  /**
   * Invalidates every table (each announced like a write's invalidation).
   *
   * @example
   * ```ts
   * db.invalidateAll();
   * ```
   */
  invalidateAll(): void {
    this.cache.invalidateAll('local');
  }

  /**
   * Runs a set of reads once, at most `concurrency` at a time, so that the cache holds their results, and
   * reports what each task loaded. A failing task never stops the others. See `createWarmer` to repeat it.
   *
   * @example
   * ```ts
   * const report = await db.warm([{ name: 'products:all', run: (db) => db.table('products').all() }]);
   * ```
   */
  warm(tasks: readonly WarmTask<Database<T>>[], options?: WarmOptions): Promise<WarmReport> {
    return warm<Database<T>>(this, tasks, options);
  }

  /**
   * Subscribes to cache events: `'hit'`, `'miss'`, `'invalidate'`, `'evict'`.
   *
   * @example
   * ```ts
   * db.on('miss', ({ table, coalesced }) => metrics.increment('cache.miss', { table, coalesced }));
   * ```
   */
  on<E extends CacheEventName>(event: E, listener: CacheListener<E>): void {
    this.cache.on(event, listener);
  }

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
  off<E extends CacheEventName>(event: E, listener: CacheListener<E>): void {
    this.cache.off(event, listener);
  }

  /**
   * Registers something to stop with the database, such as the Redis bridge.
   *
   * @example
   * ```ts
   * db.attach(bridge);
   * ```
   */
  attach(listener: DatabaseListener): void {
    this.#shared.listeners.add(listener);
  }

  /**
   * Stops every attached listener (the Redis bridge stops receiving and publishing) and empties the cache.
   *
   * @example
   * ```ts
   * await db.closeListeners();
   * ```
   */
  async closeListeners(): Promise<void> {
    const listeners = [...this.#shared.listeners];
    await Promise.all(listeners.map(async (listener) => {
      await (listener.closeListeners === undefined ? listener.close() : listener.closeListeners());
    }));
    this.cache.clear();
  }

  /**
   * Closes every attached listener and its connections, and empties the cache. Call it on shutdown.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => void db.close());
   * ```
   */
  async close(): Promise<void> {
    const listeners = [...this.#shared.listeners];
    this.#shared.listeners.clear();
    await Promise.all(listeners.map(async (listener) => {
      await listener.close();
    }));
    this.cache.clear();
  }
}
