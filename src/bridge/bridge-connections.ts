import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { isRedisConnection, type RedisConnection, type RedisSource } from '../redis/redis-source.js';
import { redisRetryDelay } from '../redis/redis-retry-delay.js';

/** The bridge's two connections and which of them it opened itself (and so may close). */
export interface BridgeConnections {
  readonly publisher: RedisConnection;
  readonly subscriber: RedisConnection;
  readonly owned: readonly RedisConnection[];
  /** Whether they are a Redis Cluster's, whose subscriber is set up for sharded pub/sub (SSUBSCRIBE). */
  readonly sharded: boolean;
}

// Lazy so that creating the bridge never throws or waits; start() connects. No offline queue so
// that commands fail at once while Redis is down instead of piling up; the bridge keeps its own
// bounded set of what it still has to announce.
const BRIDGE_DEFAULTS: RedisOptions = { retryStrategy: redisRetryDelay, connectionName: 'appwrite-orm-bridge' };
const BRIDGE_OVERRIDES: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  // A PUBLISH in flight when the connection drops fails at once instead of waiting for the reconnect.
  maxRetriesPerRequest: 0,
  // The subscriber subscribes again itself on every 'ready', then resynchronises.
  autoResubscribe: false,
  // disconnect() arms a timer that waits for the socket to close; a socket a failed reconnect attempt
  // left behind is closed already, so the timer runs out in full and keeps the process alive: with the
  // 2 s default, a process closing while Redis was down exited 2 s late.
  disconnectTimeout: 100,
};

function isCluster(connection: RedisConnection): connection is Cluster {
  return connection.isCluster;
}

/**
 * Opens (lazily: nothing connects before `connect()`) the publisher and subscriber connections of a
 * bridge. A URL or options give two new connections, both owned. A user's `Redis` or `Cluster` is
 * used as the publisher as it is and duplicated for the subscriber; only the duplicate is owned. A
 * Cluster's duplicate opens one subscriber connection per master (`shardedSubscribers`) so that the
 * bridge's channel is served by the one node that holds its slot.
 * ioredis is loaded here, on first use, so that an application without `cache.redis` needs no ioredis.
 *
 * @example
 * ```ts
 * const { publisher, subscriber, owned } = await openBridgeConnections('redis://127.0.0.1:6379');
 * await Promise.all(owned.map((connection) => connection.connect()));
 * ```
 */
export async function openBridgeConnections(source: RedisSource): Promise<BridgeConnections> {
  if (isRedisConnection(source)) {
    const subscriber = isCluster(source)
      ? source.duplicate(undefined, {
        lazyConnect: true, enableOfflineQueue: false, shardedSubscribers: true,
        redisOptions: { ...source.options.redisOptions, autoResubscribe: false, disconnectTimeout: BRIDGE_OVERRIDES.disconnectTimeout },
      })
      : source.duplicate(BRIDGE_OVERRIDES);
    return { publisher: source, subscriber, owned: [subscriber], sharded: isCluster(source) };
  }
  const ioredis = await import('ioredis');
  const create = (): Redis =>
    typeof source === 'string'
      ? new ioredis.Redis(source, { ...BRIDGE_DEFAULTS, ...BRIDGE_OVERRIDES })
      : new ioredis.Redis({ ...BRIDGE_DEFAULTS, ...source, ...BRIDGE_OVERRIDES });
  const publisher = create();
  const subscriber = create();
  return { publisher, subscriber, owned: [publisher, subscriber], sharded: false };
}
