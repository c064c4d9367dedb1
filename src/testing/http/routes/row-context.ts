import { assertEnabled } from '../../auth/access.js';
import type { RowEvent } from '../../emulator-state.js';
import type { StoredColumn, StoredRow } from '../../store/model.js';
import type { ParsedQuery } from '../../store/query/index.js';
import { hasVisibleRelations, selectPlan, wireRelatedRow } from '../../store/relationships/relation-answer.js';
import { wireRow } from '../serialize.js';
import type { TableState } from '../../store/store.js';
import type { RouteContext } from './route.js';

/** The table a row route addresses, hidden (404) from non-key callers when it or its database is disabled. */
export function rowTable(context: RouteContext): TableState {
  const { state, path, caller } = context;
  const database = state.store.database(path.databaseId ?? '');
  const table = state.store.table(path.databaseId ?? '', path.tableId ?? '');
  assertEnabled(caller, database.database, table.table);
  return table;
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
