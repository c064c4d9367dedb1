import type { CacheReadRequest } from '../cache/query-cache.js';
import { QueryError } from '../errors/query-error.js';
import { idError, isAppwriteId } from './appwrite-ids.js';
import { canonicalString } from './query-canonical.js';
import type { TableContext } from './table-runtime.js';
import type { CallOptions, ReadOptions } from './table-types.js';
import type { RowRecord, TablesDbAdapter } from './tables-db-adapter.js';

/** The method name of a canonical query string (`{"method":"limit",...}` gives `limit`). */
export function methodOf(canonical: string): string {
  return canonical.slice(11, canonical.indexOf('"', 11));
}

const PAGING = new Set(['limit', 'offset', 'cursorAfter', 'cursorBefore']);
const NOT_COUNTED = new Set([...PAGING, 'orderAsc', 'orderDesc', 'orderRandom', 'select']);
const LIMIT_ONE = canonicalString({ method: 'limit', values: [1] });

function request(context: TableContext, operation: string, queries: readonly string[], options: ReadOptions | undefined): CacheReadRequest {
  return {
    scope: context.session.scope,
    table: context.runtime.id,
    operation,
    queries,
    ttl: options?.ttl ?? context.runtime.ttl,
    cache: options?.cache,
  };
}

/** The session's adapter, with the call's own deadline when it gives one. */
export function adapterFor(context: TableContext, options: CallOptions | undefined): TablesDbAdapter {
  return options?.timeoutMs === undefined ? context.session.adapter : context.session.adapter.withTimeout(options.timeoutMs);
}

/**
 * `getRow` through the cache; a missing row is cached as `null` like any other result. A bad id is a
 * rejection (a `ValidationError`), never a request.
 */
export function readRow(context: TableContext, rowId: string, options?: ReadOptions, method = 'get'): Promise<RowRecord | null> {
  const { runtime, session } = context;
  if (!isAppwriteId(rowId)) return Promise.reject(idError(rowId, { table: runtime.id, method }));
  return session.cache.read(request(context, runtime.operations.get, runtime.normalizer.rowId(rowId), options),
    () => adapterFor(context, options).getRow(runtime.id, rowId));
}

/** One `listRows` request through the cache, for canonical queries. */
export function readList(context: TableContext, queries: readonly string[], options?: ReadOptions): Promise<readonly RowRecord[]> {
  const { runtime, session } = context;
  return session.cache.read(request(context, runtime.operations.list, queries, options),
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
export function readAll(context: TableContext, queries: readonly string[], pageSize: number, options?: ReadOptions): Promise<readonly RowRecord[]> {
  const { runtime, session } = context;
  rejectPaging(context, queries, 'all()');
  return session.cache.read(request(context, runtime.operations.all, queries, options), async () => {
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
