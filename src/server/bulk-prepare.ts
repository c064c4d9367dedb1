import { ID } from 'node-appwrite';
import type { BulkRowRef } from '../errors/bulk-partial-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { isColumnOperator } from '../schema/operator.js';
import { validateInsert, validatePatch, validateUpsert } from '../schema/row-validation.js';
import { checkId } from '../appwrite/appwrite-ids.js';
import type { BulkRowData } from '../appwrite/tables-db-adapter.js';
import { rejectOperatorStrings } from '../query/operator-strings.js';
import { canonicalString } from '../query/query-canonical.js';
import { chunk } from './bulk-chunks.js';
import type { TableRuntime } from './table-runtime.js';
import { stringifyExact } from '../schema/exact-json.js';

/*
 * The input of the bulk methods, validated and shaped into requests before anything is sent; shared by the
 * table handles and the transaction tables.
 */

/** One `updateRows` request of a bulk update: the rows it selects by id and the change. */
export interface IdChunk {
  readonly refs: readonly BulkRowRef[];
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Validates one row of `bulkCreate` / `bulkUpsert` and gives it its id (its own, else a new unique id).
 * An upsert may hold `Operator` values; a create takes values only.
 */
export function prepareRow(runtime: TableRuntime, row: unknown, index: number, mode: 'create' | 'upsert'): BulkRowData {
  const definition = runtime.definition;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return validateInsert(definition, row, index) as never;
  const { $id, $permissions, ...data } = row as Record<string, unknown>;
  // bulkUpsert needs every id (the row to create or replace); bulkCreate gives a new one to a row without.
  if (mode === 'upsert' || $id !== undefined) checkId($id, { table: runtime.id, method: mode === 'create' ? 'bulkCreate' : 'bulkUpsert', rowIndex: index });
  if ($permissions !== undefined && !(Array.isArray($permissions) && $permissions.every((p) => typeof p === 'string'))) {
    fail(runtime, '$permissions', 'must be a list of permission strings', index);
  }
  const body = mode === 'upsert' ? validateUpsert(definition, data, index) : validateInsert(definition, data, index);
  if (mode === 'upsert') rejectOperatorStrings(runtime.id, 'bulkUpsert', body, index);
  const id = typeof $id === 'string' ? $id : ID.unique();
  return { ...body, $id: id, ...($permissions === undefined ? {} : { $permissions: [...($permissions)] }) };
}

/**
 * Validates `bulkUpdate` items and groups them into `updateRows` requests: one per distinct change and
 * chunk of 100 ids. Several changes of one id are merged in input order first, which gives the same row as
 * applying them one after another (an operator on a field an earlier change of the row sets is refused: merged,
 * it would apply to the stored value). Returns the distinct ids in input order, the requests (one row each
 * on a table with relationships), and every field changed. The changes may hold `Operator` values.
 */
export function groupUpdates(runtime: TableRuntime, items: readonly { readonly id: string; readonly data: unknown }[]): { ids: string[]; chunks: IdChunk[]; keys: object } {
  const merged = new Map<string, { index: number; data: Record<string, unknown> }>();
  items.forEach((item, index) => {
    checkId(item?.id, { table: runtime.id, method: 'bulkUpdate', rowIndex: index });
    const data = validatePatch(runtime.definition, item.data, index);
    rejectOperatorStrings(runtime.id, 'bulkUpdate', data, index);
    if (Object.keys(data).length === 0) fail(runtime, '', 'no field to update', index);
    const known = merged.get(item.id);
    if (known === undefined) merged.set(item.id, { index, data });
    else mergeChange(runtime, item.id, known.data, data, index);
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

/** Checks the ids of `bulkDelete`; returns each distinct id with the index of its first mention, in input order. */
export function distinctIds(runtime: TableRuntime, ids: readonly string[]): Map<string, number> {
  const first = new Map<string, number>();
  ids.forEach((id, index) => {
    checkId(id, { table: runtime.id, method: 'bulkDelete', rowIndex: index });
    if (!first.has(id)) first.set(id, index);
  });
  return first;
}

/** `equal('$id', ids)` for the rows of a chunk. */
export function idFilter(refs: readonly BulkRowRef[]): string {
  return canonicalString({ method: 'equal', attribute: '$id', values: refs.map((ref) => ref.id ?? '') });
}

/** Adds a later change of a row to its earlier ones, refusing an operator that would then apply to the stored value. */
function mergeChange(runtime: TableRuntime, id: string, earlier: Record<string, unknown>, later: Readonly<Record<string, unknown>>, index: number): void {
  for (const [field, value] of Object.entries(later)) {
    if (isColumnOperator(value) && Object.hasOwn(earlier, field)) {
      fail(runtime, field, `row "${id}" is changed twice and this change applies ${value.method} to a field an earlier change sets; ` +
        'merged, the operator would apply to the stored value: give each row one change', index);
    }
  }
  Object.assign(earlier, later);
}

function fail(runtime: TableRuntime, field: string, reason: string, index: number): never {
  throw new ValidationError(runtime.id, [{ field, reason }], index);
}

function stableJson(data: Readonly<Record<string, unknown>>): string {
  return stringifyExact(Object.keys(data).sort().map((key) => [key, data[key]]));
}
