import { QueryError } from '../errors/query-error.js';
import { idError, isAppwriteId } from '../appwrite/appwrite-ids.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import { canonicalString } from '../query/query-canonical.js';
import type { RowRecord } from '../appwrite/tables-db-adapter.js';
import type { TableCore } from './table-core.js';
import type { CallOptions, ReadOptions } from './table-types.js';

/* The reads of a table, each one cached read of the core (or, for `iterate`, one per page). */

const LIMIT_ONE = canonicalString({ method: 'limit', values: [1] });

/**
 * The canonical query with the `select` that loads the `with` relationships (merged into a `select` the query
 * already holds), and the tables the read then depends on. Without `with` the query passes unchanged.
 */
function withRelated(core: TableCore, query: CanonicalQuery, options: ReadOptions | undefined):
  { query: CanonicalQuery; dependsOn?: readonly string[] } {
  const paths = options?.with;
  if (paths === undefined || paths.length === 0) return { query };
  const plan = core.runtime.relations.withPlan(paths, query.selected());
  return { query: query.withSelect(plan.select), dependsOn: plan.dependsOn };
}

/**
 * `getRow` through the cache; a missing row is cached as `null` like any other result. A bad id is a
 * rejection (a `ValidationError`), never a request.
 */
export function readRow(core: TableCore, rowId: string, options?: ReadOptions, method = 'get'): Promise<RowRecord | null> {
  if (!isAppwriteId(rowId)) return Promise.reject(idError(rowId, { table: core.id, method }));
  try {
    const { query, dependsOn } = withRelated(core, core.runtime.normalizer.row(rowId), options);
    const select = dependsOn === undefined ? undefined : query.strings.slice(1);
    // Inside the try: a bad `with` path or tag comes out as a rejection too.
    return core.read('get', query, options, () => core.adapter(options).getRow(core.id, rowId, select), dependsOn);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** One `listRows` request through the cache, for a canonical query. Throws synchronously for a bad `with`. */
export function readList(core: TableCore, canonical: CanonicalQuery, options?: ReadOptions): Promise<readonly RowRecord[]> {
  const { query, dependsOn } = withRelated(core, canonical, options);
  return core.read('list', query, options, async () => (await core.adapter(options).listRows(core.id, query.strings)).rows, dependsOn);
}

/** The first row matching a canonical query: any limit is replaced by `limit(1)`. */
export async function readFirst(core: TableCore, query: CanonicalQuery, options?: ReadOptions): Promise<RowRecord | null> {
  const rows = await readList(core, query.withLimit(1), options);
  return rows[0] ?? null;
}

/** `total` of the filters of a canonical query (orders, selects and paging do not change it; Appwrite caps it at 5000). */
export function readCount(core: TableCore, query: CanonicalQuery, options?: ReadOptions): Promise<number> {
  const filters = query.filters();
  return core.read('count', filters, options, async () => (await core.adapter(options).listRows(core.id, [...filters.strings, LIMIT_ONE], true)).total);
}

/** Every row matching a canonical query, fetched page by page with `cursorAfter` and cached as one entry. */
export function readAll(core: TableCore, canonical: CanonicalQuery, pageSize: number, options?: ReadOptions): Promise<readonly RowRecord[]> {
  rejectPaging(core, canonical, 'all()');
  const { query, dependsOn } = withRelated(core, canonical, options);
  return core.read('all', query, options, () => loadAll(core, query.strings, pageSize, options), dependsOn);
}

/** Every row matching canonical queries, fetched from Appwrite page by page with `cursorAfter`, past the cache. */
export async function loadAll(core: TableCore, queries: readonly string[], pageSize: number, options?: CallOptions): Promise<RowRecord[]> {
  const rows: RowRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = (await core.adapter(options).listRows(core.id, pageQueries(queries, pageSize, cursor))).rows;
    for (const row of page) rows.push(row);
    const next = page.length < pageSize ? undefined : lastId(page);
    // A page ending on the row it started after would repeat forever; stop instead.
    if (next === undefined || next === cursor) return rows;
    cursor = next;
  }
}

/** Every row matching a canonical query, one cached `listRows` page at a time. */
export async function* iterateRows(core: TableCore, queries: CanonicalQuery, pageSize: number, options?: ReadOptions): AsyncGenerator<RowRecord> {
  rejectPaging(core, queries, 'iterate()');
  let cursor: string | undefined;
  for (;;) {
    const page = await readList(core, core.runtime.normalizer.combine(queries, pageNodes(pageSize, cursor)), options);
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

function rejectPaging(core: TableCore, query: CanonicalQuery, method: string): void {
  const paging = query.paging;
  if (paging !== undefined) {
    throw new QueryError(core.id, paging, `${method} pages by itself; use find() or query() for limit, offset and cursors`);
  }
}

/** Checks a page size: a positive integer. */
export function checkPageSize(core: TableCore, pageSize: number): number {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new QueryError(core.id, `pageSize ${pageSize}`, 'the page size must be a positive integer');
  }
  return pageSize;
}
