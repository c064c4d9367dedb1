import { assertEnabled } from '../../auth/access.js';
import type { RowEvent } from '../../emulator-state.js';
import { rowNotFound } from '../errors.js';
import { Params } from '../params.js';
import { parseWire } from '../wire-json.js';
import type { StoredColumn, StoredRow } from '../../store/model.js';
import type { ParsedQuery } from '../../store/query/index.js';
import { hasVisibleRelations, selectPlan, wireRelatedRow } from '../../store/relationships/relation-answer.js';
import { wireRow } from '../serialize.js';
import type { TableState } from '../../store/store.js';
import type { RouteContext } from './route.js';

/**
 * The table a row route addresses, hidden (404) from non-key callers when it or its database is disabled
 * (the increment routes and the bulk routes skip that check, as Appwrite's do).
 */
export function rowTable(context: RouteContext, options: { readonly checkEnabled?: boolean } = {}): TableState {
  const { state, path, caller } = context;
  const database = state.store.database(path.databaseId ?? '');
  const table = state.store.table(path.databaseId ?? '', path.tableId ?? '');
  if (options.checkEnabled !== false) assertEnabled(caller, database.database, table.table);
  return table;
}

/** PHP `empty()` on a decoded JSON param. */
export function hasContent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'object' || Object.keys(value).length > 0;
}

/**
 * The `data` param of the row write routes. Its validator (`JSON`) also takes a string of JSON, which the
 * actions decode before use (Documents/Create.php:144, Update.php:98, Upsert.php:101, Bulk/Update.php:96).
 */
export function dataParam(params: Params): Record<string, unknown> | undefined {
  const raw = params.raw.data;
  return typeof raw === 'string' ? new Params({ data: parseWire(raw) }).object('data') : params.object('data');
}

/** `permissions` param: undefined when absent or null (keep / default), else the list. */
export function permissionsParam(params: Params): string[] | undefined {
  return params.stringArray('permissions');
}

/** The addressed row, or 404 `row_not_found`. */
export function findRow(table: TableState, id: string): StoredRow {
  const row = table.rows.get(id);
  if (row === undefined) throw rowNotFound(id);
  return row;
}

/** Relationship column keys of the table (operators skip them; bulk routes refuse such tables). */
export function relationshipKeys(table: TableState): ReadonlySet<string> {
  return new Set(table.table.columns.filter((column) => column.type === 'relationship').map((column) => column.key));
}

/** The columns a `select` keeps (all available columns without one, or with `*`). */
export function selectedColumns(columns: readonly StoredColumn[], queries: readonly ParsedQuery[]): readonly StoredColumn[] {
  const selected = queries.filter((query) => query.method === 'select').flatMap((query) => query.values.map(String));
  if (selected.length === 0 || selected.includes('*')) return columns;
  return columns.filter((column) => selected.includes(column.key));
}

/**
 * Rows as the API answers them. Reads pass their queries: related rows load only where `select` names them.
 * Writes pass none: their answers load every relationship, down to the depth limit.
 */
export function answerRows(context: RouteContext, table: TableState, rows: readonly StoredRow[], queries?: readonly ParsedQuery[]): Record<string, unknown>[] {
  const { store } = context.state;
  const db = store.database(table.table.databaseId);
  if (hasVisibleRelations(db, table)) {
    const plan = queries === undefined ? 'full' : selectPlan(queries);
    return rows.map((row) => wireRelatedRow(store, db, table, row, plan));
  }
  const columns = selectedColumns(store.availableColumns(table), queries ?? []);
  return rows.map((row) => wireRow(row, table.table, columns));
}

/** Announces a row change (webhooks). */
export function emitRows(context: RouteContext, table: TableState, action: RowEvent['action'], rows: readonly Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  context.state.onRowEvent({
    action,
    databaseId: table.table.databaseId,
    tableId: table.table.$id,
    rows,
    userId: context.caller.kind === 'user' ? context.caller.userId : '',
  });
}
