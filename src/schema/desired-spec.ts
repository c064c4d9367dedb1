import { DEFAULT_STRING_SIZE, type FieldDefinition } from './field-definition.js';
import { normalisePermissions } from './permissions.js';
import type { ColumnSpec, IndexSpec, TableSpec } from './spec.js';
import { tableId, type IndexDefinition, type TableDefinition } from './table-definition.js';

function defaultOf(field: FieldDefinition): string | number | bigint | boolean | null {
  const fallback = field.default;
  if (fallback === undefined || fallback === null) return null;
  if (field.type === 'bigint') return BigInt(fallback as bigint | number);
  return fallback instanceof Date ? fallback.toISOString() : fallback;
}

/**
 * The column Appwrite should hold for a field declaration.
 *
 * @example
 * ```ts
 * columnSpec('name', { type: 'string', required: true }); // { key: 'name', kind: 'string', size: 255, required: true, ... }
 * ```
 */
export function columnSpec(key: string, field: FieldDefinition, idOf: (name: string) => string = (name) => name, ownId = ''): ColumnSpec {
  const base = {
    key, kind: field.type, required: field.required === true, array: field.array === true, default: defaultOf(field),
    ...(field.renamedFrom === undefined ? {} : { renamedFrom: field.renamedFrom }),
  };
  switch (field.type) {
    case 'string':
    case 'varchar':
      return { ...base, size: field.size ?? DEFAULT_STRING_SIZE, encrypt: field.encrypt === true };
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return { ...base, encrypt: field.encrypt === true };
    case 'integer':
    case 'float':
      return { ...base, ...(field.min === undefined ? {} : { min: field.min }), ...(field.max === undefined ? {} : { max: field.max }) };
    case 'bigint':
      // Bounds as bigints, so that a declared 5 and a live 5n compare equal.
      return { ...base, ...(field.min === undefined ? {} : { min: BigInt(field.min) }), ...(field.max === undefined ? {} : { max: BigInt(field.max) }) };
    case 'enum':
      return { ...base, elements: [...field.enum] };
    case 'relationship': {
      const relation = {
        relatedTable: idOf(field.table), relationType: field.relation, twoWay: field.twoWay === true,
        twoWayKey: field.twoWayKey ?? ownId, onDelete: field.onDelete ?? 'restrict', side: 'parent',
      } as const;
      return { ...base, relation, ...(field.twoWayKeyRenamedFrom === undefined ? {} : { twoWayKeyRenamedFrom: field.twoWayKeyRenamedFrom }) };
    }
    default:
      return base;
  }
}

/**
 * The tables Appwrite should hold for a list of declarations, with relationship targets as table ids.
 *
 * @example
 * ```ts
 * const desired = tableSpecs([authors, posts]);
 * ```
 */
export function tableSpecs(definitions: readonly TableDefinition[]): TableSpec[] {
  const ids = new Map(definitions.map((definition) => [definition.name, tableId(definition)] as const));
  return definitions.map((definition) => buildTableSpec(definition, (name) => ids.get(name) ?? name));
}

/**
 * The table Appwrite should hold for a declaration (after {@link checkTableDefinitions} accepted it).
 *
 * @example
 * ```ts
 * tableSpec(products).columns.map((column) => column.key);
 * ```
 */
export function tableSpec(definition: TableDefinition): TableSpec {
  return buildTableSpec(definition, (name) => name);
}

/**
 * The index Appwrite should hold for an index declaration: one order per column, `asc` when unset.
 *
 * @example
 * ```ts
 * indexSpec({ key: 'by_sku', type: 'unique', attributes: ['sku'] }); // { key: 'by_sku', type: 'unique', columns: ['sku'], orders: ['asc'] }
 * ```
 */
export function indexSpec(index: IndexDefinition): IndexSpec {
  return {
    key: index.key,
    type: index.type,
    columns: [...index.attributes],
    orders: index.attributes.map((_, position) => index.orders?.[position] ?? 'asc'),
    ...(index.lengths === undefined ? {} : { lengths: [...index.lengths] }),
  };
}

function buildTableSpec(definition: TableDefinition, idOf: (name: string) => string): TableSpec {
  const columns = Object.entries(definition.schema).map(([key, field]) => columnSpec(key, field, idOf, tableId(definition)));
  const indexes = (definition.indexes ?? []).map(indexSpec);
  return {
    id: tableId(definition),
    name: definition.name,
    ...(definition.permissions === undefined ? {} : { permissions: normalisePermissions(definition.permissions) }),
    ...(definition.rowSecurity === undefined ? {} : { rowSecurity: definition.rowSecurity }),
    columns,
    indexes,
  };
}
