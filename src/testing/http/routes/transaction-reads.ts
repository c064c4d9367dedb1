import { assertReadable, listFilter } from '../../auth/access.js';
import type { StoredRow } from '../../store/model.js';
import { parseQueries, runListQuery, type ParsedQuery } from '../../store/query/index.js';
import type { TableState } from '../../store/store.js';
import { filtersOf, matchesFilters, mergeRow, tableOverlay, type TableOverlay } from '../../store/transactions/transaction-overlay.js';
import { rowNotFound } from '../errors.js';
import { answerRows, selectedColumns } from './row-context.js';
import type { RouteContext } from './route.js';

/** Logged query strings as the query engine takes them. */
export function parseLogged(raw: unknown): ParsedQuery[] {
  return parseQueries(Array.isArray(raw) ? raw : [raw]);
}

/**
 * The staged state of a table as the transaction named by `transactionId` sees it. Reads skip the
 * permission check on the transaction itself (TransactionState reads it with authorization skipped), so an
 * unknown or finished transaction simply shows committed rows.
 */
function overlayOf(context: RouteContext, table: TableState, transactionId: string): TableOverlay {
  return tableOverlay(context.state.transactions.find({ kind: 'key' }, transactionId), table.table.databaseId, table.table.$id, parseLogged);
}

/** A row only the transaction holds, as Appwrite answers it: what was staged, `$sequence` empty, no dates. */
function stagedWire(table: TableState, document: Readonly<Record<string, unknown>>, queries: readonly ParsedQuery[]): Record<string, unknown> {
  const keep = new Set(selectedColumns(table.table.columns, queries).map((column) => column.key));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (key.startsWith('$') || keep.has(key)) out[key] = value;
  }
  return { ...out, $databaseId: table.table.databaseId, $tableId: table.table.$id, $sequence: '' };
}

/** A committed row the caller may read, or undefined. */
function readable(context: RouteContext, table: TableState, rowId: string): StoredRow | undefined {
  const row = table.rows.get(rowId);
  if (row === undefined) return undefined;
  try {
    assertReadable(context.caller, table.table, row);
    return row;
  } catch {
    return undefined;
  }
}

/**
 * getRow inside a transaction (`TransactionState::getDocument`): a staged delete hides the row, a staged
 * create or a staged upsert of a new row shows what was staged, a staged update or upsert is merged over
 * the committed row. Undefined when the transaction does not see the row.
 */
export function viewRow(context: RouteContext, table: TableState, rowId: string, transactionId: string,
  queries: readonly ParsedQuery[] = []): Record<string, unknown> | undefined {
  const entry = overlayOf(context, table, transactionId).get(rowId);
  const committed = readable(context, table, rowId);
  if (entry === undefined) return committed === undefined ? undefined : answerRows(context, table, [committed], queries)[0];
  if (!entry.exists) return undefined;
  if (entry.action === 'create') return stagedWire(table, entry.document, queries);
  if (committed !== undefined) return answerRows(context, table, [mergeRow(committed, entry.document)], queries)[0];
  return entry.action === 'upsert' ? stagedWire(table, entry.document, queries) : undefined;
}

/** getRow with `transactionId`. */
export function getRowInTransaction(context: RouteContext, table: TableState, rowId: string, transactionId: string,
  queries: readonly ParsedQuery[]): Record<string, unknown> {
  const row = viewRow(context, table, rowId, transactionId, queries);
  if (row === undefined) throw rowNotFound(rowId);
  return row;
}

/**
 * listRows with `transactionId` (`TransactionState::listDocuments` and `countDocuments`): the committed page,
 * minus staged deletes, with staged updates merged in and staged creates appended without the queries'
 * filters, order or limit; `total` is the committed count adjusted with the filters only.
 */
export function listRowsInTransaction(context: RouteContext, table: TableState, transactionId: string,
  queries: ParsedQuery[]): { total: number; rows: Record<string, unknown>[] } {
  const readableRow = listFilter(context.caller, table.table);
  const all = context.state.store.rows(table);
  const page = runListQuery(readableRow === null ? all : all.filter(readableRow), queries, table.table, { findRow: (id) => table.rows.get(id) });
  const overlay = overlayOf(context, table, transactionId);
  const rows = new Map(page.rows.map((row) => [row.$id, answerRows(context, table, [row], queries)[0] ?? {}] as const));
  const onPage = new Set(rows.keys());
  const filters = filtersOf(queries);
  let total = page.total;
  for (const [id, entry] of overlay) {
    const committed = page.rows.find((row) => row.$id === id);
    if (!entry.exists) {
      rows.delete(id);
      if (onPage.has(id)) total--;
      continue;
    }
    const matches = matchesFilters(entry.document, filters);
    if (entry.action === 'create') {
      rows.set(id, stagedWire(table, entry.document, queries));
      if (matches) total++;
    } else if (committed !== undefined) {
      rows.set(id, answerRows(context, table, [mergeRow(committed, entry.document)], queries)[0] ?? {});
      if (!matches) total--;
    } else if (entry.action === 'upsert') {
      rows.set(id, stagedWire(table, entry.document, queries));
      if (matches) total++;
    }
  }
  return { total: Math.max(0, total), rows: [...rows.values()] };
}
