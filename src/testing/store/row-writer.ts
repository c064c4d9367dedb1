import type { Caller } from '../auth/auth.js';
import { isoNow } from '../control/clock.js';
import { normalizeDatetime, schemaDefaultOf } from './column-values.js';
import { paramInvalid, rowAlreadyExists } from '../http/errors.js';
import { uniqueId, isValidKey, KEY_DESCRIPTION } from './ids.js';
import type { StoredColumn, StoredRow } from './model.js';
import { applyToDefault, applyToStored, Operator } from './operators/index.js';
import { assertCanGrant, defaultRowPermissions, normalizePermissions } from '../auth/permissions.js';
import { checkRowStructure } from './row-structure.js';
import type { Store, TableState } from './store.js';
import { assertUniqueIndexes } from './unique-indexes.js';

const DROPPED = new Set(['$sequence', '$databaseId', '$tableId', '$collection', '$tenant']);

/** A row write as requested: column values plus the system fields the caller may set. */
export interface RowInput {
  readonly id: string | undefined;
  readonly values: Record<string, unknown>;
  readonly permissions: string[] | undefined;
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
}

/**
 * Splits request data into column values and system fields: `$sequence`, `$databaseId` and `$tableId` are
 * dropped; `$createdAt`/`$updatedAt` are kept only for API keys (migrations); other `$` keys stay and fail
 * the structure check as unknown attributes. `idFromPath`: the route names the row (createRow, updateRow,
 * upsertRow), and Appwrite overwrites any `$id` in the data with it unchecked (Documents/Create.php:360-373,
 * Update.php:177).
 */
export function splitRowData(
  data: Readonly<Record<string, unknown>>,
  caller: Caller,
  options: { readonly idFromPath?: boolean } = {},
): RowInput {
  const values: Record<string, unknown> = {};
  let id: string | undefined;
  let permissions: string[] | undefined;
  let createdAt: string | undefined;
  let updatedAt: string | undefined;
  for (const [key, value] of Object.entries(data)) {
    if (key === '$id') {
      if (options.idFromPath === true) continue;
      if (value !== undefined && value !== null && value !== 'unique()' && !isValidKey(value)) throw paramInvalid('$id', KEY_DESCRIPTION);
      id = typeof value === 'string' && value !== 'unique()' ? value : undefined;
    } else if (key === '$permissions') {
      if (value !== null && value !== undefined) {
        if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw paramInvalid('permissions', 'Value must be a valid array of permission strings');
        permissions = value as string[];
      }
    } else if (key === '$createdAt' || key === '$updatedAt') {
      if (caller.kind !== 'key' || value === null || value === undefined) continue;
      const stamp = normalizeDatetime(value);
      if (stamp === null) throw paramInvalid(key, 'Value must be valid date.');
      if (key === '$createdAt') createdAt = stamp;
      else updatedAt = stamp;
    } else if (!DROPPED.has(key)) {
      values[key] = value;
    }
  }
  return { id, values, permissions, createdAt, updatedAt };
}

/** The permissions a write stores: the given ones (validated, `write` expanded; only roles a user holds), else `fallback`. */
export function resolvePermissions(caller: Caller, given: readonly string[] | undefined, fallback: readonly string[]): string[] {
  if (given === undefined) return [...fallback];
  const permissions = normalizePermissions('permissions', given, 'row');
  assertCanGrant(caller, permissions);
  return permissions;
}

/** Replaces operator values by what they compute: on the stored row when there is one, else on the defaults. */
export function resolveOperators(
  columns: readonly StoredColumn[],
  values: Record<string, unknown>,
  stored: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const now = Date.now();
  for (const column of columns) {
    const value = values[column.key];
    if (!(value instanceof Operator)) continue;
    values[column.key] = stored === undefined
      ? applyToDefault(value, column, schemaDefaultOf(column), now)
      : applyToStored(value, column, stored[column.key] ?? null, now);
  }
  return values;
}

/**
 * Builds new rows (defaults applied, structure checked, operators computed from defaults); nothing is stored
 * yet. `checkedPermissions`: the inputs' permissions were already checked and expanded (createRows does
 * that per row, see `bulkRowPermissions`).
 */
export function prepareCreates(
  store: Store,
  state: TableState,
  caller: Caller,
  inputs: readonly RowInput[],
  options: { readonly checkedPermissions?: boolean } = {},
): StoredRow[] {
  const columns = store.availableColumns(state);
  return inputs.map((input) => {
    const permissions = options.checkedPermissions === true && input.permissions !== undefined
      ? [...input.permissions]
      : resolvePermissions(caller, input.permissions, defaultRowPermissions(caller));
    const values = resolveOperators(columns, checkRowStructure(columns, input.values, { applyDefaults: true }), undefined);
    const now = isoNow();
    return {
      $id: input.id ?? uniqueId(),
      $sequence: 0,
      $createdAt: input.createdAt ?? now,
      $updatedAt: input.updatedAt ?? now,
      $permissions: permissions,
      ...values,
    };
  });
}

/**
 * Stores prepared rows (fresh objects from `prepare*`) atomically: new IDs get the next `$sequence`, existing
 * IDs are replaced in place. `mustBeNew` makes an existing ID a 409, as creates do; unique indexes are checked
 * before anything changes. `reportedId` is the ID a 409 names when the route does not name the row (createRows
 * names '', upsertRows 'multiple').
 */
export function commitRows(
  store: Store,
  state: TableState,
  rows: readonly StoredRow[],
  options: { readonly mustBeNew: boolean; readonly reportedId?: string },
): StoredRow[] {
  const seen = new Set<string>();
  try {
    for (const row of rows) {
      if (seen.has(row.$id) || (options.mustBeNew && state.rows.has(row.$id))) throw rowAlreadyExists(row.$id);
      seen.add(row.$id);
    }
    assertUniqueIndexes(state.table, state.rows.values(), rows);
  } catch (error) {
    throw options.reportedId === undefined ? error : rowAlreadyExists(options.reportedId);
  }
  for (const row of rows) {
    row.$sequence = state.rows.get(row.$id)?.$sequence ?? state.nextSequence++;
    state.rows.set(row.$id, row);
  }
  store.changed(state);
  return [...rows];
}

/** Removes rows by ID. */
export function removeRows(store: Store, state: TableState, ids: readonly string[]): void {
  for (const id of ids) state.rows.delete(id);
  store.changed(state);
}
