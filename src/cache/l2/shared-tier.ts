import type { InvalidationOrigin } from '../cache-events.js';
import type { L2Generations, L2Hit } from './l2-store.js';

/**
 * What the query cache needs of its second tier ({@link L2Store} implements it): generation-keyed entries
 * and the invalidation calls.
 *
 * @example
 * ```ts
 * cache.useSharedTier(await openL2Store(redisUrl, { databaseId: 'main' }), ['products', 'orders']);
 * ```
 */
export interface SharedTier {
  /** Lifetime of the tier's entries in ms, when it has its own; a read's own TTL is used when shorter. */
  readonly ttl?: number;
  generations(table: string, dependsOn?: readonly string[]): Promise<L2Generations | undefined>;
  get(generations: L2Generations, cacheKey: string): Promise<L2Hit | undefined>;
  /** The entry past its TTL by less than `grace` ms, when `generations` are still current: a stand-in for a failed load. */
  stale(generations: L2Generations, cacheKey: string, grace: number): Promise<L2Hit | undefined>;
  /** Writes an entry fresh for `ttl` ms and kept `grace` ms longer (0 when left out) for {@link SharedTier.stale}. */
  set(generations: L2Generations, cacheKey: string, value: unknown, ttl: number, grace?: number): Promise<void>;
  bump(table: string): Promise<void>;
  forget(table: string): void;
  resync(): void;
}

/**
 * Carries one invalidation of `table` to the shared tier: a change made or reported here (`'local'`,
 * `'webhook'`) bumps the table's generation in Redis for every instance (the promise settles once Redis
 * answered or gave up); one announced by another instance
 * (`'remote'`), which bumped it already, or a resync only makes this instance read the generation again.
 *
 * @example
 * ```ts
 * await invalidateShared(tier, 'products', 'local'); // INCR of the products generation in Redis
 * ```
 */
export function invalidateShared(tier: SharedTier, table: string, origin: InvalidationOrigin): Promise<void> | undefined {
  if (origin === 'local' || origin === 'webhook') return tier.bump(table);
  tier.forget(table);
  return undefined;
}
