import type { BulkRowFailure, BulkRowRef } from '../errors/bulk-partial-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import { canonicalString } from '../query/query-canonical.js';
import type { BulkRowData, RowPage, RowRecord } from '../appwrite/tables-db-adapter.js';
import { chunk, throwIfFailed, type ChunkResult } from './bulk-chunks.js';
import { distinctIds, groupUpdates, idFilter, prepareRow } from './bulk-prepare.js';
import { writeTables } from './table-checks.js';
import type { TableCore } from './table-core.js';
import type { BulkDeleteResult } from './table-types.js';

interface RowChunk {
  readonly refs: readonly BulkRowRef[];
  readonly rows: readonly BulkRowData[];
}

/**
 * `createRows` (mode 'create') or `upsertRows` (mode 'upsert') in chunks of 100, under one invalidation.
 * Every row gets its id before sending (Appwrite's own when given, else a new unique id), so that a failed
 * chunk can name its rows. Returns the rows in input order.
 */
export async function bulkWriteRows(core: TableCore, input: readonly unknown[], mode: 'create' | 'upsert'): Promise<readonly RowRecord[]> {
  const { runtime, session } = core;
  const operation = mode === 'create' ? 'bulkCreate' : 'bulkUpsert';
  core.requireApiKey(operation);
  const prepared = input.map((row, index) => prepareRow(runtime, row, index, mode));
  if (prepared.length === 0) return [];
  const perRow = runtime.relations.hasRelations;
  const chunks: RowChunk[] = chunk(prepared.map((row, index) => ({ row, index })), perRow ? 1 : undefined).map((items) => ({
    refs: items.map(({ row, index }) => ({ index, id: row.$id })),
    rows: items.map(({ row }) => row),
  }));
  const send = (current: RowChunk): Promise<RowPage> => {
    if (perRow) return oneRow(current.rows[0] as BulkRowData, (id, data, permissions) => (mode === 'create'
      ? session.adapter.createRow(runtime.id, id, data, permissions)
      : session.adapter.upsertRow(runtime.id, id, data, permissions)));
    return mode === 'create' ? session.adapter.createRows(runtime.id, current.rows) : session.adapter.upsertRows(runtime.id, current.rows);
  };
  const keys = new Set(prepared.flatMap((row) => Object.keys(row)));
  const results = await core.bulk(writeTables(runtime, Object.fromEntries([...keys].map((key) => [key, true]))), chunks, send);
  const byId = new Map<string, RowRecord>();
  // An upsert's answer leaves out the rows it found unchanged: every row of a successful chunk succeeded.
  const { succeeded, failed } = collectById(runtime.id, results, byId, { missingFails: false });
  throwIfFailed(runtime.id, operation, succeeded, failed);
  if (mode === 'upsert') await readBackUnchanged(core, prepared, byId);
  return prepared.map((row) => byId.get(row.$id)).filter((row): row is RowRecord => row !== undefined);
}

/**
 * upsertRows leaves out of its answer the rows it found unchanged (Appwrite 1.9.x with utopia-php/database
 * 6.0, reference §2.5): those are read back, 100 per `listRows`, so that bulkUpsert returns every row it was given.
 */
async function readBackUnchanged(core: TableCore, prepared: readonly BulkRowData[], byId: Map<string, RowRecord>): Promise<void> {
  const missing = [...new Set(prepared.map((row) => row.$id).filter((id) => !byId.has(id)))];
  for (const ids of chunk(missing)) {
    const queries = [idFilter(ids.map((id) => ({ index: 0, id }))), canonicalString({ method: 'limit', values: [ids.length] })];
    for (const row of (await core.session.adapter.listRows(core.id, queries)).rows) byId.set(String(row.$id), row);
  }
}

/**
 * Appwrite refuses the bulk routes on tables with relationship columns: there, each row is one request
 * (at most four in flight, as chunks are), answered in the bulk routes' shape.
 */
async function oneRow(row: BulkRowData, write: (id: string, data: object, permissions?: readonly string[]) => Promise<RowRecord>): Promise<RowPage> {
  const { $id, $permissions, ...data } = row;
  return { total: 1, rows: [await write(String($id), data, $permissions)] };
}

/**
 * `bulkUpdate`: one `updateRows` per distinct change and chunk of 100 ids, selected with `equal('$id', ids)`.
 * Not `upsertRows`: an upsert creates rows that do not exist and, for a row that does, needs every required
 * field, while an update must change only the given fields of existing rows. Several changes of one id are
 * merged in input order first, which gives the same row as applying them one after another.
 */
