import type { PropertyChange } from './migration-plan.js';
import type { ColumnSpec, IndexSpec } from './spec.js';

function sameDefault(kind: ColumnSpec['kind'], live: ColumnSpec['default'], declared: ColumnSpec['default']): boolean {
  if (live === null || declared === null) return live === declared;
  // A datetime default is reported as it was sent, perhaps another spelling of the same instant: compare the instants.
  if (kind === 'datetime' && typeof live === 'string' && typeof declared === 'string') return Date.parse(live) === Date.parse(declared);
  return live === declared;
}

function sameSet(a: readonly string[] = [], b: readonly string[] = []): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((value) => set.has(value));
}

/** The type a column stands for in messages: `float`, `string[]`, `text encrypted`, `point` (for columns the ORM does not declare). */
export function describeType(column: ColumnSpec): string {
  const relation = column.relation;
  if (relation !== undefined) return `relationship(${relation.relationType} ${relation.relatedTable}${relation.twoWay ? ` <-> ${relation.twoWayKey}` : ''})`;
  const type = column.kind === 'other' ? (column.rawType ?? 'other') : column.kind;
  return `${type}${column.array ? '[]' : ''}${column.encrypt === true ? ' encrypted' : ''}`;
}

/**
 * True when turning `live` into `declared` needs a new column: Appwrite cannot change a column's type,
 * array-ness or encryption in place.
 */
export function needsRecreate(live: ColumnSpec, declared: ColumnSpec): boolean {
  if (live.kind !== declared.kind || live.array !== declared.array) return true;
  if (declared.encrypt !== undefined && live.encrypt !== undefined && live.encrypt !== declared.encrypt) return true;
  const [a, b] = [live.relation, declared.relation];
  // A relationship keeps its target, type and direction for life; only onDelete can change in place.
  return a !== undefined && b !== undefined
    && (a.relatedTable !== b.relatedTable || a.relationType !== b.relationType || a.twoWay !== b.twoWay || (b.twoWay && a.twoWayKey !== b.twoWayKey));
}

/**
 * The properties Appwrite can update in place that differ between a live column and its declaration
 * (same type assumed): required, default, size, min, max, enum elements. Empty when nothing changed.
 *
 * @example
 * ```ts
 * columnChanges(live, declared); // [{ property: 'size', from: 128, to: 255 }]
 * ```
 */
export function columnChanges(live: ColumnSpec, declared: ColumnSpec): PropertyChange[] {
  const changes: PropertyChange[] = [];
  const compare = (property: string, from: unknown, to: unknown, same: boolean): void => {
    if (!same) changes.push({ property, from, to });
  };
  if (declared.relation !== undefined) {
    compare('onDelete', live.relation?.onDelete, declared.relation.onDelete, live.relation?.onDelete === declared.relation.onDelete);
    return changes;
  }
  compare('required', live.required, declared.required, live.required === declared.required);
  compare('default', live.default, declared.default, sameDefault(declared.kind, live.default, declared.default));
  if (declared.kind === 'string' || declared.kind === 'varchar') compare('size', live.size, declared.size, live.size === declared.size);
  if (declared.kind === 'integer' || declared.kind === 'bigint' || declared.kind === 'float') {
    compare('min', live.min, declared.min, live.min === declared.min);
    compare('max', live.max, declared.max, live.max === declared.max);
  }
  if (declared.kind === 'enum') compare('elements', live.elements, declared.elements, sameSet(live.elements, declared.elements));
  return changes;
}

/** True when two indexes have the same type, columns and orders. */
export function sameIndex(live: IndexSpec, declared: IndexSpec): boolean {
  return (
    live.type === declared.type &&
    live.columns.length === declared.columns.length &&
    live.columns.every((column, position) => column === declared.columns[position] && live.orders[position] === declared.orders[position])
  );
}

/** An index for messages: `key(status asc, price desc)`. */
export function describeIndex(index: IndexSpec): string {
  return `${index.type}(${index.columns.map((column, position) => `${column}${index.orders[position] === 'desc' ? ' desc' : ''}`).join(', ')})`;
}
