import { ID } from 'node-appwrite';
import { deepFreeze } from '../cache/deep-freeze.js';
import type { BulkRowFailure, BulkRowRef } from '../errors/bulk-partial-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { isColumnOperator } from '../schema/operator.js';
import { validateInsert, validatePatch, validateUpsert } from '../schema/row-validation.js';
import { checkId } from '../appwrite/appwrite-ids.js';
import { chunk, sendChunks, throwIfFailed } from './bulk-chunks.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import { canonicalString } from '../query/query-canonical.js';
import type { TableContext } from './table-runtime.js';
import type { BulkDeleteResult } from './table-types.js';
import type { BulkRowData, RowPage, RowRecord } from '../appwrite/tables-db-adapter.js';
import { rejectOperatorStrings } from '../query/operator-strings.js';
import { requireApiKey, underWrite, writeTables } from './table-writes.js';
import { stringifyExact } from '../schema/exact-json.js';

interface RowChunk {
  readonly refs: readonly BulkRowRef[];
  readonly rows: readonly BulkRowData[];
}

/**
 * `createRows` (mode 'create') or `upsertRows` (mode 'upsert') in chunks of 100, under one invalidation.
 * Every row gets its id before sending (Appwrite's own when given, else a new unique id), so that a failed
 * chunk can name its rows. Returns the rows in input order.
 */
export async function bulkWriteRows(context: TableContext, input: readonly unknown[], mode: 'create' | 'upsert'): Promise<readonly RowRecord[]> {
  const { runtime, session } = context;
  const operation = mode === 'create' ? 'bulkCreate' : 'bulkUpsert';
  requireApiKey(context, operation);
  const prepared = input.map((row, index) => prepareRow(context, row, index, mode));
  if (prepared.length === 0) return deepFreeze([]);
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
  const results = await underWrite(context, () => sendChunks(chunks, send), writeTables(context, Object.fromEntries([...keys].map((key) => [key, true]))));
  const byId = new Map<string, RowRecord>();
  const succeeded: BulkRowRef[] = [];
  const failed: BulkRowFailure[] = [];
  for (const { refs, outcome } of results) {
    if (!outcome.ok) {
      failed.push(...refs.map((ref) => ({ ...ref, error: outcome.error })));
      continue;
    }
    succeeded.push(...refs);
    for (const row of outcome.value.rows) byId.set(String(row.$id), row);
  }
  throwIfFailed(runtime.id, operation, succeeded, failed);
  if (mode === 'upsert') await readBackUnchanged(context, prepared, byId);
  return deepFreeze(prepared.map((row) => byId.get(row.$id)).filter((row): row is RowRecord => row !== undefined));
}

/**
 * upsertRows leaves out of its answer the rows it found unchanged (Appwrite 1.9.x with utopia-php/database
 * 6.0, reference §2.5): those are read back, 100 per `listRows`, so that bulkUpsert returns every row it was given.
 */
