import type { RedisSource } from '../../redis/redis-source.js';
import { openL2Store, type L2Store, type L2StoreOptions, type RedisMemoryInfo } from './l2-store.js';
import type { L2Stats } from './l2-stats.js';
import type { SharedTier } from './shared-tier.js';

/** The part of the query cache the shared tier is put behind. */
export interface TieredCache {
  useSharedTier(tier: SharedTier, tables: readonly string[]): void;
}

/** A shared tier being opened for a cache: wait for it, read its stats, close it. */
export interface SharedTierAttachment {
  /** Resolves once the tier is in use (Redis answered) or known to be unavailable for now. Never rejects. */
  ready(): Promise<void>;
  /** The tier's counters, once it is open. */
  stats(): L2Stats | undefined;
  /** Memory and evictions of the Redis behind the tier, once it is open and answering. */
  redisInfo(): Promise<RedisMemoryInfo | undefined>;
  /** Closes the tier's connection; the cache then reads past it. */
  close(): Promise<void>;
}

/**
 * Opens the shared tier in Redis on its own connection and puts it behind `cache` once it is open. Nothing
 * waits for it: until it is in place reads go to Appwrite as usual. If ioredis cannot be loaded it warns
 * once and the cache runs without the tier.
 *
 * @example
 * ```ts
 * const tier = attachSharedTier(cache, 'redis://127.0.0.1:6379', { databaseId: 'main' }, ['products'], console);
 * await tier.ready();
 * // on shutdown
 * await tier.close();
 * ```
 */
export function attachSharedTier(cache: TieredCache, source: RedisSource, options: L2StoreOptions, tables: readonly string[], logger: { warn(message: string): void }): SharedTierAttachment {
  let closed = false;
  let store: L2Store | undefined;
  const opening = openL2Store(source, { ...options, logger }).then(
    async (opened) => {
      if (closed) return opened.close();
      store = opened;
      cache.useSharedTier(opened, tables);
    },
    (error: unknown) => logger.warn(`The shared cache tier is off: ioredis could not be loaded (${error instanceof Error ? error.message : String(error)}); install it with \`npm i ioredis\``),
  );
  return {
    ready: () => opening,
    stats: () => store?.stats(),
    redisInfo: () => store?.redisInfo() ?? Promise.resolve(undefined),
    async close() {
      closed = true;
      await opening;
      await store?.close();
    },
  };
}
