import type { CacheReadRequest } from '../cache/query-cache.js';
import { QueryError } from '../errors/query-error.js';
import { idError, isAppwriteId } from '../appwrite/appwrite-ids.js';
import { canonicalString } from '../query/query-canonical.js';
import type { TableContext } from './table-runtime.js';
import type { CallOptions, ReadOptions } from './table-types.js';
import type { RowRecord, TablesDbAdapter } from '../appwrite/tables-db-adapter.js';

/** The method name of a canonical query string (`{"method":"limit",...}` gives `limit`). */
export function methodOf(canonical: string): string {
  return canonical.slice(11, canonical.indexOf('"', 11));
}

const PAGING = new Set(['limit', 'offset', 'cursorAfter', 'cursorBefore']);
const NOT_COUNTED = new Set([...PAGING, 'orderAsc', 'orderDesc', 'orderRandom', 'select']);
const LIMIT_ONE = canonicalString({ method: 'limit', values: [1] });

function request(context: TableContext, operation: string, queries: readonly string[], options: ReadOptions | undefined,
  dependsOn?: readonly string[]): CacheReadRequest {
  return {
    scope: context.session.scope,
    table: context.runtime.id,
    operation,
    queries,
    ttl: options?.ttl ?? context.runtime.ttl,
    cache: options?.cache,
    ...(dependsOn === undefined ? {} : { dependsOn }),
  };
}

/** The session's adapter, with the call's own deadline when it gives one. */
export function adapterFor(context: TableContext, options: CallOptions | undefined): TablesDbAdapter {
  return options?.timeoutMs === undefined ? context.session.adapter : context.session.adapter.withTimeout(options.timeoutMs);
}

/**
 * Canonical queries with the `select` that loads the `with` relationships (merged into a `select` the queries
 * already hold), and the tables the read then depends on. Without `with` the queries pass unchanged.
 */
export function withRelated(context: TableContext, queries: readonly string[], options: ReadOptions | undefined):
  { queries: readonly string[]; dependsOn?: readonly string[] } {
  const paths = options?.with;
  if (paths === undefined || paths.length === 0) return { queries };
  const selectAt = queries.findIndex((query) => methodOf(query) === 'select');
  const selected = selectAt < 0 ? undefined : (JSON.parse(queries[selectAt] ?? '{}') as { values: string[] }).values;
  const plan = context.runtime.relations.withPlan(paths, selected);
  const select = canonicalString({ method: 'select', values: plan.select });
  const rest = queries.filter((_, index) => index !== selectAt);
  return { queries: [...rest, select], dependsOn: plan.dependsOn };
}

/**
 * `getRow` through the cache; a missing row is cached as `null` like any other result. A bad id is a
 * rejection (a `ValidationError`), never a request.
 */
export function readRow(context: TableContext, rowId: string, options?: ReadOptions, method = 'get'): Promise<RowRecord | null> {
  const { runtime, session } = context;
  if (!isAppwriteId(rowId)) return Promise.reject(idError(rowId, { table: runtime.id, method }));
  let related: ReturnType<typeof withRelated>;
  try {
    related = withRelated(context, runtime.normalizer.rowId(rowId), options);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const select = related.dependsOn === undefined ? undefined : related.queries.filter((query) => methodOf(query) === 'select');
  return session.cache.read(request(context, runtime.operations.get, related.queries, options, related.dependsOn),
    () => adapterFor(context, options).getRow(runtime.id, rowId, select));
}

/** One `listRows` request through the cache, for canonical queries. */
export function readList(context: TableContext, canonical: readonly string[], options?: ReadOptions): Promise<readonly RowRecord[]> {
  const { runtime, session } = context;
  const { queries, dependsOn } = withRelated(context, canonical, options);
  return session.cache.read(request(context, runtime.operations.list, queries, options, dependsOn),
    async () => (await adapterFor(context, options).listRows(runtime.id, queries)).rows);
}

/** The first row matching canonical queries: any limit is replaced by `limit(1)`. */
export async function readFirst(context: TableContext, queries: readonly string[], options?: ReadOptions): Promise<RowRecord | null> {
  const kept = queries.filter((query) => methodOf(query) !== 'limit');
  // Through the normaliser's memo, so that the same first() gives the same frozen list, and the cache its key.
  const rows = await readList(context, context.runtime.normalizer.normalize([...kept, LIMIT_ONE]), options);
  return rows[0] ?? null;
}

/** `total` of the filters in canonical queries (orders, selects and paging do not change it; Appwrite caps it at 5000). */
export function readCount(context: TableContext, queries: readonly string[], options?: ReadOptions): Promise<number> {
  const { runtime, session } = context;
  // Through the normaliser's memo, as in readFirst.
  const filters = runtime.normalizer.normalize(queries.filter((query) => !NOT_COUNTED.has(methodOf(query))));
  return session.cache.read(request(context, runtime.operations.count, filters, options),
    async () => (await adapterFor(context, options).listRows(runtime.id, [...filters, LIMIT_ONE], true)).total);
}

/** Every row matching canonical queries, fetched page by page with `cursorAfter` and cached as one entry. */
export function readAll(context: TableContext, canonical: readonly string[], pageSize: number, options?: ReadOptions): Promise<readonly RowRecord[]> {
  const { runtime, session } = context;
  rejectPaging(context, canonical, 'all()');
  const { queries, dependsOn } = withRelated(context, canonical, options);
  return session.cache.read(request(context, runtime.operations.all, queries, options, dependsOn), async () => {
    const rows: RowRecord[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = (await adapterFor(context, options).listRows(runtime.id, pageQueries(queries, pageSize, cursor))).rows;
      for (const row of page) rows.push(row);
      const next = page.length < pageSize ? undefined : lastId(page);
      // A page ending on the row it started after would repeat forever; stop instead.
      if (next === undefined || next === cursor) return rows;
      cursor = next;
    }
  });
}

/** Every row matching canonical queries, one cached `listRows` page at a time. */
export async function* iterateRows(context: TableContext, queries: readonly string[], pageSize: number, options?: ReadOptions): AsyncGenerator<RowRecord> {
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

function rejectPaging(context: TableContext, queries: readonly string[], method: string): void {
  const paging = queries.find((query) => PAGING.has(methodOf(query)));
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
