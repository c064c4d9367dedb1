import type { BridgeStats } from '../bridge/bridge-stats.js';
import type { CacheEventName, CacheListener, InvalidationOrigin } from '../cache/cache-events.js';
import type { CacheStatsSnapshot } from '../cache/cache-stats.js';
import type { L2Stats } from '../cache/l2/l2-stats.js';
import type { RedisMemoryInfo } from '../cache/l2/l2-store.js';
import type { WarmOptions, WarmReport, WarmTask } from '../warming/warm-tasks.js';
import type { TableByName, TableDefinition, TableName } from '../schema/table-definition.js';
import { DatabaseImpl } from './database-impl.js';
import type { OperationEvent } from './operation-observer.js';
import type { RememberOptions } from './remember.js';
import type { TableHandle } from './table-handle.js';
import type { Transaction, TransactionOptions } from './transaction.js';

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
