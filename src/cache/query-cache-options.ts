import { ConfigError } from '../errors/config-error.js';
import type { CacheKeyParts } from './cache-key.js';

/**
 * The query cache's part of the resolved server configuration (`ResolvedConfig['cache']`, every default of
 * `DEFAULTS.cache` filled in). Declared here, next to the cache that reads it; the server configuration
 * extends it.
 *
 * @example
 * ```ts
 * const settings: CacheSettings = { ttl: 300_000, maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, grace: 0 };
 * ```
 */
export interface CacheSettings {
  /** Time to live of an entry in milliseconds, unless a read gives its own; 0 stores nothing, `Infinity` never expires. */
  readonly ttl: number;
  /** Most entries held; the least recently used go first. */
  readonly maxEntries: number;
  /** Most estimated bytes held; an entry larger than this is returned to its callers but not stored. */
  readonly maxBytes: number;
  /**
   * How long past its TTL an entry may still answer a read whose load failed with an Appwrite error worth
   * retrying (5xx, 429, timeout, no connection), in ms. An invalidated entry never does.
   */
  readonly grace: number;
}

/**
 * Settings of a {@link QueryCache}: the resolved {@link CacheSettings} (`grace` may be left out: 0, as in
 * `DEFAULTS.cache.grace`), whether it caches at all, and a clock for tests.
 *
 * @example
 * ```ts
 * const options: QueryCacheOptions = { ...DEFAULTS.cache, enabled: true };
 * ```
 */
export interface QueryCacheOptions extends Pick<CacheSettings, 'ttl' | 'maxEntries' | 'maxBytes'>, Partial<Pick<CacheSettings, 'grace'>> {
  /** When false, every read goes to its loader and nothing is stored. */
  readonly enabled: boolean;
  /** Time source for TTLs, in milliseconds. For tests; defaults to `performance`. */
  readonly clock?: { now(): number };
}

/**
 * One read: what identifies it in the cache, and how to cache it.
 *
 * @example
 * ```ts
 * const request: CacheReadRequest = { scope: 'key', table: 'products', operation: 'list', queries, ttl: 10_000 };
 * ```
 */
export interface CacheReadRequest extends CacheKeyParts {
  /** Time to live of this result in milliseconds, given by the call; before `tableTtl` and the cache's default. */
  readonly ttl?: number;
  /** Time to live of the table's results in milliseconds, when its declaration sets one; before the cache's default. */
  readonly tableTtl?: number;
  /** The complete key (`cacheKey()` of these parts), when the caller holds it already. */
  readonly key?: string;
  /** `false` loads without looking in the cache and stores nothing. Default true. */
  readonly cache?: boolean;
  /**
   * Other tables the result was read from (related rows loaded with it): the result is stored only if none of
   * them changed while it loaded, and an invalidation of any of them drops it.
   */
  readonly dependsOn?: readonly string[];
}

/**
 * Throws a `ConfigError` (code `E_CONFIG`) naming the first invalid setting.
 *
 * @example
 * ```ts
 * assertQueryCacheOptions({ ttl: -1, maxEntries: 10, maxBytes: 1_000, enabled: true }); // throws: ttl must be ...
 * ```
 */
export function assertQueryCacheOptions(options: QueryCacheOptions): void {
  const problem =
    !(options.ttl >= 0) ? `ttl must be a number of milliseconds >= 0, got ${String(options.ttl)}`
    : !isPositiveInteger(options.maxEntries) ? `maxEntries must be a positive integer, got ${String(options.maxEntries)}`
    : !isPositiveInteger(options.maxBytes) ? `maxBytes must be a positive integer, got ${String(options.maxBytes)}`
    : options.grace !== undefined && !(options.grace >= 0 && Number.isFinite(options.grace)) ? `grace must be a finite number of milliseconds >= 0, got ${String(options.grace)}`
    : undefined;
  if (problem !== undefined) throw new ConfigError(`cache: ${problem}`);
}

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1;
}
