import type { RawColumn, RawTable } from '../../../src/schema/live-state.js';
import type { ColumnSpec, TableSpec } from '../../../src/schema/spec.js';

const INT_MAX = 9223372036854775807n;

/** A column as Appwrite 1.9 reports it back through node-appwrite (double, formats, BigInt bounds...). */
export function asAppwriteColumn(column: ColumnSpec, status = 'available'): RawColumn {
  const format = ['email', 'url', 'ip', 'enum'].includes(column.kind) ? column.kind : column.kind === 'datetime' ? 'datetime' : undefined;
  const type = column.kind === 'float' ? 'double' : format !== undefined && format !== 'datetime' ? 'string' : column.kind;
  const fallback = column.kind === 'datetime' && typeof column.default === 'string' ? new Date(column.default).toISOString().replace('Z', '+00:00') : column.default;
  return {
    key: column.key,
    type,
    ...(format === undefined ? {} : { format }),
    status,
    error: '',
    required: column.required,
    array: column.array,
    default: fallback,
    ...(column.kind === 'string' || column.kind === 'varchar' ? { size: column.size } : {}),
    ...(column.encrypt === undefined ? {} : { encrypt: column.encrypt }),
    ...(column.kind === 'email' ? { size: 254 } : {}),
    ...(column.kind === 'integer' ? { min: column.min ?? -INT_MAX - 1n, max: column.max ?? INT_MAX } : {}),
    ...(column.kind === 'float' ? { min: column.min ?? -Number.MAX_VALUE, max: column.max ?? Number.MAX_VALUE } : {}),
    ...(column.elements === undefined ? {} : { elements: [...column.elements].reverse() }),
  };
}

/** A table as `listTables` reports it after Appwrite created it from the spec. */
export function asAppwriteTable(spec: TableSpec): RawTable {
  return {
    $id: spec.id,
    name: spec.name,
    $permissions: (spec.permissions ?? []).flatMap((permission) =>
      permission.startsWith('write(') ? ['create', 'update', 'delete'].map((action) => permission.replace('write', action)) : [permission],
    ),
    rowSecurity: spec.rowSecurity ?? false,
    columns: spec.columns.map((column) => asAppwriteColumn(column)),
    indexes: spec.indexes.map((index) => ({ key: index.key, type: index.type, status: 'available', error: '', columns: [...index.columns], orders: index.orders.map((order) => order.toUpperCase()) })),
  };
}
