import { ApiError } from '../../http/api-error.js';
import type { StoredRow } from '../model.js';
import type { AttributeKind, QueryAttribute } from './attributes.js';
import { compareKeys, keyOf, type SortKey } from './collation.js';
import type { ParsedQuery } from './query-types.js';
import type { RowPredicate } from './filter.js';

type Direction = 'ASC' | 'DESC' | 'RANDOM';

/** One ORDER BY term: an attribute and the direction paired with it. */
export interface OrderTerm {
  readonly attribute: string;
  readonly kind: AttributeKind;
  readonly direction: Direction;
}

/**
 * The ORDER BY of a list, built as utopia-php/database `Query::groupByType` and `Database::find` do:
 * order attributes and directions are collected in two lists and paired by position (orderRandom adds a
 * direction but no attribute, so it shifts later pairs, exactly as Appwrite does), then `$sequence` is
 * appended as the final tiebreaker unless `$id` or `$sequence` is already ordered on.
 */
export function orderTerms(queries: readonly ParsedQuery[], attributes: ReadonlyMap<string, QueryAttribute>): OrderTerm[] {
  const names: string[] = [];
  const directions: Direction[] = [];
  for (const query of queries) {
    if (query.method !== 'orderAsc' && query.method !== 'orderDesc' && query.method !== 'orderRandom') continue;
    if (query.attribute !== '') names.push(query.attribute);
    directions.push(query.method === 'orderAsc' ? 'ASC' : query.method === 'orderDesc' ? 'DESC' : 'RANDOM');
  }
  if (!names.includes('$id') && !names.includes('$sequence')) names.push('$sequence');
  return names.map((attribute, i) => ({
    attribute,
    kind: attributes.get(attribute)?.kind ?? 'string',
    direction: directions[i] ?? 'ASC',
  }));
}

/** cursorBefore runs the query with every direction flipped, then reverses the page. */
export function flipped(terms: readonly OrderTerm[]): OrderTerm[] {
  const opposite: Record<Direction, Direction> = { ASC: 'DESC', DESC: 'ASC', RANDOM: 'RANDOM' };
  return terms.map((t) => ({ ...t, direction: opposite[t.direction] }));
}

/** MariaDB sorts NULL before every value. */
function compareNullable(a: SortKey, b: SortKey): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareKeys(a, b);
}

/** Sorts rows by the terms (keys computed once per row, so 10,000 rows sort quickly). */
export function sortRows(rows: readonly StoredRow[], terms: readonly OrderTerm[]): StoredRow[] {
  const [first] = terms;
  if (terms.length === 1 && first?.attribute === '$sequence' && first.direction === 'ASC'
    && rows.every((row, i) => i === 0 || (rows[i - 1]?.$sequence ?? 0) < row.$sequence)) {
    return [...rows];
  }
  const decorated = rows.map((row) => ({
    row,
    keys: terms.map((t) => (t.direction === 'RANDOM' ? Math.random() : keyOf(t.kind, row[t.attribute]))),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < terms.length; i += 1) {
      const order = compareNullable(a.keys[i] ?? null, b.keys[i] ?? null);
      if (order !== 0) return terms[i]?.direction === 'DESC' ? -order : order;
    }
    return 0;
  });
  return decorated.map((entry) => entry.row);
}

/** Appwrite refuses a cursor whose row has NULL in an order column (`database_query_order_null`). */
export function checkCursorRow(cursor: StoredRow, terms: readonly OrderTerm[]): void {
  for (const { attribute } of terms) {
    if (cursor[attribute] === null || cursor[attribute] === undefined) {
      throw new ApiError('database_query_order_null', `The order column '${attribute}' had a null value. ` +
        'Cursor pagination requires all rows order column values are non-null.', 400);
    }
  }
}

/**
 * The rows strictly after the cursor row in the given order, as the SQL adapter's keyset condition:
 * OR over terms i of (terms before i equal AND term i beyond the cursor), random terms skipped.
 */
export function afterCursor(cursor: StoredRow, terms: readonly OrderTerm[]): RowPredicate {
  const cursorKeys = terms.map((t) => keyOf(t.kind, cursor[t.attribute]));
  const clauses: number[] = [];
  terms.forEach((t, i) => { if (t.direction !== 'RANDOM') clauses.push(i); });
  if (clauses.length === 0) return () => true;
  return (row) => {
    const keys = terms.map((t) => keyOf(t.kind, row[t.attribute]));
    return clauses.some((i) => {
      for (let j = 0; j < i; j += 1) {
        const a = keys[j] ?? null;
        if (a === null || a !== cursorKeys[j]) return false;
      }
      const value = keys[i] ?? null;
      const bound = cursorKeys[i] ?? null;
      if (value === null || bound === null) return false;
      const order = compareKeys(value, bound);
      return terms[i]?.direction === 'DESC' ? order < 0 : order > 0;
    });
  };
}
