import { endpointOf } from '../store/column-types.js';
import type { StoredColumn, StoredDatabase, StoredIndex, StoredRow, StoredTable } from '../store/model.js';
import { INT64_MAX, INT64_MIN, wireBigInt } from './wire-json.js';

/* The JSON models Appwrite 1.9 answers with (node-appwrite `Models.*`). */

export function wireDatabase(database: StoredDatabase): Record<string, unknown> {
  return { ...database, type: 'tablesdb' };
}

export function wireColumn(column: StoredColumn): Record<string, unknown> {
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
  switch (endpointOf(column)) {
    case 'string':
    case 'varchar':
      return { ...base, size: column.size, default: column.default, encrypt: column.encrypt ?? false };
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return { ...base, default: column.default, encrypt: column.encrypt ?? false };
    case 'integer':
      return { ...base, min: column.min ?? INT64_MIN, max: column.max ?? INT64_MAX, default: column.default };
    case 'float':
      return { ...base, min: column.min ?? -Number.MAX_VALUE, max: column.max ?? Number.MAX_VALUE, default: column.default };
    case 'enum':
      return { ...base, elements: column.elements ?? [], format: column.format, default: column.default };
    case 'boolean':
      return { ...base, default: column.default };
    case 'relationship':
      return { ...base, ...column.relation };
    default:
      return { ...base, format: column.format, default: column.default };
  }
}

export function wireIndex(index: StoredIndex): Record<string, unknown> {
  return {
    $id: index.key,
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

/** Approximate bytes a row of these columns takes in MariaDB (utf8mb4), as the Table model's `bytesUsed`. */
function bytesUsed(columns: readonly StoredColumn[]): number {
  let total = 0;
  for (const column of columns) {
    if (column.array) total += 20;
    // A relationship keeps a VARCHAR(255) key: 255 * 4 + 1 bytes (1.9.0 counts both sides of a two-way one).
    else if (column.type === 'relationship') total += 1021;
    else if (column.type === 'integer') total += column.max !== undefined && column.max <= 2_147_483_647 ? 4 : 8;
    else if (column.type === 'double' || column.type === 'datetime') total += 8;
    else if (column.type === 'boolean') total += 1;
    else if (column.size !== undefined && column.size <= 768) total += column.size * 4 + 2;
    else total += 20;
  }
  return total;
}

export function wireTable(table: StoredTable): Record<string, unknown> {
  return {
    $id: table.$id,
    $createdAt: table.$createdAt,
    $updatedAt: table.$updatedAt,
    $permissions: table.$permissions,
    databaseId: table.databaseId,
    name: table.name,
    enabled: table.enabled,
    rowSecurity: table.rowSecurity,
    columns: table.columns.map(wireColumn),
    indexes: table.indexes.map(wireIndex),
    bytesMax: 65_535,
    bytesUsed: bytesUsed(table.columns),
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
