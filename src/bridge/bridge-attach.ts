import type { RedisSource } from '../redis/redis-source.js';
import { RedisBridge, type BridgeCache, type BridgeLogger, type RedisBridgeOptions } from './redis-bridge.js';

/**
 * The bridge's part of the resolved `cache` settings (`ResolvedConfig['cache']` extends it): Redis, when
 * set, and the channel and instance id, which `resolveConfig` always fills in.
 *
 * @example
 * ```ts
 * const settings: BridgeSettings = { redis: 'redis://127.0.0.1:6379', channel: 'appwrite-orm:shop:main:invalidate', instanceId: 'web-1' };
 * ```
 */
export interface BridgeSettings extends Pick<RedisBridgeOptions, 'channel' | 'instanceId'> {
  /** Without it there is no bridge. */
  readonly redis?: RedisSource;
}

/**
 * Creates and starts the Redis invalidation bridge of a database when `cache.redis` is set; returns
 * `undefined` otherwise. Messages naming a table outside `tables` (the declared ids), unless `accepts` takes it, are ignored. It does not wait for Redis: messages to send wait until the publisher is
 * connected, and the first subscription drops whatever the cache filled before it. Stop it with
 * `closeListeners()` / `close()`.
 *
 * @example
 * ```ts
 * const bridge = attachRedisBridge(cache, resolvedConfig, resolvedConfig.logger, ['products', 'orders']);
 * // on shutdown
 * await bridge?.close();
 * ```
 */
export function attachRedisBridge(cache: BridgeCache, config: { readonly databaseId: string; readonly cache: false | BridgeSettings }, logger: BridgeLogger,
  tables?: Iterable<string>, accepts?: (table: string) => boolean): RedisBridge | undefined {
  if (config.cache === false || config.cache.redis === undefined) return undefined;
  const bridge = new RedisBridge({
    cache,
    redis: config.cache.redis,
    channel: config.cache.channel,
    instanceId: config.cache.instanceId,
    databaseId: config.databaseId,
    logger,
    ...(tables === undefined ? {} : { tables }),
    ...(accepts === undefined ? {} : { accepts }),
  });
  // start() never rejects: with Redis down it warns once and ioredis keeps retrying.
  void bridge.start();
  return bridge;
}
