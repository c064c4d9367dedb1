import { DEFAULT_RETRY } from '../appwrite/read-retry.js';
import { DEFAULT_TIMEOUT_MS } from '../appwrite/request-deadline.js';

/**
 * Every default of the ORM's settings, in one place: the config schema fills them in from here, and the
 * documentation's `@default`s name these values.
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
  }),
  migrate: Object.freeze({ dropIndexes: false, allowDestructive: false, concurrency: 8, timeoutMs: 60_000 }),
  retry: DEFAULT_RETRY,
  timeoutMs: DEFAULT_TIMEOUT_MS,
});
