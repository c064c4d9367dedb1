import { ApiError } from '../../http/api-error.js';
import type { StoredRow, StoredTable } from '../model.js';
import { queryAttributes } from './attributes.js';
import { compileFilters } from './filter.js';
import { afterCursor, checkCursorRow, flipped, orderTerms, sortRows } from './order.js';
import type { ParsedQuery } from './query-types.js';
import { isNumeric, toInt } from './value-rules.js';

/** Page size without a limit query (utopia-php/database `Database::find`). */
const DEFAULT_LIMIT = 25;
/** `APP_LIMIT_COUNT`: the most `total` ever reports. */
const TOTAL_CAP = 5000;

/** Result of a list query: one page of rows and the capped count of all matching rows. */
export interface ListResult {
  rows: StoredRow[];
  total: number;
}

/** The first query of a method, as `Query::groupByType` keeps only the first limit, offset and cursor. */
function first(queries: readonly ParsedQuery[], ...methods: string[]): ParsedQuery | undefined {
  return queries.find((query) => methods.includes(query.method));
}

function numberOf(query: ParsedQuery | undefined): number | undefined {
  const value = query?.values[0];
  return isNumeric(value) ? toInt(value) : undefined;
}

/**
 * Runs a validated listRows query over a table's rows: filters, then `total` (matching rows, capped at
 * 5000, ignoring limit, offset and cursor), then the cursor condition, order, offset and limit (default 25).
 *
 * `noun` names what the cursor points at in the not-found message (`Row` unless given; the metadata lists
 * say `Table`, `Column`, ...).
 *
 * @throws ApiError `general_cursor_not_found` when the cursor row does not exist,
 *   `database_query_order_null` when the cursor row has NULL in an order column.
 * @example
 * ```ts
 * const { rows, total } = runListQuery(allRows, parseQueries(raw), table, { findRow: (id) => byId.get(id) });
 * ```
 */
export function runListQuery(rows: readonly StoredRow[], queries: ParsedQuery[], table: StoredTable,
  options: { findRow(id: string): StoredRow | undefined; readonly noun?: string }): ListResult {
  let terms = orderTerms(queries, queryAttributes(table));
  const cursorQuery = first(queries, 'cursorAfter', 'cursorBefore');
  const before = cursorQuery?.method === 'cursorBefore';
  let cursorRow: StoredRow | undefined;
  if (cursorQuery !== undefined) {
    const id = String(cursorQuery.values[0]);
    cursorRow = options.findRow(id);
    if (cursorRow === undefined) {
      const noun = options.noun ?? 'Row';
      throw new ApiError('general_cursor_not_found', `${noun} '${id}' for the 'cursor' value not found.`, 400);
    }
    checkCursorRow(cursorRow, terms);
  }
  const matched = rows.filter(compileFilters(queries, table));
  const total = Math.min(matched.length, TOTAL_CAP);
  if (before) terms = flipped(terms);
  const candidates = cursorRow === undefined ? matched : matched.filter(afterCursor(cursorRow, terms));
  const offset = numberOf(first(queries, 'offset')) ?? 0;
  const limit = numberOf(first(queries, 'limit')) ?? DEFAULT_LIMIT;
  const page = sortRows(candidates, terms).slice(offset, offset + limit);
  return { rows: before ? page.reverse() : page, total };
}

/**
 * The rows an updateRows or deleteRows request acts on: every row matching the filters, in the requested
 * order (default `$sequence`), after the offset and up to the limit when given (Appwrite honours those in
 * bulk mutations; there is no default limit). Appwrite re-applies the offset to each internal batch of
 * 1,000 rows; the emulator applies it once, which differs only past 1,000 matching rows.
 *
 * @example
 * ```ts
 * const doomed = filterRows(allRows, parseQueries(['{"method":"lessThan","attribute":"stock","values":[1]}']), table);
 * ```
 */
export function filterRows(rows: readonly StoredRow[], queries: readonly ParsedQuery[], table: StoredTable): StoredRow[] {
  const matched = rows.filter(compileFilters(queries, table));
  const ordered = sortRows(matched, orderTerms(queries, queryAttributes(table)));
  const offset = numberOf(first(queries, 'offset')) ?? 0;
  const limit = numberOf(first(queries, 'limit'));
  return ordered.slice(offset, limit === undefined ? undefined : offset + limit);
}
