import type { StoredColumn, StoredTable } from '../model.js';
import type { DateRange } from './instant.js';

/** How a queried attribute's values are validated and compared. */
export type AttributeKind = 'string' | 'integer' | 'bigint' | 'double' | 'boolean' | 'datetime' | 'sequence';

/** A column or system attribute as the query engine sees it. */
export interface QueryAttribute {
  readonly key: string;
  readonly kind: AttributeKind;
  readonly array: boolean;
  readonly encrypt: boolean;
  /** Integer width: Appwrite stores an integer column as BIGINT when its max exceeds 2^31 - 1. */
  readonly bits: 32 | 64;
  /** For relationship columns: `stored` ones hold the related ID and can be filtered; `virtual` ones cannot. */
  readonly relation?: 'stored' | 'virtual';
  /** For datetimes: the range filter values must fall in, when not the adapter's (`ADAPTER_DATES`). */
  readonly dates?: DateRange;
}

/** Relationship ends kept as a column of the row (oneToOne, manyToOne parent, oneToMany child). */
function relationKind(column: StoredColumn): 'stored' | 'virtual' | undefined {
  const relation = column.relation;
  if (relation === undefined) return undefined;
  if (relation.relationType === 'oneToOne') return 'stored';
  const stored = relation.side === 'parent' ? relation.relationType === 'manyToOne' : relation.relationType === 'oneToMany';
  return stored ? 'stored' : 'virtual';
}

const INT32_MAX = 2_147_483_647;

function kindOf(column: StoredColumn): AttributeKind {
  switch (column.type) {
    case 'integer':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'double':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'datetime':
      return 'datetime';
    default:
      return 'string';
  }
}

function bitsOf(column: StoredColumn): 32 | 64 {
  if (column.type !== 'integer') return 64;
  const size = column.size ?? (column.max !== undefined && column.max <= INT32_MAX ? 4 : 8);
  return size >= 8 ? 64 : 32;
}

function system(key: string, kind: AttributeKind): QueryAttribute {
  return { key, kind, array: false, encrypt: false, bits: 64 };
}

/**
 * The attributes queries may name: the table's `available` columns (a column still processing is not in
 * the row schema yet) plus `$id`, `$sequence`, `$createdAt` and `$updatedAt` (utopia-php/database
 * `Validator/Queries/Documents.php`).
 */
export function queryAttributes(table: StoredTable): ReadonlyMap<string, QueryAttribute> {
  const attributes = new Map<string, QueryAttribute>();
  for (const column of table.columns) {
    if (column.status !== 'available') continue;
    attributes.set(column.key, {
      key: column.key,
      kind: kindOf(column),
      array: column.array,
      encrypt: column.encrypt === true,
      bits: bitsOf(column),
      ...(column.relation === undefined ? {} : { relation: relationKind(column) }),
    });
  }
  attributes.set('$id', system('$id', 'string'));
  attributes.set('$sequence', system('$sequence', 'sequence'));
  attributes.set('$createdAt', system('$createdAt', 'datetime'));
  attributes.set('$updatedAt', system('$updatedAt', 'datetime'));
  return attributes;
}
