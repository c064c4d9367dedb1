import { endpointOf } from '../store/column-types.js';
import type { StoredColumn, StoredDatabase, StoredIndex, StoredRow, StoredTable } from '../store/model.js';
import { ROW_WIDTH_LIMIT, rowWidth } from '../store/row-width.js';
import { INT64_MAX, INT64_MIN, wireBigInt } from './wire-json.js';

/* The JSON models Appwrite 1.9 answers with (node-appwrite `Models.*`). */

export function wireDatabase(database: StoredDatabase): Record<string, unknown> {
  return { ...database, type: 'tablesdb' };
}

/**
 * Where a column is answered, which decides its `encrypt` field: Appwrite sets it from the column's filters
 * on create, getColumn and inside a table (`full`); listColumns sets it only for `string` columns, so
 * varchar and the text family report null there (`listed`); an update sets nothing, so every string-like
 * column reports null (`updated`) (Attributes/XList.php, Attributes/Get.php, Attributes/Action.php).
 */
export type ColumnView = 'full' | 'listed' | 'updated';

function encryptOf(column: StoredColumn, view: ColumnView): boolean | null {
  if (view === 'updated' || (view === 'listed' && column.type !== 'string')) return null;
  return column.encrypt ?? false;
}

/**
 * The column model. `as` is the model the route answers with (its own type unless given): updateIntegerColumn
 * on a string column answers the integer model, since Appwrite never checks the column's type on update.
 */
export function wireColumn(column: StoredColumn, view: ColumnView = 'full',
  as: ReturnType<typeof endpointOf> = endpointOf(column)): Record<string, unknown> {
  const base = {
    key: column.key,
    type: column.type,
    status: column.status,
    error: column.error,
    required: column.required,
    array: column.array,
    $createdAt: column.$createdAt,
    $updatedAt: column.$updatedAt,
  };
  switch (as) {
    case 'string':
    case 'varchar':
      return { ...base, size: column.size, default: column.default, encrypt: encryptOf(column, view) };
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return { ...base, default: column.default, encrypt: encryptOf(column, view) };
    case 'integer':
      // Bounds come from the column's range format; a column without one (inline, or not an integer) has none.
      if (column.unranged === true || column.type !== 'integer') return { ...base, min: null, max: null, default: column.default };
      return { ...base, min: column.min ?? INT64_MIN, max: column.max ?? INT64_MAX, default: column.default };
    case 'bigint':
      // Exact int64 bounds and default (BigInt beyond ±2^53 is written as the bare integer).
      if (column.unranged === true || column.type !== 'bigint') return { ...base, min: null, max: null, default: column.default };
      return { ...base, min: column.min ?? INT64_MIN, max: column.max ?? INT64_MAX, default: column.default };
    case 'float':
      if (column.unranged === true || column.type !== 'double') return { ...base, min: null, max: null, default: column.default };
      return { ...base, min: column.min ?? -Number.MAX_VALUE, max: column.max ?? Number.MAX_VALUE, default: column.default };
    case 'enum':
      return { ...base, elements: column.elements ?? [], format: column.format, default: column.default };
    case 'boolean':
      return { ...base, default: column.default };
    case 'relationship': {
      // `schemaOnDelete` is the emulator's own record of what utopia enforces, not part of the model.
      const { schemaOnDelete: _enforced, ...relation } = column.relation ?? {};
      return { ...base, ...relation };
    }
    case 'datetime':
      // Appwrite 1.9 keeps the datetime filter out of the column's format, so it reports an empty one.
      return { ...base, format: '', default: column.default };
    default:
      return { ...base, format: column.format, default: column.default };
  }
}

export function wireIndex(index: StoredIndex): Record<string, unknown> {
  return {
    $id: index.$id ?? index.key,
    $createdAt: index.$createdAt,
    $updatedAt: index.$updatedAt,
    key: index.key,
    type: index.type,
    status: index.status,
    error: index.error,
    columns: index.columns,
    lengths: index.lengths,
    orders: index.orders,
  };
}

/**
 * The Table model. `created`: the answer of createTable, which Appwrite builds from the table document read
 * before the inline columns and indexes are written (H/Databases/Collections/Create.php), so they are empty.
 */
export function wireTable(table: StoredTable, created = false): Record<string, unknown> {
  const columns = created ? [] : table.columns;
  return {
    $id: table.$id,
    $createdAt: table.$createdAt,
    $updatedAt: table.$updatedAt,
    $permissions: table.$permissions,
    databaseId: table.databaseId,
    name: table.name,
    enabled: table.enabled,
    rowSecurity: table.rowSecurity,
    columns: columns.map((column) => wireColumn(column)),
    indexes: created ? [] : table.indexes.map(wireIndex),
    bytesMax: ROW_WIDTH_LIMIT,
    bytesUsed: rowWidth(columns),
  };
}

/**
 * A row as Appwrite answers it: system fields (`$sequence` as a string), `$tableId`/`$databaseId`, then every
 * available column, unset ones as null (arrays as []).
 */
export function wireRow(row: StoredRow, table: StoredTable, columns: readonly StoredColumn[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    $id: row.$id,
    $sequence: String(row.$sequence),
    $createdAt: row.$createdAt,
    $updatedAt: row.$updatedAt,
    $permissions: row.$permissions,
    $databaseId: table.databaseId,
    $tableId: table.$id,
  };
  for (const column of columns) {
    const value = row[column.key];
    out[column.key] = wireValue(value) ?? (column.array ? [] : null);
  }
  return out;
}

/** BigInt values (integers beyond ±2^53) written as exact JSON integers. */
function wireValue(value: unknown): unknown {
  if (typeof value === 'bigint') return wireBigInt(value);
  if (Array.isArray(value) && value.some((item) => typeof item === 'bigint')) return value.map(wireValue);
  return value;
}