async function readBackUnchanged(context: TableContext, prepared: readonly BulkRowData[], byId: Map<string, RowRecord>): Promise<void> {
  const missing = [...new Set(prepared.map((row) => row.$id).filter((id) => !byId.has(id)))];
  for (const ids of chunk(missing)) {
    const queries = [idFilter(ids.map((id) => ({ index: 0, id }))), canonicalString({ method: 'limit', values: [ids.length] })];
    for (const row of (await context.session.adapter.listRows(context.runtime.id, queries)).rows) byId.set(String(row.$id), row);
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
 * Validates one row of `bulkCreate` / `bulkUpsert` and gives it its id (its own, else a new unique id).
 * An upsert may hold `Operator` values; a create takes values only.
 */
export function prepareRow(context: TableContext, row: unknown, index: number, mode: 'create' | 'upsert'): BulkRowData {
  const definition = context.runtime.definition;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return validateInsert(definition, row, index) as never;
  const { $id, $permissions, ...data } = row as Record<string, unknown>;
  // bulkUpsert needs every id (the row to create or replace); bulkCreate gives a new one to a row without.
  if (mode === 'upsert' || $id !== undefined) checkId($id, { table: context.runtime.id, method: mode === 'create' ? 'bulkCreate' : 'bulkUpsert', rowIndex: index });
  if ($permissions !== undefined && !(Array.isArray($permissions) && $permissions.every((p) => typeof p === 'string'))) {
    fail(context, '$permissions', 'must be a list of permission strings', index);
  }
  const body = mode === 'upsert' ? validateUpsert(definition, data, index) : validateInsert(definition, data, index);
  if (mode === 'upsert') rejectOperatorStrings(context.runtime.id, 'bulkUpsert', body, index);
  const id = typeof $id === 'string' ? $id : ID.unique();
  return { ...body, $id: id, ...($permissions === undefined ? {} : { $permissions: [...($permissions)] }) };
}

/** Adds a later change of a row to its earlier ones, refusing an operator that would then apply to the stored value. */
function mergeChange(context: TableContext, id: string, earlier: Record<string, unknown>, later: Readonly<Record<string, unknown>>, index: number): void {
  for (const [field, value] of Object.entries(later)) {
    if (isColumnOperator(value) && Object.hasOwn(earlier, field)) {
      fail(context, field, `row "${id}" is changed twice and this change applies ${value.method} to a field an earlier change sets; ` +
        'merged, the operator would apply to the stored value: give each row one change', index);
    }
  }
  Object.assign(earlier, later);
}

function fail(context: TableContext, field: string, reason: string, index: number): never {
  throw new ValidationError(context.runtime.id, [{ field, reason }], index);
}

/** One `updateRows` request of a bulk update: the rows it selects by id and the change. */
export interface IdChunk {
  readonly refs: readonly BulkRowRef[];
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * `bulkUpdate`: one `updateRows` per distinct change and chunk of 100 ids, selected with `equal('$id', ids)`.
 * Not `upsertRows`: an upsert creates rows that do not exist and, for a row that does, needs every required
 * field, while an update must change only the given fields of existing rows. Several changes of one id are
 * merged in input order first, which gives the same row as applying them one after another.
 */
export async function bulkUpdateRows(context: TableContext, items: readonly { readonly id: string; readonly data: unknown }[]): Promise<readonly RowRecord[]> {
  const { runtime, session } = context;
  requireApiKey(context, 'bulkUpdate');
  const { ids, chunks, keys } = groupUpdates(context, items);
  if (ids.length === 0) return deepFreeze([]);
  const perRow = runtime.relations.hasRelations;
  const results = await underWrite(context, () => sendChunks(chunks, async (current) => (perRow
    ? { total: 1, rows: [await session.adapter.updateRow(runtime.id, current.refs[0]?.id ?? '', current.data)] }
    : session.adapter.updateRows(runtime.id, current.data, [idFilter(current.refs)], true))), writeTables(context, keys));
  const byId = new Map<string, RowRecord>();
  const outcome = collectById(runtime.id, results, byId);
  throwIfFailed(runtime.id, 'bulkUpdate', outcome.succeeded, outcome.failed);
  return deepFreeze(ids.map((id) => byId.get(id)).filter((row): row is RowRecord => row !== undefined));
}

/**
 * Validates `bulkUpdate` items and groups them into `updateRows` requests: one per distinct change and
 * chunk of 100 ids. Several changes of one id are merged in input order first, which gives the same row as
 * applying them one after another (an operator on a field an earlier change of the row sets is refused: merged,
 * it would apply to the stored value). Returns the distinct ids in input order, the requests (one row each
 * on a table with relationships), and every field changed. The changes may hold `Operator` values.
 */
export function groupUpdates(context: TableContext, items: readonly { readonly id: string; readonly data: unknown }[]): { ids: string[]; chunks: IdChunk[]; keys: object } {
  const { runtime } = context;
  const merged = new Map<string, { index: number; data: Record<string, unknown> }>();
  items.forEach((item, index) => {
    checkId(item?.id, { table: runtime.id, method: 'bulkUpdate', rowIndex: index });
    const data = validatePatch(runtime.definition, item.data, index);
    rejectOperatorStrings(runtime.id, 'bulkUpdate', data, index);
    if (Object.keys(data).length === 0) fail(context, '', 'no field to update', index);
    const known = merged.get(item.id);
    if (known === undefined) merged.set(item.id, { index, data });
    else mergeChange(context, item.id, known.data, data, index);
  });
  const groups = new Map<string, { data: Record<string, unknown>; refs: BulkRowRef[] }>();
  for (const [id, { index, data }] of merged) {
    const key = stableJson(data);
    const group = groups.get(key) ?? { data, refs: [] };
    group.refs.push({ index, id });
    groups.set(key, group);
  }
  // Appwrite refuses updateRows on a table with relationship columns: there, one updateRow per row.
  const perRow = runtime.relations.hasRelations;
  const chunks: IdChunk[] = [...groups.values()].flatMap(({ data, refs }) => chunk(refs, perRow ? 1 : undefined).map((part) => ({ refs: part, data })));
  const keys = Object.fromEntries([...merged.values()].flatMap(({ data }) => Object.keys(data)).map((key) => [key, true]));
  return { ids: [...merged.keys()], chunks, keys };
}

/** `bulkDelete`: `deleteRows` with `equal('$id', ids)` per chunk of 100 distinct ids. */
export async function bulkDeleteRows(context: TableContext, ids: readonly string[]): Promise<BulkDeleteResult> {
  const { runtime, session } = context;
  requireApiKey(context, 'bulkDelete');
  const first = new Map<string, number>();
  ids.forEach((id, index) => {
    checkId(id, { table: runtime.id, method: 'bulkDelete', rowIndex: index });
    if (!first.has(id)) first.set(id, index);
  });
  if (first.size === 0) return { deleted: [], notFound: [] };
  const perRow = runtime.relations.hasRelations;
  const chunks = chunk([...first].map(([id, index]) => ({ index, id })), perRow ? 1 : undefined).map((refs) => ({ refs }));
  const results = await underWrite(context, () => sendChunks(chunks, (current) => (perRow
    ? deleteOne(context, current.refs[0]?.id ?? '')
    : session.adapter.deleteRows(runtime.id, [idFilter(current.refs)], true))), runtime.relations.deleteTables());
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
  return deepFreeze({ deleted: order.filter((id) => deleted.has(id)), notFound: order.filter((id) => !deleted.has(id)) });
}

/** One `deleteRow` in the bulk routes' shape: a missing row is simply not among the deleted. */
async function deleteOne(context: TableContext, id: string): Promise<RowPage> {
  try {
    await context.session.adapter.deleteRow(context.runtime.id, id);
    return { total: 1, rows: [{ $id: id }] };
  } catch (error) {
    if (error instanceof NotFoundError) return { total: 0, rows: [] };
    throw error;
  }
}

/** Splits chunk outcomes into succeeded and failed rows; an id missing from a successful answer did not exist. */
function collectById(
  table: string,
  results: Awaited<ReturnType<typeof sendChunks<IdChunk, { readonly rows: readonly RowRecord[] }>>>,
  byId: Map<string, RowRecord>,
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
      if (ref.id !== undefined && byId.has(ref.id)) succeeded.push(ref);
      else failed.push({ ...ref, error: new NotFoundError(table, { rowId: ref.id ?? '' }) });
    }
  }
  return { succeeded, failed };
}

/** `equal('$id', ids)` for the rows of a chunk. */
export function idFilter(refs: readonly BulkRowRef[]): string {
  return canonicalString({ method: 'equal', attribute: '$id', values: refs.map((ref) => ref.id ?? '') });
}

function stableJson(data: Readonly<Record<string, unknown>>): string {
  return stringifyExact(Object.keys(data).sort().map((key) => [key, data[key]]));
}

/** Ids of every row matching canonical queries, read page by page (uncached), for the per-row fallbacks. */
export async function matchingIds(context: TableContext, query: CanonicalQuery): Promise<string[]> {
  const ids: string[] = [];
  const select = canonicalString({ method: 'select', values: ['$id'] });
  let cursor: string | undefined;
  for (;;) {
    const paging = [canonicalString({ method: 'limit', values: [MATCH_PAGE] }), ...(cursor === undefined ? [] : [canonicalString({ method: 'cursorAfter', values: [cursor] })])];
    const page = (await context.session.adapter.listRows(context.runtime.id, [...query.strings, select, ...paging])).rows;
    for (const row of page) ids.push(String(row.$id));
    const last = page.length < MATCH_PAGE ? undefined : String(page[page.length - 1]?.$id);
    if (last === undefined || last === cursor) return ids;
    cursor = last;
  }
}

const MATCH_PAGE = 500;
