import type { ParsedQuery } from '../query/index.js';
import type { StoredRow } from '../model.js';
import type { StagedOperation, TransactionRecord } from './transaction-registry.js';

/** What a transaction has staged for one row: gone, or a document (with how it got there). */
type RowOverlay =
  | { readonly exists: false }
  | { readonly exists: true; action: 'create' | 'update' | 'upsert'; readonly document: Record<string, unknown> };

/** Staged state per row id of one table, in first-staged order. */
export type TableOverlay = Map<string, RowOverlay>;

const NOT_FILTERS = new Set(['limit', 'offset', 'cursorAfter', 'cursorBefore', 'select', 'orderAsc', 'orderDesc']);

/** The filter queries of a list (Appwrite's `TransactionState::extractFilters`). */
export function filtersOf(queries: readonly ParsedQuery[]): ParsedQuery[] {
  return queries.filter((query) => !NOT_FILTERS.has(query.method));
}

/** PHP's loose `in_array`, as TransactionState::documentMatchesFilters uses it. */
function looseIn(value: unknown, values: readonly unknown[]): boolean {
  return values.some((item) => item == value);
}

/**
 * Whether a staged document matches filters, with the few methods `TransactionState::documentMatchesFilters`
 * knows (any other method matches).
 */
export function matchesFilters(document: Readonly<Record<string, unknown>>, filters: readonly ParsedQuery[]): boolean {
  return filters.every((filter) => {
    const value = document[filter.attribute] ?? null;
    const [first, second] = filter.values as [unknown, unknown];
    const text = typeof value === 'string' ? value : undefined;
    switch (filter.method) {
      case 'equal': return looseIn(value, filter.values);
      case 'notEqual': return !looseIn(value, filter.values);
      case 'contains': return Array.isArray(value) && filter.values.some((item) => looseIn(item, value));
      case 'startsWith': return text !== undefined && filter.values.some((item) => text.startsWith(String(item)));
      case 'endsWith': return text !== undefined && filter.values.some((item) => text.endsWith(String(item)));
      case 'greaterThan': return compare(value, first) > 0;
      case 'greaterThanEqual': return compare(value, first) >= 0;
      case 'lessThan': return compare(value, first) < 0;
      case 'lessThanEqual': return compare(value, first) <= 0;
      case 'isNull': return value === null;
      case 'isNotNull': return value !== null;
      case 'between': return compare(value, first) >= 0 && compare(value, second) <= 0;
      default: return true;
    }
  });
}

/** A comparison close enough to PHP 8's for numbers, strings and null (null sorts first). */
function compare(left: unknown, right: unknown): number {
  if (left === null || left === undefined) return right === null || right === undefined ? 0 : -1;
  const numeric = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN);
  if (!Number.isNaN(numeric(left)) && !Number.isNaN(numeric(right))) return numeric(left) - numeric(right);
  const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');
  const [a, b] = [text(left), text(right)];
  return a < b ? -1 : a > b ? 1 : 0;
}

function setAll(document: Record<string, unknown>, data: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(data)) if (key !== '$id') document[key] = value;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

/** Replays one logged operation onto the overlay (`TransactionState::getTransactionState`). */
function replay(overlay: TableOverlay, operation: StagedOperation, parse: (raw: unknown) => ParsedQuery[]): void {
  const id = operation.rowId;
  const data = operation.data;
  switch (operation.action) {
    case 'create':
    case 'upsert': {
      const document = record(data);
      const rowId = id ?? (typeof document.$id === 'string' ? document.$id : undefined);
      if (rowId !== undefined) overlay.set(rowId, { exists: true, action: operation.action, document: { ...document, $id: rowId } });
      return;
    }
    case 'update': {
      if (id === null) return;
      const known = overlay.get(id);
      if (known?.exists === true) setAll(known.document, record(data));
      else overlay.set(id, { exists: true, action: 'update', document: record(data) });
      return;
    }
    case 'delete':
      if (id !== null) overlay.set(id, { exists: false });
      return;
    case 'bulkCreate':
    case 'bulkUpsert':
      for (const item of Array.isArray(data) ? data : []) {
        const document = record(item);
        if (typeof document.$id !== 'string') continue;
        const known = overlay.get(document.$id);
        if (operation.action === 'bulkUpsert' && known?.exists === true) setAll(known.document, document);
        else overlay.set(document.$id, { exists: true, action: operation.action === 'bulkCreate' ? 'create' : 'upsert', document });
      }
      return;
    case 'bulkUpdate':
    case 'bulkDelete': {
      const body = record(data);
      const filters = filtersOf(parse(body.queries ?? []));
      for (const [rowId, entry] of overlay) {
        if (!entry.exists || !matchesFilters(entry.document, filters)) continue;
        if (operation.action === 'bulkDelete') overlay.set(rowId, { exists: false });
        else {
          setAll(entry.document, record(body.data));
          if (entry.action !== 'create' && entry.action !== 'upsert') entry.action = 'update';
        }
      }
      return;
    }
    // Increments log their column under `column`; Appwrite's replay looks for `attribute`, so reads inside
    // the transaction do not see them.
    default:
  }
}

/**
 * The staged state of one table, or an empty one when the transaction is unknown or no longer pending
 * (reads then see committed rows only, as Appwrite's do).
 */
export function tableOverlay(record: TransactionRecord | undefined, databaseId: string, tableId: string,
  parse: (raw: unknown) => ParsedQuery[]): TableOverlay {
  const overlay: TableOverlay = new Map();
  if (record?.status !== 'pending') return overlay;
  for (const operation of record.log) {
    if (operation.databaseId === databaseId && operation.tableId === tableId) replay(overlay, operation, parse);
  }
  return overlay;
}

/** A committed row with a staged document merged over it (every key but `$id`). */
export function mergeRow(row: StoredRow, document: Readonly<Record<string, unknown>>): StoredRow {
  const merged: StoredRow = { ...row };
  setAll(merged, document);
  return merged;
}
