/**
 * How long a read is cached: the call's own `ttl`, else its table's `cache.ttl`, else the cache's `ttl`.
 * The one place that order is decided.
 *
 * @example
 * ```ts
 * effectiveTtl(undefined, 60_000, 300_000); // 60_000: the table's
 * effectiveTtl(0, 60_000, 300_000);         // 0: the call's (not cached)
 * ```
 */
export function effectiveTtl(call: number | undefined, table: number | undefined, global: number): number {
  return call ?? table ?? global;
}
