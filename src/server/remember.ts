import { tagTable } from '../cache/cache-tags.js';
import type { QueryCache } from '../cache/query-cache.js';
import { ConfigError } from '../errors/config-error.js';
import type { TableDefinition, TableName } from '../schema/table-definition.js';
import type { TableRuntime } from './table-runtime.js';

/** Options of `db.remember()`. */
export interface RememberOptions<T extends readonly TableDefinition[] = readonly TableDefinition[]> {
  /** The declared tables the value is computed from: a write to any of them drops it. At least one. */
  readonly tables: readonly TableName<T>[];
  /** Lifetime in ms. @default the cache's `ttl` */
  readonly ttl?: number;
  /** Cache tags: `db.invalidateTags()` with any of them drops the value too. */
  readonly tags?: readonly string[];
}

/** Operation name of remembered values in cache keys; no table operation is spelled like it. */
const REMEMBER = 'remember';

/**
 * Caches the result of `compute` under `key` in the query cache (and the shared tier when on), for the view's
 * identity, dropped when any of `options.tables` is invalidated. Concurrent calls share one computation; an
 * error is passed on and never cached.
 *
 * @example
 * ```ts
 * const total = await rememberValue(cache, 'key', runtimes, 'stock-value', { tables: ['products'] }, computeStockValue);
 * ```
 */
export function rememberValue<V>(cache: QueryCache, scope: string, runtimes: ReadonlyMap<string, TableRuntime>, key: string,
  options: RememberOptions, compute: () => Promise<V>): Promise<V> {
  if (typeof key !== 'string' || key.length === 0) return Promise.reject(new ConfigError(`remember(): the key must be a non-empty string, got ${JSON.stringify(key)}`));
  const tables = options.tables.map((name) => runtimes.get(name)?.id);
  const unknown = options.tables.find((_, index) => tables[index] === undefined);
  if (unknown !== undefined) return Promise.reject(new ConfigError(`remember("${key}"): no table named "${unknown}" was declared`, { table: unknown }));
  const [first, ...others] = tables as string[];
  if (first === undefined) return Promise.reject(new ConfigError(`remember("${key}"): name at least one table in options.tables, whose writes drop the value`));
  if (options.ttl !== undefined && !(options.ttl >= 0)) return Promise.reject(new ConfigError(`remember("${key}"): ttl must be a number of milliseconds >= 0, got ${String(options.ttl)}`));
  let dependsOn: string[];
  try {
    dependsOn = [...others, ...(options.tags ?? []).map(tagTable)];
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return cache.read({
    scope, table: first, operation: REMEMBER, queries: [JSON.stringify(key)],
    ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
    ...(dependsOn.length === 0 ? {} : { dependsOn }),
  }, compute);
}
