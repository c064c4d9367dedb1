import { ApiError } from '../../http/api-error.js';

/**
 * Filter methods (utopia-php/database `Query::TYPES` minus select, order, limit, offset and cursor). `regex` is
 * not among them: `Query::isMethod` does not list it, so Appwrite 1.9 refuses it (`Invalid query method: regex`).
 */
const FILTER_METHODS = [
  'equal', 'notEqual', 'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual',
  'contains', 'containsAny', 'containsAll', 'notContains', 'search', 'notSearch', 'isNull', 'isNotNull',
  'between', 'notBetween', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith',
  'exists', 'notExists', 'and', 'or', 'elemMatch',
  'crosses', 'notCrosses', 'distanceEqual', 'distanceNotEqual', 'distanceGreaterThan', 'distanceLessThan',
  'intersects', 'notIntersects', 'overlaps', 'notOverlaps', 'touches', 'notTouches',
  'vectorDot', 'vectorCosine', 'vectorEuclidean',
] as const;

/** Every method Appwrite 1.9 parses. */
const QUERY_METHODS = [
  ...FILTER_METHODS,
  'select', 'orderAsc', 'orderDesc', 'orderRandom', 'limit', 'offset', 'cursorAfter', 'cursorBefore',
] as const;

export type QueryMethod = (typeof QUERY_METHODS)[number];

/**
 * One decoded query. For `and`, `or` and `elemMatch` the values are nested `ParsedQuery` objects;
 * for every other method they are the JSON values as sent.
 *
 * @example
 * ```ts
 * const q: ParsedQuery = { method: 'equal', attribute: 'status', values: ['active'] };
 * ```
 */
export interface ParsedQuery {
  readonly method: QueryMethod;
  readonly attribute: string;
  readonly values: readonly unknown[];
}

const FILTERS: ReadonlySet<string> = new Set(FILTER_METHODS);
const METHODS: ReadonlySet<string> = new Set(QUERY_METHODS);

export function isQueryMethod(method: string): method is QueryMethod {
  return METHODS.has(method);
}

export function isFilter(query: ParsedQuery): boolean {
  return FILTERS.has(query.method);
}

export function isLogical(method: string): method is 'and' | 'or' | 'elemMatch' {
  return method === 'and' || method === 'or' || method === 'elemMatch';
}

/** The nested queries of an `and`, `or` or `elemMatch` query (the parser guarantees their shape). */
export function childQueries(query: ParsedQuery): readonly ParsedQuery[] {
  return isLogical(query.method) ? (query.values as readonly ParsedQuery[]) : [];
}

/** `general_query_invalid` (400), the error Appwrite answers for every rejected query. */
export function queryInvalid(message: string): ApiError {
  return new ApiError('general_query_invalid', message, 400);
}
