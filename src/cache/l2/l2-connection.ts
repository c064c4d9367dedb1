import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { isRedisConnection, type RedisConnection, type RedisSource } from '../../redis/redis-source.js';
import { redisRetryDelay } from '../../redis/redis-retry-delay.js';

// No offline queue and no retries: while Redis is away a command fails at once and the read goes on to
// Appwrite; ioredis' own command timeout ends a command that a slow Redis does not answer.
function overrides(timeout: number): RedisOptions {
  return { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: timeout, disconnectTimeout: 100 };
}

/**
 * Opens (lazily) the shared tier's own connection, which it closes itself: a duplicate of a user's `Redis` or `Cluster`, or a new
 * connection from a URL or options. Commands time out after `timeout` ms. ioredis is loaded on first use.
 *
 * @example
 * ```ts
 * const redis = await openL2Connection('redis://127.0.0.1:6379', 100);
 * await redis.connect();
 * ```
 */
export async function openL2Connection(source: RedisSource, timeout: number): Promise<RedisConnection> {
  const settings = overrides(timeout);
  if (isRedisConnection(source)) {
    if (source.isCluster) {
      const cluster = source as Cluster;
      const redisOptions = { ...cluster.options.redisOptions, commandTimeout: timeout, maxRetriesPerRequest: 0, disconnectTimeout: 100 };
      return cluster.duplicate(undefined, { lazyConnect: true, enableOfflineQueue: false, maxRedirections: 2, redisOptions });
    }
    return (source as Redis).duplicate(settings);
  }
  const ioredis = await import('ioredis');
  const defaults: RedisOptions = { retryStrategy: redisRetryDelay, connectionName: 'appwrite-orm-l2' };
  return typeof source === 'string' ? new ioredis.Redis(source, { ...defaults, ...settings }) : new ioredis.Redis({ ...defaults, ...source, ...settings });
}
