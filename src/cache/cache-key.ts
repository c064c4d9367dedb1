/**
 * What identifies one cached read: who asks, which table, which operation, which canonical queries.
 *
 * @example
 * ```ts
 * const parts: CacheKeyParts = { scope: 'jwt:9f86d0', table: 'orders', operation: 'list', queries: [limitQuery] };
 * ```
 */
export interface CacheKeyParts {
  /** Database id, so that databases sharing one cache never share entries. */
  readonly database?: string;
  /** Identity the read acts as: `'key'` for the API key, `'jwt:<hash>'` for one user. */
  readonly scope: string;
  /** Table id. */
  readonly table: string;
  /** Read operation, such as `'get'`, `'list'` or `'count'`. */
  readonly operation: string;
  /** Canonical Appwrite query strings (JSON), already normalised by the caller. */
  readonly queries: readonly string[];
  /** `queries` joined by `|`, when the caller holds it already (a canonical query keeps its own). */
  readonly queryKey?: string;
}

/**
 * Builds the cache key `database|scope|table|operation|query1|query2...` (without `database|` when the
 * parts name no database).
 *
 * Two requests share an entry exactly when their parts are equal. The key is unambiguous as long as scope,
 * table, operation and the database id contain no `|` and each query is a complete JSON text: a `|` inside a query sits in a
 * JSON string, so no split of one query list can spell another list of complete queries.
 *
 * @example
 * ```ts
 * cacheKey({ scope: 'key', table: 'products', operation: 'get', queries: ['{"method":"equal","attribute":"$id","values":["p1"]}'] });
 * // 'key|products|get|{"method":"equal","attribute":"$id","values":["p1"]}'
 * ```
 */
export function cacheKey(parts: CacheKeyParts): string {
  const head = parts.database === undefined ? parts.scope : parts.database + '|' + parts.scope;
  return head + '|' + parts.table + '|' + parts.operation + '|' + (parts.queryKey ?? parts.queries.join('|'));
}
