export { QueryCache } from './query-cache.js';
export type { QueryCacheOptions, CacheReadRequest } from './query-cache-options.js';
export { cacheKey, type CacheKeyParts } from './cache-key.js';
export type { CacheEventMap, CacheEventName, CacheListener, InvalidationOrigin } from './cache-events.js';
export type { CacheStats, CacheStatsSnapshot } from './cache-stats.js';
export { deepFreeze, type DeepReadonly } from './deep-freeze.js';
export {
  CacheContext,
  currentCacheContext,
  runInCacheContext,
  type CacheOutcome,
  type CacheRead,
  type CacheStatus,
} from './request-context.js';
