import { TEXT_TYPES, type FieldType, type OnDeleteAction, type RelationType } from './field-definition.js';
import { INT64_MAX, INT64_MIN } from './bigint-value.js';
import { normalisePermissions } from './permissions.js';
import type { ColumnRelation, ColumnSpec, LiveColumn, LiveIndex, LiveTable, ResourceStatus } from './spec.js';

/** A column as Appwrite's Table model reports it (node-appwrite's column models fit this shape). */
export interface RawColumn {
  readonly key: string;
  readonly type: string;
  readonly format?: string | null;
  readonly status: string;
  readonly error?: string | null;
  readonly required: boolean;
  readonly array?: boolean | null;
  readonly size?: number;
  readonly encrypt?: boolean | null;
  readonly min?: number | bigint | null;
  readonly max?: number | bigint | null;
  readonly default?: unknown;
  readonly elements?: readonly string[];
  readonly relatedTable?: string;
  readonly relationType?: string;
  readonly twoWay?: boolean;
  readonly twoWayKey?: string;
  readonly onDelete?: string;
  readonly side?: string;
}

/** An index as Appwrite reports it. */
interface RawIndex {
  readonly key: string;
  readonly type: string;
  readonly status: string;
  readonly error?: string | null;
  readonly columns: readonly string[];
  readonly orders?: readonly (string | null)[] | null;
}

/** A table as Appwrite's `listTables` reports it, with its columns and indexes. */
export interface RawTable {
  readonly $id: string;
  readonly name: string;
  readonly $permissions: readonly string[];
  readonly rowSecurity: boolean;
  readonly enabled?: boolean;
  readonly columns: readonly RawColumn[];
  readonly indexes: readonly RawIndex[];
}

/** Integer bounds at or beyond ±(2^63 - 1) are Appwrite's "unset" (PHP_INT_MIN/MAX; a BigInt through the SDK). */
const INT64_EDGE = 9.2e18;
/** Float bounds at ±Number.MAX_VALUE (PHP_FLOAT_MAX) are Appwrite's "unset". */
const FLOAT_EDGE = Number.MAX_VALUE;

const FORMAT_KINDS: Readonly<Record<string, FieldType>> = { email: 'email', url: 'url', ip: 'ip', enum: 'enum' };
const PLAIN_KINDS: Readonly<Record<string, FieldType>> = {
  varchar: 'varchar', text: 'text', mediumtext: 'mediumtext', longtext: 'longtext', integer: 'integer', bigint: 'bigint', double: 'float', float: 'float', boolean: 'boolean', datetime: 'datetime', relationship: 'relationship',
};
const STATUSES = new Set<string>(['available', 'processing', 'deleting', 'stuck', 'failed']);

function kindOf(column: RawColumn): FieldType | 'other' {
  if (column.type === 'string') return FORMAT_KINDS[column.format ?? ''] ?? 'string';
  return PLAIN_KINDS[column.type] ?? 'other';
}

function bound(value: number | bigint | null | undefined, edge: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const number = Number(value);
  return Number.isNaN(number) || Math.abs(number) >= edge ? undefined : number;
}

/** A bigint column's bound, exact: unset at PHP_INT_MIN/MAX (no bound) or when absent. */
function exactBound(value: number | bigint | null | undefined): bigint | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return undefined;
  const exact = BigInt(value);
  return exact <= INT64_MIN || exact >= INT64_MAX ? undefined : exact;
}

function defaultOf(value: unknown, kind: FieldType | 'other'): string | number | bigint | boolean | null {
  if (kind === 'bigint' && (typeof value === 'number' || typeof value === 'bigint')) return BigInt(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

function status(value: string): ResourceStatus {
  return STATUSES.has(value) ? (value as ResourceStatus) : 'processing';
}

/**
 * One live column in the planner's normalised form (see {@link ColumnSpec}).
 *
 * @example
 * ```ts
 * normaliseColumn({ key: 'price', type: 'double', status: 'available', required: true, min: 0, max: 1.7976931348623157e308 });
 * // { key: 'price', kind: 'float', min: 0, max: undefined, ... }
 * ```
 */
export function normaliseColumn(column: RawColumn): LiveColumn {
  const kind = kindOf(column);
  const spec: ColumnSpec = {
    key: column.key,
    kind,
    ...(kind === 'other' ? { rawType: column.type } : {}),
    required: column.required,
    array: column.array === true,
    default: defaultOf(column.default, kind),
    ...((kind === 'string' || kind === 'varchar') && column.size !== undefined ? { size: column.size } : {}),
    ...(TEXT_TYPES.has(kind as FieldType) ? { encrypt: column.encrypt === true } : {}),
    ...(kind === 'integer' || kind === 'float' ? numericBounds(column, kind === 'integer' ? INT64_EDGE : FLOAT_EDGE) : {}),
    ...(kind === 'bigint' ? bigintBounds(column) : {}),
    ...(kind === 'enum' ? { elements: [...(column.elements ?? [])] } : {}),
    ...(kind === 'relationship' ? { relation: relationOf(column) } : {}),
  };
  return { ...spec, status: status(column.status), error: column.error ?? '' };
}

function relationOf(column: RawColumn): ColumnRelation {
  return {
    relatedTable: column.relatedTable ?? '',
    relationType: (column.relationType ?? 'oneToOne') as RelationType,
    twoWay: column.twoWay === true,
    twoWayKey: column.twoWayKey ?? '',
    onDelete: (column.onDelete ?? 'restrict') as OnDeleteAction,
    side: column.side === 'child' ? 'child' : 'parent',
  };
}

function numericBounds(column: RawColumn, edge: number): { min?: number; max?: number } {
  const min = bound(column.min, edge);
  const max = bound(column.max, edge);
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function bigintBounds(column: RawColumn): { min?: bigint; max?: bigint } {
  const min = exactBound(column.min);
  const max = exactBound(column.max);
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

/** One live index in normalised form: lower-case orders, one per column (`asc` when unset). */
function normaliseIndex(index: RawIndex): LiveIndex {
  return {
    key: index.key,
    type: index.type,
    columns: [...index.columns],
    orders: index.columns.map((_, position) => (index.orders?.[position]?.toLowerCase() === 'desc' ? 'desc' : 'asc')),
    status: status(index.status),
    error: index.error ?? '',
  };
}

/**
 * A live table in the planner's normalised form.
 *
 * @example
 * ```ts
 * const live = (await tablesDB.listTables({ databaseId })).tables.map(normaliseTable);
 * ```
 */
export function normaliseTable(table: RawTable): LiveTable {
  return {
    id: table.$id,
    name: table.name,
    permissions: normalisePermissions(table.$permissions),
    rowSecurity: table.rowSecurity,
    enabled: table.enabled !== false,
    columns: table.columns.map(normaliseColumn),
    indexes: table.indexes.map(normaliseIndex),
  };
}
