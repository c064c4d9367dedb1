import type { FieldDefinition } from '../field-definition.js';
import type { IndexDefinition } from '../table-definition.js';
import type { ColumnSpec, IndexSpec } from '../spec.js';

/**
 * The field declaration that stands for a column, or `undefined` for columns the ORM cannot declare (kind
 * `other`). Relationship targets are written with `nameOf(tableId)`: declarations name related tables by name.
 *
 * @example
 * ```ts
 * columnField({ key: 'price', kind: 'float', required: true, array: false, default: null, min: 0 }); // { type: 'float', required: true, min: 0 }
 * ```
 */
export function columnField(column: ColumnSpec, nameOf: (tableId: string) => string = (id) => id): FieldDefinition | undefined {
  const relation = column.relation;
  if (column.kind === 'relationship' && relation !== undefined) {
    return {
      type: 'relationship',
      table: nameOf(relation.relatedTable),
      relation: relation.relationType,
      ...(relation.twoWay ? { twoWay: true, twoWayKey: relation.twoWayKey } : {}),
      ...(relation.onDelete === 'restrict' ? {} : { onDelete: relation.onDelete }),
    };
  }
  if (column.kind === 'other' || column.kind === 'relationship') return undefined;
  const common = {
    ...(column.required ? { required: true } : {}),
    ...(column.array ? { array: true } : {}),
    ...(column.default === null ? {} : { default: column.default }),
  };
  const bounds = { ...(column.min === undefined ? {} : { min: column.min }), ...(column.max === undefined ? {} : { max: column.max }) };
  const encrypt = column.encrypt === true ? { encrypt: true } : {};
  switch (column.kind) {
    case 'string':
    case 'varchar':
      return { type: column.kind, ...(column.size === undefined ? {} : { size: column.size }), ...encrypt, ...common } as FieldDefinition;
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return { type: column.kind, ...encrypt, ...common } as FieldDefinition;
    case 'integer':
    case 'bigint':
    case 'float':
      return { type: column.kind, ...bounds, ...common } as FieldDefinition;
    case 'enum':
      return { type: 'enum', enum: [...(column.elements ?? [])], ...common } as FieldDefinition;
    default:
      return { type: column.kind, ...common } as FieldDefinition;
  }
}

/**
 * The index declaration of a normalised index (`orders` left out when every attribute is ascending).
 *
 * @example
 * ```ts
 * indexDefinition({ key: 'by_price', type: 'key', columns: ['price'], orders: ['asc'] }); // { key: 'by_price', type: 'key', attributes: ['price'] }
 * ```
 */
export function indexDefinition(index: IndexSpec): IndexDefinition {
  return {
    key: index.key,
    type: index.type as IndexDefinition['type'],
    attributes: [...index.columns],
    ...(index.orders.every((order) => order === 'asc') ? {} : { orders: [...index.orders] }),
    ...(index.lengths === undefined ? {} : { lengths: [...index.lengths] }),
  };
}
