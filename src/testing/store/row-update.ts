import { normalizePermissions } from '../auth/permissions.js';
import { isoAfter } from '../control/clock.js';
import { looselyEqual } from './loose-equal.js';
import type { StoredColumn, StoredRow } from './model.js';
import { Operator } from './operators/index.js';
import { checkRowStructure } from './row-structure.js';
import { resolveOperators, type RowInput } from './row-writer.js';
import type { Store, TableState } from './store.js';

/** A row write whose permissions are already resolved (validated, granted, or the stored ones). */
export type ResolvedInput = Omit<RowInput, 'permissions'> & { readonly permissions: string[] };

/** A row write that is ready to store, and whether it changes anything. */
export interface PreparedWrite {
  readonly row: StoredRow;
  readonly changed: boolean;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function strictlyEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => strictlyEqual(item, b[index]));
  return a === b || ((a === null || a === undefined) && (b === null || b === undefined));
}

function build(row: StoredRow, input: RowInput, permissions: string[], values: Record<string, unknown>, changed: boolean): StoredRow {
  return {
    $id: row.$id,
    $sequence: row.$sequence,
    $createdAt: input.createdAt ?? row.$createdAt,
    $updatedAt: changed ? (input.updatedAt ?? isoAfter(row.$updatedAt)) : row.$updatedAt,
    $permissions: permissions,
    ...values,
  };
}

/**
 * updateRow (utopia `updateDocument`): the request values merged over the stored row, the whole row checked
 * again (so a stored value out of its column's range fails), operators computed on the stored values. A write
 * that changes nothing keeps `$updatedAt` (and Appwrite then checks read rather than update permission).
 */
export function prepareUpdate(
  store: Store,
  state: TableState,
  row: StoredRow,
  input: ResolvedInput,
  authorize: (changed: boolean) => void,
): PreparedWrite {
  const columns = store.availableColumns(state);
  // utopia compares every key of the merged row, the dates an API key may set included (Database.php
  // 5.3.17:6098-6210): a new `$createdAt` alone is a change, and `$updatedAt` then becomes the given one or now.
  const changed = !sameList(input.permissions, row.$permissions)
    || (input.createdAt !== undefined && input.createdAt !== row.$createdAt)
    || (input.updatedAt !== undefined && input.updatedAt !== row.$updatedAt)
    || Object.entries(input.values).some(([key, value]) => value instanceof Operator || !strictlyEqual(value, row[key]));
  authorize(changed);
  const merged: Record<string, unknown> = {};
  for (const column of columns) merged[column.key] = Object.hasOwn(input.values, column.key) ? input.values[column.key] : (row[column.key] ?? null);
  for (const [key, value] of Object.entries(input.values)) if (!Object.hasOwn(merged, key)) merged[key] = value;
  const values = resolveOperators(columns, checkRowStructure(columns, merged, { stored: row }), row);
  return { row: build(row, input, input.permissions, values, changed), changed };
}

/**
 * updateRows (utopia `updateDocuments`): the same values on every matched row, checked once without the
 * stored row (`PartialStructure`: no required check; a NULL in a required column fails as a wrong type);
 * operators computed per row. Every matched row is written.
 */
export function prepareBulkUpdate(store: Store, state: TableState, input: RowInput): (row: StoredRow) => StoredRow {
  const columns = store.availableColumns(state);
  const checked = checkRowStructure(columns, input.values, { partial: true });
  return (row) => {
    const values = resolveOperators(columns, { ...checked }, row);
    const merged: Record<string, unknown> = {};
    for (const column of columns) merged[column.key] = Object.hasOwn(values, column.key) ? values[column.key] : (row[column.key] ?? null);
    return build(row, input, input.permissions === undefined ? row.$permissions : normalizePermissions('permissions', input.permissions, 'row'), merged, true);
  };
}

function unchangedUpsert(columns: readonly StoredColumn[], row: StoredRow, input: RowInput, permissions: readonly string[]): boolean {
  // utopia `upsertDocumentsWithIncrease`: skipped only when no operator, the same permissions, and every column
  // given with a loosely equal (`==`) value.
  if (!sameList([...permissions].sort(), [...row.$permissions].sort())) return false;
  return columns.every((column) => {
    if (!Object.hasOwn(input.values, column.key)) return false;
    const value = input.values[column.key];
    return !(value instanceof Operator) && looselyEqual(value, row[column.key] ?? null);
  });
}

/**
 * upsertRow / upsertRows on an existing row (utopia `upsertDocuments`): optional columns left out keep their
 * stored value, required ones must be given again (`Missing required attribute`); operators compute on the
 * stored values. `changed` is false for a row that gives every column unchanged (Appwrite 1.9.x then leaves it
 * out of upsertRows' answer and writes nothing).
 */
export function prepareUpsertExisting(
  store: Store,
  state: TableState,
  row: StoredRow,
  input: ResolvedInput,
  authorize: () => void,
): PreparedWrite {
  const columns = store.availableColumns(state);
  const doc: Record<string, unknown> = { ...input.values };
  for (const column of columns) {
    if (!column.required && !Object.hasOwn(doc, column.key)) doc[column.key] = row[column.key] ?? null;
  }
  const { permissions } = input;
  if (unchangedUpsert(columns, row, input, permissions)) return { row, changed: false };
  authorize();
  const values = resolveOperators(columns, checkRowStructure(columns, doc, { stored: row }), row);
  return { row: build(row, input, permissions, values, true), changed: true };
}
