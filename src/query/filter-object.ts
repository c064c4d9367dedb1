import { QueryError } from '../errors/query-error.js';
import type { QueryNode, QueryScalar } from './query-node.js';
import { stringifyExact } from '../schema/exact-json.js';

/** A value a plain filter can compare with; `null` means "is null", a Date is sent as ISO 8601. */
export type FilterScalar = string | number | bigint | boolean | Date | null;

/**
 * Plain equality filters: `{ category: 'office', price: [1, 2], deletedAt: null }` means
 * category = 'office' AND price IN (1, 2) AND deletedAt IS NULL. Undefined entries are ignored.
 */
export type FilterObject = Readonly<Record<string, FilterScalar | readonly FilterScalar[] | undefined>>;

/**
 * Turns plain equality filters into query nodes.
 *
 * @throws QueryError for an empty list or a value that is not a scalar.
 * @example
 * ```ts
 * filterNodes({ category: 'office', deletedAt: null });
 * // [{ method: 'equal', attribute: 'category', values: ['office'] }, { method: 'isNull', attribute: 'deletedAt' }]
 * ```
 */
export function filterNodes(filters: FilterObject, table?: string): QueryNode[] {
  const proto: unknown = typeof filters === 'object' && filters !== null ? Object.getPrototypeOf(filters) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new QueryError(table, describeInput(filters), 'a filter must be a plain object of column values, a query string or an array of them');
  }
  const nodes: QueryNode[] = [];
  for (const [attribute, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (value === null) {
      nodes.push({ method: 'isNull', attribute });
      continue;
    }
    const list: readonly FilterScalar[] = Array.isArray(value) ? value : [value as FilterScalar];
    if (list.length === 0) throw new QueryError(table, describe(attribute, value), 'an empty list matches no row');
    nodes.push({ method: 'equal', attribute, values: list.map((item) => scalar(attribute, item, table)) });
  }
  return nodes;
}

/**
 * Turns `orderBy` entries into order queries: `'price'` or `'+price'` ascending, `'-price'` descending.
 *
 * @example
 * ```ts
 * orderNodes(['-price', 'name']); // [orderDesc('price'), orderAsc('name')] as query nodes
 * ```
 */
export function orderNodes(orderBy: string | readonly string[], table?: string): QueryNode[] {
  const entries: readonly unknown[] = typeof orderBy === 'string' ? [orderBy] : Array.isArray(orderBy) ? orderBy : [orderBy];
  return entries.map((entry) => {
    if (typeof entry !== 'string') throw new QueryError(table, `orderBy ${describeInput(entry)}`, 'orderBy takes column names, "-name" for descending');
    const descending = entry.startsWith('-');
    const attribute = descending || entry.startsWith('+') ? entry.slice(1) : entry;
    if (attribute === '') throw new QueryError(table, `orderBy ${JSON.stringify(entry)}`, 'no column named');
    return { method: descending ? 'orderDesc' : 'orderAsc', attribute };
  });
}

/** Formats a Date the way Appwrite returns datetimes, so filters and rows use the same text. */
export function appwriteDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

function scalar(attribute: string, value: FilterScalar, table: string | undefined): QueryScalar {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new QueryError(table, describe(attribute, value), 'invalid date');
    return appwriteDate(value);
  }
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'undefined') {
    throw new QueryError(table, describe(attribute, value), 'a filter value must be a string, number, boolean, Date or null');
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new QueryError(table, describe(attribute, value), 'not a finite number');
    }
    return value;
  }
  throw new QueryError(table, describe(attribute, value), 'a filter value must be a string, number, boolean, Date or null');
}

function describe(attribute: string, value: unknown): string {
  return `{ ${attribute}: ${describeInput(value)} }`;
}

/**
 * A short, never-throwing rendering of something a caller passed (symbols, functions, cycles included; bigints
 * as bare integers, in lists too).
 */
export function describeInput(value: unknown): string {
  if (typeof value === 'bigint' || typeof value === 'symbol' || value instanceof Date) return String(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  try {
    return (value === undefined ? 'undefined' : stringifyExact(value)).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
