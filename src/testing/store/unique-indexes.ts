import { rowAlreadyExists } from '../http/errors.js';
import type { StoredRow, StoredTable } from './model.js';

/** Comparison key of a value under MariaDB's default case- and accent-insensitive utf8mb4 collation. */
function collate(value: unknown): string {
  if (typeof value === 'string') return `s${value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trimEnd()}`;
  return `${typeof value}${JSON.stringify(value)}`;
}

/**
 * Throws 409 `row_already_exists` when, after a write, two rows share the values of an available unique
 * index. NULLs never clash (as in MariaDB). `written` are the new or replaced rows; `rows` all rows after the
 * write.
 */
export function assertUniqueIndexes(table: StoredTable, rows: Iterable<StoredRow>, written: readonly StoredRow[]): void {
  const indexes = table.indexes.filter((index) => index.type === 'unique' && index.status === 'available' && index.unbuilt !== true);
  if (indexes.length === 0 || written.length === 0) return;
  // Every index walks all rows: an iterator would be spent by the first one.
  const stored = [...rows];
  for (const index of indexes) {
    const keyOf = (row: StoredRow): string | null => {
      const parts: string[] = [];
      for (const column of index.columns) {
        const value = row[column];
        if (value === null || value === undefined) return null;
        parts.push(collate(value));
      }
      return parts.join('\u0000');
    };
    const wanted = new Map<string, string>();
    for (const row of written) {
      const key = keyOf(row);
      if (key === null) continue;
      if (wanted.has(key)) throw rowAlreadyExists(row.$id);
      wanted.set(key, row.$id);
    }
    if (wanted.size === 0) continue;
    for (const row of stored) {
      const key = keyOf(row);
      if (key === null) continue;
      const owner = wanted.get(key);
      if (owner !== undefined && owner !== row.$id) throw rowAlreadyExists(owner);
    }
  }
}

/** Whether the rows already violate a unique index on these columns (MariaDB then refuses to build it). */
export function hasDuplicates(rows: Iterable<StoredRow>, columns: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const row of rows) {
    const parts: string[] = [];
    let hasNull = false;
    for (const column of columns) {
      const value = row[column];
      if (value === null || value === undefined) hasNull = true;
      else parts.push(collate(value));
    }
    if (hasNull) continue;
    const key = parts.join('\u0000');
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
