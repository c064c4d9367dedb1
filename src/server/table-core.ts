import type { CacheReadRequest } from '../cache/query-cache.js';
import { tagTable } from '../cache/cache-tags.js';
import { ConfigError } from '../errors/config-error.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import type { QueryInput } from '../query/query-normalizer.js';
import type { TableDefinition } from '../schema/table-definition.js';
import type { TablesDbAdapter } from '../appwrite/tables-db-adapter.js';
import { sendChunks, type ChunkResult } from './bulk-chunks.js';
import type { BulkRowRef } from '../errors/bulk-partial-error.js';
import type { Session, TableOperations, TableRuntime } from './table-runtime.js';
import type { CallOptions, ReadOptions } from './table-types.js';

/**
 * One table as one identity acts on it, and the three primitives every operation of a table handle is made
 * of: a cached read of a canonical query, a write under the write protocol, and a bulk write whose chunks go
 * through the bulk limiter. The typed handle (`db.table(name)`) is a facade over it; the operations
 * themselves (`table-reads`, `table-writes`, `bulk-writes`...) are functions of a core.
 *
 * @example
 * ```ts
 * const rows = await core.read('list', core.normalize({ category: 'office' }), undefined,
 *   async () => (await core.adapter().listRows(core.id, [])).rows);
 * await core.write([core.id], () => core.adapter().deleteRow(core.id, 'pen'));
 * ```
 */
export class TableCore<D extends TableDefinition = TableDefinition> {
  /** What every view of the table shares: declaration, id, normaliser, relationships. */
  readonly runtime: TableRuntime<D>;
  /** The identity this core acts as: cache scope, Appwrite adapter, observer. */
  readonly session: Session;

  constructor(runtime: TableRuntime<D>, session: Session) {
    this.runtime = runtime;
    this.session = session;
  }

  /** The Appwrite table id. */
  get id(): string {
    return this.runtime.id;
  }

  /** Queries in any accepted spelling, as the one canonical query (memoised per distinct input). */
  normalize(queries: unknown): CanonicalQuery {
    return this.runtime.normalizer.canonical(queries as QueryInput | undefined);
  }

  /** The session's adapter, with the call's own deadline when it gives one. */
  adapter(options?: CallOptions): TablesDbAdapter {
    return options?.timeoutMs === undefined ? this.session.adapter : this.session.adapter.withTimeout(options.timeoutMs);
  }

  /**
   * The cached result of `operation` on `query` (key: database, scope, table, operation, query), or `load`'s
   * result, stored when no write overlapped it. `dependsOn`: the other tables the result was loaded from;
   * `extra` (a JSON text) keeps apart results that depend on more than the query.
   */
  read<T>(operation: keyof TableOperations, query: CanonicalQuery, options: ReadOptions | undefined, load: () => Promise<T>,
    dependsOn?: readonly string[], extra?: string): Promise<T> {
    return this.session.cache.read(cacheRequest(this, operation, query, options, dependsOn, extra), load);
  }

  /**
   * Runs one write under the write protocol: the generations of `tables` (every table the write changes) are
   * bumped before `send`, and each table is invalidated when it settles, whatever the outcome (after a
   * timeout or a 5xx the write may have happened), so that no read overlapping the write is ever stored.
   */
  async write<T>(tables: readonly string[], send: () => Promise<T>): Promise<T> {
    const cache = this.session.cache;
    const settles = tables.map((table) => cache.beginWrite(table));
    try {
      return await send();
    } finally {
      for (const settle of settles) settle();
    }
  }

  /**
   * A bulk write under the write protocol: every chunk sent through the bulk limiter (a few at a time, a
   * failed chunk not stopping the others), one invalidation of `tables` for the whole call.
   */
  bulk<C extends { readonly refs: readonly BulkRowRef[] }, R>(tables: readonly string[], chunks: readonly C[],
    send: (chunk: C) => Promise<R>): Promise<ChunkResult<R>[]> {
    return this.write(tables, () => sendChunks(chunks, send));
  }

  /**
   * Appwrite refuses bulk routes to users: createRows answers 401, updateRows, upsertRows and deleteRows a
   * misleading 404 `database_not_found` (reference §2.5). Refused here, before any request.
   */
  requireApiKey(method: string): void {
    if (this.session.scope === 'key') return;
    throw new ConfigError(`${method}() on table "${this.id}" needs the API key: Appwrite refuses bulk requests made as a user ` +
      '(a db.as({ jwt }) view). Call it on the database itself, or use the per-row methods on the view', { table: this.id });
  }

  /** Reports the operation when something observes them; otherwise calls straight through (the hot path). */
  observe<T>(method: string, call: () => Promise<T>): Promise<T> {
    const observer = this.session.observer;
    return observer === undefined || !observer.active ? call() : observer.run(this.id, method, call);
  }
}

/** The cache request of a read, with the table's TTL and cache policy; tags add their pseudo-tables and key part. */
function cacheRequest(core: TableCore, operation: keyof TableOperations, query: CanonicalQuery, options: ReadOptions | undefined,
  dependsOn: readonly string[] | undefined, extra: string | undefined): CacheReadRequest {
  const database = core.session.adapter.databaseId;
  const scope = core.session.scope;
  const table = core.runtime.id;
  const name = core.runtime.operations[operation];
  let queries = query.strings;
  let key = query.cacheKey({ database, scope, table, operation: name });
  const tags = options?.tags;
  if (tags !== undefined && tags.length > 0) {
    const sorted = [...new Set(tags)].sort();
    // Tagged results are kept apart from untagged ones, and depend on each tag's pseudo-table.
    dependsOn = [...(dependsOn ?? []), ...sorted.map(tagTable)];
    extra = extra === undefined ? JSON.stringify({ tags: sorted }) : `${extra}|${JSON.stringify({ tags: sorted })}`;
  }
  if (extra !== undefined) {
    queries = [...queries, extra];
    key = `${key}|${extra}`;
  }
  return {
    database,
    scope,
    table,
    operation: name,
    queries,
    key,
    ttl: options?.ttl,
    tableTtl: core.runtime.ttl,
    cache: core.runtime.cached ? options?.cache : false,
    ...(dependsOn === undefined ? {} : { dependsOn }),
  };
}
