import type { CacheReadRequest } from '../cache/query-cache.js';
import { tagTable } from '../cache/cache-tags.js';
import { QueryError } from '../errors/query-error.js';
import { idError, isAppwriteId } from '../appwrite/appwrite-ids.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import { canonicalString } from '../query/query-canonical.js';
import type { TableContext } from './table-runtime.js';
import type { CallOptions, ReadOptions } from './table-types.js';
import type { RowRecord, TablesDbAdapter } from '../appwrite/tables-db-adapter.js';

const LIMIT_ONE = canonicalString({ method: 'limit', values: [1] });

/**
 * The cache request of a read of `query`, with the table's TTL and cache policy. `extra` (a JSON text) is
 * appended to the queries of the key, for reads whose result depends on more than the query.
 */
export function request(context: TableContext, operation: string, query: CanonicalQuery, options: ReadOptions | undefined,
  dependsOn?: readonly string[], extra?: string): CacheReadRequest {
  const database = context.session.adapter.databaseId;
  const scope = context.session.scope;
  const table = context.runtime.id;
  let queries = query.strings;
  let key = query.cacheKey({ database, scope, table, operation });
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
    operation,
    queries,
    key,
    ttl: options?.ttl,
    tableTtl: context.runtime.ttl,
    cache: context.runtime.cached ? options?.cache : false,
    ...(dependsOn === undefined ? {} : { dependsOn }),
  };
}

/** The session's adapter, with the call's own deadline when it gives one. */
export function adapterFor(context: TableContext, options: CallOptions | undefined): TablesDbAdapter {
  return options?.timeoutMs === undefined ? context.session.adapter : context.session.adapter.withTimeout(options.timeoutMs);
}

/**
 * The canonical query with the `select` that loads the `with` relationships (merged into a `select` the query
 * already holds), and the tables the read then depends on. Without `with` the query passes unchanged.
 */
function withRelated(context: TableContext, query: CanonicalQuery, options: ReadOptions | undefined):
  { query: CanonicalQuery; dependsOn?: readonly string[] } {
  const paths = options?.with;
  if (paths === undefined || paths.length === 0) return { query };
  const plan = context.runtime.relations.withPlan(paths, query.selected());
  return { query: query.withSelect(plan.select), dependsOn: plan.dependsOn };
}

/**
 * `getRow` through the cache; a missing row is cached as `null` like any other result. A bad id is a
 * rejection (a `ValidationError`), never a request.
 */
export function readRow(context: TableContext, rowId: string, options?: ReadOptions, method = 'get'): Promise<RowRecord | null> {
  const { runtime, session } = context;
  if (!isAppwriteId(rowId)) return Promise.reject(idError(rowId, { table: runtime.id, method }));
  let related: ReturnType<typeof withRelated>;
  let cached: CacheReadRequest;
  try {
    related = withRelated(context, runtime.normalizer.row(rowId), options);
    cached = request(context, runtime.operations.get, related.query, options, related.dependsOn);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const { query, dependsOn } = related;
  const select = dependsOn === undefined ? undefined : query.strings.slice(1);
  return session.cache.read(cached, () => adapterFor(context, options).getRow(runtime.id, rowId, select));
}

/** One `listRows` request through the cache, for a canonical query. */
export function readList(context: TableContext, canonical: CanonicalQuery, options?: ReadOptions): Promise<readonly RowRecord[]> {
  const { runtime, session } = context;
  const { query, dependsOn } = withRelated(context, canonical, options);
  return session.cache.read(request(context, runtime.operations.list, query, options, dependsOn),
    async () => (await adapterFor(context, options).listRows(runtime.id, query.strings)).rows);
}

/** The first row matching a canonical query: any limit is replaced by `limit(1)`. */
export async function readFirst(context: TableContext, query: CanonicalQuery, options?: ReadOptions): Promise<RowRecord | null> {
  const rows = await readList(context, query.withLimit(1), options);
  return rows[0] ?? null;
}

/** `total` of the filters of a canonical query (orders, selects and paging do not change it; Appwrite caps it at 5000). */
export function readCount(context: TableContext, query: CanonicalQuery, options?: ReadOptions): Promise<number> {
  const { runtime, session } = context;
  const filters = query.filters();
  return session.cache.read(request(context, runtime.operations.count, filters, options),
    async () => (await adapterFor(context, options).listRows(runtime.id, [...filters.strings, LIMIT_ONE], true)).total);
}

/** Every row matching a canonical query, fetched page by page with `cursorAfter` and cached as one entry. */
export function readAll(context: TableContext, canonical: CanonicalQuery, pageSize: number, options?: ReadOptions): Promise<readonly RowRecord[]> {
  const { runtime, session } = context;
  rejectPaging(context, canonical, 'all()');
  const { query, dependsOn } = withRelated(context, canonical, options);
  return session.cache.read(request(context, runtime.operations.all, query, options, dependsOn), () => loadAll(context, query.strings, pageSize, options));
}

/** Every row matching canonical queries, fetched from Appwrite page by page with `cursorAfter`, past the cache. */
export async function loadAll(context: TableContext, queries: readonly string[], pageSize: number, options?: CallOptions): Promise<RowRecord[]> {
  const rows: RowRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = (await adapterFor(context, options).listRows(context.runtime.id, pageQueries(queries, pageSize, cursor))).rows;
    for (const row of page) rows.push(row);
    const next = page.length < pageSize ? undefined : lastId(page);
    // A page ending on the row it started after would repeat forever; stop instead.
    if (next === undefined || next === cursor) return rows;
    cursor = next;
  }
}

/** Every row matching a canonical query, one cached `listRows` page at a time. */
export async function* iterateRows(context: TableContext, queries: CanonicalQuery, pageSize: number, options?: ReadOptions): AsyncGenerator<RowRecord> {
  rejectPaging(context, queries, 'iterate()');
  let cursor: string | undefined;
  for (;;) {
    const page = await readList(context, context.runtime.normalizer.combine(queries, pageNodes(pageSize, cursor)), options);
    yield* page;
    const next = page.length < pageSize ? undefined : lastId(page);
    if (next === undefined || next === cursor) return;
    cursor = next;
  }
}

function pageNodes(pageSize: number, cursor: string | undefined): { method: string; values: readonly (string | number)[] }[] {
  const limit = { method: 'limit', values: [pageSize] };
  return cursor === undefined ? [limit] : [limit, { method: 'cursorAfter', values: [cursor] }];
}

function pageQueries(queries: readonly string[], pageSize: number, cursor: string | undefined): string[] {
  return [...queries, ...pageNodes(pageSize, cursor).map(canonicalString)];
}

function lastId(page: readonly RowRecord[]): string | undefined {
  const id = page[page.length - 1]?.$id;
  return typeof id === 'string' ? id : undefined;
}

function rejectPaging(context: TableContext, query: CanonicalQuery, method: string): void {
  const paging = query.paging;
  if (paging !== undefined) {
    throw new QueryError(context.runtime.id, paging, `${method} pages by itself; use find() or query() for limit, offset and cursors`);
  }
}

/** Checks a page size: a positive integer. */
export function checkPageSize(context: TableContext, pageSize: number): number {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new QueryError(context.runtime.id, `pageSize ${pageSize}`, 'the page size must be a positive integer');
  }
  return pageSize;
}
