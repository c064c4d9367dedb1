import type { RetryPolicy } from '../appwrite/read-retry.js';
import { DEFAULT_TIMEOUT_MS } from '../appwrite/request-deadline.js';
import { DEFAULT_GRACE_MS } from '../cache/cache-entries.js';
import { L2_STORE_DEFAULTS } from '../cache/l2/l2-store.js';
import { HISTORY_TABLE } from '../schema/migrations/history.js';
import { LOCK_TABLE } from '../schema/migrations/migration-lock.js';

/**
 * Every default of the ORM's settings, in one place: `resolveConfig`'s schema fills them in from here, and
 * the `@default`s of the settings' TSDoc and the Configuration page of the docs state these values (a test
 * compares them).
 *
 * @example
 * ```ts
 * const orm = new ServerORM({ endpoint, projectId, databaseId, apiKey, cache: { ttl: DEFAULTS.cache.ttl / 5 } });
 * ```
 */
export const DEFAULTS = Object.freeze({
  autoMigrate: false,
  cache: Object.freeze({
    /** 5 minutes. */
    ttl: 300_000,
    maxEntries: 10_000,
    /** 64 MiB. */
    maxBytes: 64 * 1024 * 1024,
    /** No expired entry stands in for a failed read. */
    grace: DEFAULT_GRACE_MS,
    /** No shared tier in Redis. */
    l2: false,
  }),
  /** The shared cache tier's settings when `cache.l2` is on; its TTL defaults to the cache's. */
  l2: Object.freeze({
    /** 1 MiB. */
    maxValueBytes: L2_STORE_DEFAULTS.maxValueBytes,
    compress: false,
    /** Deflate threshold of `compress: true`: 16 KiB. */
    compressAbove: 16 * 1024,
    timeout: L2_STORE_DEFAULTS.timeout,
  }),
  migrate: Object.freeze({ dropIndexes: false, allowDestructive: false, concurrency: 8, timeoutMs: 60_000, historyTable: HISTORY_TABLE, lockTable: LOCK_TABLE }),
  /** Retries of failed reads: 3 attempts in all, 100 ms base delay, 2 s at most between attempts. */
  retry: Object.freeze<RetryPolicy>({ attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 }),
  timeoutMs: DEFAULT_TIMEOUT_MS,
});
