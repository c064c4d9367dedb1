import type { LiveTable } from './spec.js';

/**
 * The keys a live table already uses, which a column renamed on it may not take: its columns (but those
 * being deleted), and the hidden key each one-way relationship towards it keeps there (Appwrite stores that
 * side too and refuses a new key equal to it).
 *
 * @example
 * ```ts
 * liveKeys(live.tables, 'authors').has('posts'); // true when posts has a one-way relationship to authors
 * ```
 */
export function liveKeys(tables: readonly LiveTable[], tableId: string): Set<string> {
  const keys = new Set<string>();
  for (const table of tables) {
    for (const column of table.columns) {
      if (column.status === 'deleting') continue;
      if (table.id === tableId) keys.add(column.key);
      const relation = column.relation;
      if (relation !== undefined && relation.side === 'parent' && !relation.twoWay && relation.relatedTable === tableId) keys.add(relation.twoWayKey);
    }
  }
  return keys;
}