export async function bulkUpdateRows(core: TableCore, items: readonly { readonly id: string; readonly data: unknown }[]): Promise<readonly RowRecord[]> {
  const { runtime, session } = core;
  core.requireApiKey('bulkUpdate');
  const { ids, chunks, keys } = groupUpdates(runtime, items);
  if (ids.length === 0) return [];
  const perRow = runtime.relations.hasRelations;
  const results = await core.bulk(writeTables(runtime, keys), chunks, async (current) => (perRow
    ? { total: 1, rows: [await session.adapter.updateRow(runtime.id, current.refs[0]?.id ?? '', current.data)] }
    : session.adapter.updateRows(runtime.id, current.data, [idFilter(current.refs)], true)));
  const byId = new Map<string, RowRecord>();
  const outcome = collectById(runtime.id, results, byId, { missingFails: true });
  throwIfFailed(runtime.id, 'bulkUpdate', outcome.succeeded, outcome.failed);
  return ids.map((id) => byId.get(id)).filter((row): row is RowRecord => row !== undefined);
}

/** `bulkDelete`: `deleteRows` with `equal('$id', ids)` per chunk of 100 distinct ids. */
export async function bulkDeleteRows(core: TableCore, ids: readonly string[]): Promise<BulkDeleteResult> {
  const { runtime, session } = core;
  core.requireApiKey('bulkDelete');
  const first = distinctIds(runtime, ids);
  if (first.size === 0) return { deleted: [], notFound: [] };
  const perRow = runtime.relations.hasRelations;
  const chunks = chunk([...first].map(([id, index]) => ({ index, id })), perRow ? 1 : undefined).map((refs) => ({ refs }));
  const results = await core.bulk(runtime.relations.deleteTables(), chunks, (current) => (perRow
    ? deleteOne(core, current.refs[0]?.id ?? '')
    : session.adapter.deleteRows(runtime.id, [idFilter(current.refs)], true)));
  const deleted = new Set<string>();
  const succeeded: BulkRowRef[] = [];
  const failed: BulkRowFailure[] = [];
  for (const { refs, outcome } of results) {
    if (!outcome.ok) failed.push(...refs.map((ref) => ({ ...ref, error: outcome.error })));
    else {
      for (const row of outcome.value.rows) deleted.add(String(row.$id));
      succeeded.push(...refs);
    }
  }
  throwIfFailed(runtime.id, 'bulkDelete', succeeded, failed);
  const order = [...first.keys()];
  return { deleted: order.filter((id) => deleted.has(id)), notFound: order.filter((id) => !deleted.has(id)) };
}

/** One `deleteRow` in the bulk routes' shape: a missing row is simply not among the deleted. */
async function deleteOne(core: TableCore, id: string): Promise<RowPage> {
  try {
    await core.session.adapter.deleteRow(core.id, id);
    return { total: 1, rows: [{ $id: id }] };
  } catch (error) {
    if (error instanceof NotFoundError) return { total: 0, rows: [] };
    throw error;
  }
}

/**
 * Splits chunk outcomes into succeeded and failed rows, collecting the answered rows into `byId`. With
 * `missingFails`, an id missing from a successful answer did not exist and fails with a NotFoundError.
 */
function collectById(
  table: string, results: readonly ChunkResult<RowPage>[], byId: Map<string, RowRecord>, options: { readonly missingFails: boolean },
): { succeeded: BulkRowRef[]; failed: BulkRowFailure[] } {
  const succeeded: BulkRowRef[] = [];
  const failed: BulkRowFailure[] = [];
  for (const { refs, outcome } of results) {
    if (!outcome.ok) {
      failed.push(...refs.map((ref) => ({ ...ref, error: outcome.error })));
      continue;
    }
    for (const row of outcome.value.rows) byId.set(String(row.$id), row);
    for (const ref of refs) {
      if (!options.missingFails || (ref.id !== undefined && byId.has(ref.id))) succeeded.push(ref);
      else failed.push({ ...ref, error: new NotFoundError(table, { rowId: ref.id ?? '' }) });
    }
  }
  return { succeeded, failed };
}

/** Ids of every row matching canonical queries, read page by page (uncached), for the per-row fallbacks. */
export async function matchingIds(core: TableCore, query: CanonicalQuery): Promise<string[]> {
  const ids: string[] = [];
  const select = canonicalString({ method: 'select', values: ['$id'] });
  let cursor: string | undefined;
  for (;;) {
    const paging = [canonicalString({ method: 'limit', values: [MATCH_PAGE] }), ...(cursor === undefined ? [] : [canonicalString({ method: 'cursorAfter', values: [cursor] })])];
    const page = (await core.session.adapter.listRows(core.id, [...query.strings, select, ...paging])).rows;
    for (const row of page) ids.push(String(row.$id));
    const last = page.length < MATCH_PAGE ? undefined : String(page[page.length - 1]?.$id);
    if (last === undefined || last === cursor) return ids;
    cursor = last;
  }
}

const MATCH_PAGE = 500;

