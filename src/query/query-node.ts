/** A scalar a query can carry. */
export type QueryScalar = string | number | bigint | boolean | null;

/** A value inside a query's `values`: a scalar, a nested query (and/or/elemMatch) or an array (spatial). */
export type QueryValue = QueryScalar | QueryNode | readonly QueryValue[];

/** One Appwrite query as an object, the shape node-appwrite serialises to JSON. */
export interface QueryNode {
  readonly method: string;
  readonly attribute?: string;
  readonly values?: readonly QueryValue[];
}

/** The role of a query in a request; canonical lists are ordered by it. */
export type QueryKind = 'filter' | 'select' | 'order' | 'cursor' | 'limit' | 'offset';

// A Map, not an object: method names come from callers, and `constructor` or `__proto__` must not be found.
const KIND: ReadonlyMap<string, QueryKind> = new Map<string, QueryKind>([
  ['select', 'select'], ['orderAsc', 'order'], ['orderDesc', 'order'], ['orderRandom', 'order'],
  ['cursorAfter', 'cursor'], ['cursorBefore', 'cursor'], ['limit', 'limit'], ['offset', 'offset'],
]);

const FILTERS = [
  'equal', 'notEqual', 'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'contains', 'containsAny',
  'containsAll', 'notContains', 'search', 'notSearch', 'isNull', 'isNotNull', 'between', 'notBetween', 'startsWith',
  'notStartsWith', 'endsWith', 'notEndsWith', 'regex', 'exists', 'notExists', 'and', 'or', 'elemMatch',
  'crosses', 'notCrosses', 'distanceEqual', 'distanceNotEqual', 'distanceGreaterThan', 'distanceLessThan',
  'intersects', 'notIntersects', 'overlaps', 'notOverlaps', 'touches', 'notTouches',
  'vectorDot', 'vectorCosine', 'vectorEuclidean',
] as const;

const FILTER_SET: ReadonlySet<string> = new Set(FILTERS);

/** Methods that take no attribute. */
export const NO_ATTRIBUTE: ReadonlySet<string> = new Set([
  'limit', 'offset', 'cursorAfter', 'cursorBefore', 'select', 'orderRandom', 'and', 'or', 'exists', 'notExists',
]);

/**
 * How deep queries may nest (and/or/elemMatch inside each other, arrays inside values). Appwrite takes at
 * most 4096 characters per query, which holds about 140 levels of `and`; deeper input is refused before it
 * can exhaust the stack.
 */
export const MAX_QUERY_DEPTH = 100;

/** Methods whose values are nested queries. */
export const NESTED: ReadonlySet<string> = new Set(['and', 'or', 'elemMatch']);

/** The kind of a method, or undefined when Appwrite does not know it. */
export function queryKind(method: string): QueryKind | undefined {
  return KIND.get(method) ?? (FILTER_SET.has(method) ? 'filter' : undefined);
}

/** True for a plain object that looks like a query node (used for nested values). */
export function isQueryNode(value: unknown): value is QueryNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as QueryNode).method === 'string';
}
