import { randomUUID } from 'node:crypto';
import { defaultBridgeChannel } from './bridge-channel.js';
import type { RedisSource } from '../redis/redis-source.js';
import { RedisBridge, type BridgeCache, type BridgeLogger } from './redis-bridge.js';

/** The part of the resolved server configuration that decides whether and how a bridge runs. */
export interface BridgeSettings {
  readonly projectId: string;
  readonly databaseId: string;
  readonly cache: false | { readonly redis?: RedisSource; readonly channel?: string; readonly instanceId?: string };
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
export function attachRedisBridge(cache: BridgeCache, config: BridgeSettings, logger: BridgeLogger, tables?: Iterable<string>,
  accepts?: (table: string) => boolean): RedisBridge | undefined {
  if (config.cache === false || config.cache.redis === undefined) return undefined;
  const bridge = new RedisBridge({
    cache,
    redis: config.cache.redis,
    channel: config.cache.channel ?? defaultBridgeChannel(config.projectId, config.databaseId),
    instanceId: config.cache.instanceId ?? randomUUID(),
    databaseId: config.databaseId,
    logger,
    ...(tables === undefined ? {} : { tables }),
    ...(accepts === undefined ? {} : { accepts }),
  });
  // start() never rejects: with Redis down it warns once and ioredis keeps retrying.
  void bridge.start();
  return bridge;
}
