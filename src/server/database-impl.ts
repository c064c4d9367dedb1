import { createHash } from 'node:crypto';
import type { BridgeStats } from '../bridge/bridge-stats.js';
import type { CacheEventName, CacheListener, InvalidationOrigin } from '../cache/cache-events.js';
import type { CacheStatsSnapshot } from '../cache/cache-stats.js';
import { tagTable } from '../cache/cache-tags.js';
import type { L2Stats } from '../cache/l2/l2-stats.js';
import type { RedisMemoryInfo } from '../cache/l2/l2-store.js';
import type { QueryCache } from '../cache/query-cache.js';
import { warm, type WarmOptions, type WarmReport, type WarmTask } from '../warming/warm-tasks.js';
import { ConfigError } from '../errors/config-error.js';
import type { TableByName, TableDefinition, TableName } from '../schema/table-definition.js';
import { createAppwriteClient } from '../appwrite/appwrite-client.js';
import { TablesDbAdapter } from '../appwrite/tables-db-adapter.js';
import type { Database } from './database.js';
import type { DatabaseShared } from './database-open.js';
import type { OperationEvent } from './operation-observer.js';
import { rememberValue, type RememberOptions } from './remember.js';
import { TableCore } from './table-core.js';
import type { TableHandle } from './table-handle.js';
import { TableHandleImpl } from './table-handle-impl.js';
import type { Session } from './table-runtime.js';
import type { Transaction, TransactionOptions } from './transaction.js';
import { runTransaction } from './transaction-runner.js';

/**
 * The {@link Database} `ServerORM.init()` returns, and each view `as({ jwt })` makes of it: the state every
 * view shares, and the session (identity, cache scope, Appwrite adapter) of this one.
 */
export class DatabaseImpl<T extends readonly TableDefinition[] = readonly TableDefinition[]> implements Database<T> {
  /** The query cache every view of this database shares (internal: tests and the database's own parts reach it here). */
  readonly cache: QueryCache;
  readonly scope: string;
  readonly #shared: DatabaseShared;
  readonly #session: Session;
  readonly #handles = new Map<string, TableHandle>();

  constructor(shared: DatabaseShared, session: Session) {
    this.#shared = shared;
    this.#session = session;
    this.cache = shared.cache;
    this.scope = session.scope;
  }

  get databaseId(): string {
    return this.#shared.config.databaseId;
  }

  tableIds(): readonly string[] {
    return [...this.#shared.runtimes.values()].map((runtime) => runtime.id);
  }

  affectedTables(tableId: string, action: 'write' | 'delete'): readonly string[] {
    const runtime = [...this.#shared.runtimes.values()].find((candidate) => candidate.id === tableId);
    if (runtime === undefined) return [tableId];
    return action === 'delete' ? runtime.relations.deleteTables() : runtime.relations.writeTables(runtime.relations.keys);
  }

  table<N extends TableName<T>>(name: N): TableHandle<TableByName<T, N>, T> {
    let handle = this.#handles.get(name);
    if (handle === undefined) {
      const runtime = this.#shared.runtimes.get(name);
      if (runtime === undefined) throw new ConfigError(`No table named "${name}" was declared`, { table: name });
      handle = new TableHandleImpl(new TableCore(runtime, this.#session));
      this.#handles.set(name, handle);
    }
    return handle as unknown as TableHandle<TableByName<T, N>, T>;
  }

  as(identity: { readonly jwt: string }): DatabaseImpl<T> {
    const { config, retry, cache } = this.#shared;
    if (typeof identity.jwt !== 'string' || identity.jwt === '') throw new ConfigError('as({ jwt }) needs a non-empty JWT');
    const client = createAppwriteClient({ endpoint: config.endpoint, projectId: config.projectId, credentials: { jwt: identity.jwt } });
    // The scope is a hash: the token itself never enters keys, stats or events.
    const scope = `jwt:${createHash('sha256').update(identity.jwt).digest('base64url').slice(0, 22)}`;
    return new DatabaseImpl<T>(this.#shared, { scope, cache, client, observer: this.#shared.observer, adapter: new TablesDbAdapter(client, config.databaseId, retry, config.timeoutMs, this.#shared.decoder) });
  }

  remember<V>(key: string, options: RememberOptions<T>, compute: () => Promise<V>): Promise<V> {
    return rememberValue(this.cache, this.scope, this.#shared.runtimes, key, options, compute);
  }

  transaction<R>(fn: (tx: Transaction<T>) => Promise<R>, options?: TransactionOptions): Promise<R> {
    const session = this.#session;
    return runTransaction<T, R>({ runtimes: this.#shared.runtimes, session, client: session.client, databaseId: this.databaseId }, fn, options);
  }

  onOperation(listener: (event: OperationEvent) => void): () => void {
    return this.#shared.observer.listen(listener);
  }

  stats(): CacheStatsSnapshot {
    return this.cache.stats();
  }

  bridgeStats(): BridgeStats | undefined {
    return this.#shared.bridge?.stats();
  }

  l2Stats(): L2Stats | undefined {
    return this.#shared.l2?.stats();
  }

  async l2Report(): Promise<(L2Stats & { readonly redis: RedisMemoryInfo | undefined }) | undefined> {
    const tier = this.#shared.l2;
    const stats = tier?.stats();
    if (tier === undefined || stats === undefined) return undefined;
    return { ...stats, redis: await tier.redisInfo() };
  }

  async ready(): Promise<void> {
    await Promise.all([this.#shared.bridge?.start(), this.#shared.l2?.ready()]);
  }

  invalidateTags(tags: readonly string[]): void {
    const tables = tags.map(tagTable);
    for (const table of tables) this.cache.invalidate(table, 'local');
  }

  invalidate(table: string, origin: InvalidationOrigin = 'local'): void {
    this.cache.invalidate(table, origin);
  }

  invalidateAll(): void {
    this.cache.invalidateAll('local');
  }

  warm(tasks: readonly WarmTask<Database<T>>[], options?: WarmOptions): Promise<WarmReport> {
    return warm<Database<T>>(this, tasks, options);
  }

  on<E extends CacheEventName>(event: E, listener: CacheListener<E>): void {
    this.cache.on(event, listener);
  }

  off<E extends CacheEventName>(event: E, listener: CacheListener<E>): void {
    this.cache.off(event, listener);
  }

  async closeListeners(): Promise<void> {
    const listeners = [...this.#shared.listeners];
    await Promise.all(listeners.map(async (listener) => {
      await (listener.closeListeners === undefined ? listener.close() : listener.closeListeners());
    }));
    this.cache.clear();
  }

  async close(): Promise<void> {
    const listeners = [...this.#shared.listeners];
    this.#shared.listeners.clear();
    await Promise.all(listeners.map(async (listener) => {
      await listener.close();
    }));
    this.cache.clear();
  }
}

/**
 * The query cache behind a database of this library, which the public {@link Database} does not show: the
 * seam tests and benchmarks use to clear or inspect it.
 */
export function queryCacheOf<T extends readonly TableDefinition[]>(db: Database<T>): QueryCache {
  if (!(db instanceof DatabaseImpl)) throw new ConfigError('not a database opened by this copy of appwrite-orm');
  return db.cache;
}
