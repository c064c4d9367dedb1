import type { CacheTier } from './request-context.js';

/**
 * Where an invalidation comes from. `'local'`: a write or an explicit call in this process (the Redis bridge
 * publishes these); `'remote'`: received from another instance through the bridge (never re-published);
 * `'webhook'`: an Appwrite webhook; `'resync'`: a bridge reconnect, when messages may have been missed.
 *
 * @example
 * ```ts
 * cache.on('invalidate', ({ table, origin }) => { if (origin === 'local') publish(table); });
 * ```
 */
export type InvalidationOrigin = 'local' | 'remote' | 'webhook' | 'resync';

/**
 * Payload of each cache event.
 *
 * @example
 * ```ts
 * const onMiss = (event: CacheEventMap['miss']) => metrics.increment('cache.miss', { table: event.table });
 * ```
 */
export interface CacheEventMap {
  /** A read answered from the cache. */
  hit: { readonly table: string; readonly key: string };
  /** A read not in the cache; `coalesced` when it joined a load already in flight. */
  miss: { readonly table: string; readonly key: string; readonly coalesced: boolean };
  /**
   * A load that missed this process's memory was answered by the shared tier (Redis) instead of Appwrite.
   * Follows the `miss` event of the read that started the load; once per load, whatever joined it.
   */
  l2Hit: { readonly table: string; readonly key: string };
  /** A table's entries were dropped and its generation bumped; `all` when it is part of `invalidateAll()`. */
  invalidate: { readonly table: string; readonly origin: InvalidationOrigin; readonly all?: boolean };
  /** `invalidateAll()` ran (after the `invalidate` event of each table it knew); the Redis bridge announces it as one message. */
  invalidateAll: { readonly origin: InvalidationOrigin };
  /** An entry was dropped to respect `maxEntries` or `maxBytes`. */
  evict: { readonly table: string; readonly key: string };
  /**
   * Appwrite failed, and an entry past its TTL but within `grace` was returned instead; `tier` tells whether it
   * came from this process's memory (`'l1'`) or from the shared tier (`'l2'`).
   */
  stale: { readonly table: string; readonly key: string; readonly error: unknown; readonly tier: CacheTier };
}

/**
 * Name of a cache event.
 *
 * @example
 * ```ts
 * const watched: CacheEventName[] = ['hit', 'miss'];
 * ```
 */
export type CacheEventName = keyof CacheEventMap;

/**
 * Listener of one cache event.
 *
 * @example
 * ```ts
 * const onEvict: CacheListener<'evict'> = ({ table, key }) => log.debug(`evicted ${key} of ${table}`);
 * ```
 */
export type CacheListener<E extends CacheEventName> = (payload: CacheEventMap[E]) => void;

type ListenerSets = { readonly [E in CacheEventName]: Set<CacheListener<E>> };

/**
 * Typed, synchronous event emitter for the cache. A listener that throws is reported as a process warning
 * and never breaks the cache operation that emitted the event.
 *
 * @example
 * ```ts
 * const events = new CacheEvents();
 * events.on('invalidate', ({ table, origin }) => console.log(`${table} invalidated (${origin})`));
 * events.emit('invalidate', { table: 'products', origin: 'local' });
 * ```
 */
export class CacheEvents {
  readonly #listeners: ListenerSets = { hit: new Set(), miss: new Set(), l2Hit: new Set(), invalidate: new Set(), invalidateAll: new Set(), evict: new Set(), stale: new Set() };

  /** Adds `listener` for `event`. Adding the same function twice keeps one. */
  on<E extends CacheEventName>(event: E, listener: CacheListener<E>): void {
    (this.#listeners[event] as Set<CacheListener<E>>).add(listener);
  }

  /** Removes `listener` from `event`. */
  off<E extends CacheEventName>(event: E, listener: CacheListener<E>): void {
    (this.#listeners[event] as Set<CacheListener<E>>).delete(listener);
  }

  /** True when `event` has at least one listener; lets hot paths skip building a payload. */
  has(event: CacheEventName): boolean {
    return this.#listeners[event].size > 0;
  }

  /** Calls every listener of `event` with `payload`. */
  emit<E extends CacheEventName>(event: E, payload: CacheEventMap[E]): void {
    for (const listener of this.#listeners[event] as Set<CacheListener<E>>) {
      try {
        listener(payload);
      } catch (error) {
        // A metrics or logging listener must not fail a read or leave an invalidation half done.
        process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'CacheListenerWarning');
      }
    }
  }
}
