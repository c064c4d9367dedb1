import type { Cluster, Redis, RedisOptions } from 'ioredis';

/** What `cache.redis` accepts: a URL, ioredis options, or an existing ioredis `Redis` or `Cluster`. */
export type RedisSource = string | RedisOptions | Redis | Cluster;

/** An ioredis connection, single node or cluster. */
export type RedisConnection = Redis | Cluster;

/**
 * Whether `source` is an ioredis connection already made (to duplicate), rather than a URL or options.
 *
 * @example
 * ```ts
 * isRedisConnection('redis://127.0.0.1:6379'); // false
 * ```
 */
export function isRedisConnection(source: RedisSource): source is RedisConnection {
  return typeof source === 'object' && typeof (source as Partial<Redis>).duplicate === 'function' && typeof (source as Partial<Redis>).publish === 'function';
}
