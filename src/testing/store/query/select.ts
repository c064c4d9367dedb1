import type { StoredRow } from '../model.js';
import type { ParsedQuery } from './query-types.js';

/**
 * System fields returned whatever `select` asks for. The reference marks this UNVERIFIED; utopia-php/database
 * 5.3 always projects `_uid`, `_id`, `_createdAt`, `_updatedAt` and `_permissions` (`SQL::getAttributeProjection`,
 * `Database::validateSelections`), and Appwrite adds `$tableId` and `$databaseId` to every row it returns.
 */
const SYSTEM_FIELDS = ['$id', '$sequence', '$createdAt', '$updatedAt', '$permissions', '$tableId', '$databaseId'];

/**
 * Keeps the columns named by the `select` queries (all of them together) plus the system fields. Without a
 * select, or with `*`, the row is returned unchanged. Dotted relationship paths select nothing here: the
 * emulator has no relationship columns.
 *
 * @example
 * ```ts
 * applySelect(row, [{ method: 'select', attribute: '', values: ['name'] }]);
 * // { $id, $sequence, $createdAt, $updatedAt, $permissions, name }
 * ```
 */
export function applySelect(row: StoredRow, queries: readonly ParsedQuery[]): StoredRow {
  const selected = queries.filter((q) => q.method === 'select').flatMap((q) => q.values.map(String));
  if (selected.length === 0 || selected.includes('*')) return row;
  const picked: StoredRow = {
    $id: row.$id, $sequence: row.$sequence, $createdAt: row.$createdAt, $updatedAt: row.$updatedAt,
    $permissions: row.$permissions,
  };
  for (const key of [...SYSTEM_FIELDS, ...selected]) {
    if (Object.hasOwn(row, key)) picked[key] = row[key];
  }
  return picked;
}
