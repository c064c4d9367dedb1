import { maxLengthOf } from './column-types.js';
import type { StoredColumn } from './model.js';

/** MariaDB's row size limit, Appwrite's Table `bytesMax`. */
export const ROW_WIDTH_LIMIT = 65_535;
/** Columns a table may have: the adapter's 1,017 less utopia's 7 internal attributes. */
export const COLUMN_COUNT_LIMIT = 1_010;
/** What Appwrite's internal columns take in every row (an empty table reports it as `bytesUsed`). */
const BASE_WIDTH = 1_067;
const VARCHAR_LIMIT = 16_381;

/** The bytes of an integer column: 4 (INT) or 8 (BIGINT), as chosen when it was created. */
export function integerWidth(column: StoredColumn): 4 | 8 {
  return column.width ?? (column.max === undefined || column.max > 2_147_483_647 ? 8 : 4);
}

/** Bytes one column takes in a row (utf8mb4: 4 bytes a character, plus the length prefix). */
function columnWidth(column: StoredColumn): number {
  if (column.array) return 20;
  switch (column.type) {
    case 'relationship':
      return 1_021;
    case 'integer':
      return integerWidth(column);
    case 'bigint':
    case 'double':
      return 8;
    case 'boolean':
      return 1;
    case 'datetime':
      return 7;
    case 'string':
    case 'varchar': {
      const size = maxLengthOf(column) ?? 0;
      if (size > VARCHAR_LIMIT) return 20;
      return size * 4 + (size <= 255 ? 1 : 2);
    }
    default:
      return 20;
  }
}

/**
 * The row width of a table with these columns, as Appwrite reports it in `bytesUsed` and checks against
 * 65,535 (utopia-php/database `Adapter/SQL::getAttributeWidth`).
 *
 * @example
 * ```ts
 * rowWidth([]); // 1067
 * ```
 */
export function rowWidth(columns: readonly StoredColumn[]): number {
  return columns.reduce((total, column) => total + columnWidth(column), BASE_WIDTH);
}

/**
 * Whether a table can take one more column (utopia-php/database `Database::checkAttribute`, 5.3.17
 * Database.php:3185-3205): at most 1,010 columns, and a row width below 65,535 (reaching it is refused,
 * unlike createTable's inline check, which refuses only beyond it).
 *
 * @example
 * ```ts
 * canAddColumn(table.columns, column); // false once the table is full
 * ```
 */
export function canAddColumn(columns: readonly StoredColumn[], column: StoredColumn): boolean {
  return columns.length + 1 <= COLUMN_COUNT_LIMIT && rowWidth([...columns, column]) < ROW_WIDTH_LIMIT;
}
