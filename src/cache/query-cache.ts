import { CacheEntries, DEFAULT_GRACE_MS } from './cache-entries.js';
import { cacheKey } from './cache-key.js';
import { CacheEvents, type CacheEventName, type CacheListener, type InvalidationOrigin } from './cache-events.js';
import { CacheStatsRegistry, type CacheStatsSnapshot, type TableCounters } from './cache-stats.js';
import { deepFreeze } from './deep-freeze.js';
import { assertQueryCacheOptions, type CacheReadRequest, type QueryCacheOptions } from './query-cache-options.js';
import { currentOperation } from './operation-record.js';
import { currentCacheContext, type CacheTier } from './request-context.js';
import { SingleFlight, type Flight } from './single-flight.js';
import { entrySize, freezeAndMeasure } from './size-estimate.js';
import { effectiveTtl } from './ttl-precedence.js';
import { TableGenerations, type TableGeneration } from './table-generations.js';
import { invalidateShared, type SharedTier } from './l2/shared-tier.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import type { L2Generations } from './l2/l2-store.js';

export type { CacheReadRequest, QueryCacheOptions } from './query-cache-options.js';

/**
 * The in-process query cache: one bounded LRU of read results keyed by identity, table, operation and
 * queries, with per-table generations so that no read overlapping a write or an invalidation is stored,
 * single-flight loads, deep-frozen values, stats, events, and a per-request record of outcomes.
 *
 * @example
 * ```ts
 * const cache = new QueryCache({ ttl: 300_000, maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, enabled: true });
 * const request = { scope: 'key', table: 'products', operation: 'list', queries: [] };
 * const rows = await cache.read(request, () => tablesDB.listRows({ databaseId, tableId: 'products' }));
 * const settle = cache.beginWrite('products');
 * try { await tablesDB.createRow({ databaseId, tableId: 'products', rowId, data }); } finally { settle(); }
 * ```
 */
export class QueryCache {
  readonly #enabled: boolean;
  readonly #ttl: number;
  readonly #grace: number;
  readonly #generations = new TableGenerations();
  readonly #stats = new CacheStatsRegistry();
  readonly #flights = new SingleFlight();
  readonly #events = new CacheEvents();
  readonly #entries: CacheEntries;
  #tier: SharedTier | undefined;
  #tierTables: readonly string[] = [];
  /** Bumps of the shared tier's generations not yet answered by Redis, per table. */
  readonly #tierBumps = new Map<string, Promise<void>>();

  constructor(options: QueryCacheOptions) {
    assertQueryCacheOptions(options);
    this.#enabled = options.enabled;
    this.#ttl = options.ttl;
    this.#grace = options.grace ?? DEFAULT_GRACE_MS;
    this.#entries = new CacheEntries({ ...options, events: this.#events });
  }

  /**
   * Puts a shared second tier (Redis) behind this cache: a miss looks there before calling its loader, a
   * loaded result is written there too, and invalidations move the tier's generations. `tables` are the
   * declared table ids, all of which `invalidateAll()` bumps in the tier even if this instance never read them.
   *
   * @example
   * ```ts
   * cache.useSharedTier(await openL2Store('redis://127.0.0.1:6379', { databaseId: 'main' }), ['products']);
   * ```
   */
  useSharedTier(tier: SharedTier, tables: readonly string[] = []): void {
    this.#tier = tier;
    this.#tierTables = tables;
  }

  /**
   * Returns the cached result of `request`, or calls `load`, deep-freezes its result, stores it and returns
   * it. Concurrent identical misses share one `load`. A `null` or `undefined` result is cached like any other;
   * an error is passed on and never cached.
   *
   * @example
   * ```ts
   * const row = await cache.read({ scope: 'key', table: 'products', operation: 'get', queries: [idQuery] },
   *   () => getRowOrNull('p1'));
   * ```
   */
  read<T>(request: CacheReadRequest, load: () => Promise<T>): Promise<T> {
    if (!this.#enabled || request.cache === false) return this.#bypass(request.table, load);
    const key = request.key ?? cacheKey(request);
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      entry.counters.hits++;
      const context = currentCacheContext();
      if (context !== undefined) context.record(request.table, 'hit');
      const operation = currentOperation();
      if (operation !== undefined) operation.hits++;
      if (this.#events.has('hit')) this.#events.emit('hit', { table: request.table, key });
      return Promise.resolve(entry.value as T);
    }
    return this.#miss(key, request, load);
  }

  /**
   * Marks the start of a write to `table`: bumps its generation now and returns `settle`, to call once when
   * the write resolves or fails. `settle` invalidates the table (origin `'local'`); calling it again does nothing.
   *
   * @example
   * ```ts
   * const settle = cache.beginWrite('products');
   * try { return await tablesDB.updateRow(params); } finally { settle(); }
   * ```
   */
  beginWrite(table: string): () => void {
    // Bumping at the start as well keeps reads that begin during the write from joining a load started
    // before it; settling bumps again because the write's outcome is only known (or given up on) then.
    this.#generations.of(table).bump();
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      this.invalidate(table, 'local');
    };
  }

  /**
   * Drops every entry of `table`, bumps its generation (loads in flight will not be stored), marks it not
   * updated and emits `invalidate` with `origin`.
   *
   * @example
   * ```ts
   * bridge.onMessage(({ table }) => cache.invalidate(table, 'remote'));
   * ```
   */
  invalidate(table: string, origin: InvalidationOrigin = 'local'): void {
    this.#invalidate(table, origin, false);
  }

  /**
   * Invalidates every table the cache has seen, each with its own `invalidate` event (marked `all`), then
   * emits one `invalidateAll` event: the Redis bridge announces that as a single "every table" message.
   *
   * @example
   * ```ts
   * subscriber.on('reconnect', () => cache.invalidateAll('resync'));
   * ```
   */
  invalidateAll(origin: InvalidationOrigin = 'local'): void {
    for (const table of [...this.#generations.tables()]) this.#invalidate(table, origin, true);
    const tier = this.#tier;
    if (tier !== undefined) {
      if (origin === 'local' || origin === 'webhook') for (const table of this.#tierTables) if (this.#generations.peek(table) === undefined) this.#trackBump(table, tier.bump(table));
      // Every table, also those this instance never read: another instance may have changed any of them.
      if (origin === 'resync' || origin === 'remote') tier.resync();
    }
    this.#events.emit('invalidateAll', { origin });
  }

  /**
   * Settles once Redis has answered the shared tier's bumps of `table` (`'*'`: of every table) made so far;
   * `undefined` when none is waiting. The Redis bridge announces an invalidation only then, so that an
   * instance reading the generation on receipt never finds the value from before the change.
   *
   * @example
   * ```ts
   * await cache.sharedTierSettled('products');
   * ```
   */
  sharedTierSettled(table: string): Promise<void> | undefined {
    if (table !== '*') return this.#tierBumps.get(table);
    return this.#tierBumps.size === 0 ? undefined : Promise.all(this.#tierBumps.values()).then(() => undefined);
  }

  #trackBump(table: string, bump: Promise<void> | undefined): void {
    if (bump === undefined) return;
    const previous = this.#tierBumps.get(table);
    const settled = previous === undefined ? bump : Promise.all([previous, bump]).then(() => undefined);
    this.#tierBumps.set(table, settled);
    void settled.finally(() => {
      if (this.#tierBumps.get(table) === settled) this.#tierBumps.delete(table);
    });
  }

  #invalidate(table: string, origin: InvalidationOrigin, all: boolean): void {
    const state = this.#generations.of(table);
    state.bump();
    state.updated = false;
    this.#entries.deleteTable(table);
    if (this.#tier !== undefined) this.#trackBump(table, invalidateShared(this.#tier, table, origin));
    this.#stats.of(table).invalidations++;
    this.#events.emit('invalidate', all ? { table, origin, all } : { table, origin });
  }

  /**
   * True when `table` has been read since its last invalidation (a hit, or a miss whose result was current).
   *
   * @example
   * ```ts
   * await products.all();
   * cache.isUpdated('products'); // true
   * ```
   */
  isUpdated(table: string): boolean {
    return this.#generations.peek(table)?.updated ?? false;
  }

  /**
   * `true` marks `table` fresh without reading it; `false` invalidates it (origin `'local'`).
   *
   * @example
   * ```ts
   * cache.setUpdated('products', false); // entries dropped, isUpdated('products') === false
   * ```
   */
  setUpdated(table: string, flag: boolean): void {
    if (flag) this.#generations.of(table).updated = true;
    else this.invalidate(table, 'local');
  }

  /**
   * Hits, misses, hit rate, coalesced misses, invalidations, evictions, entries and bytes, in total and per table.
   *
   * @example
   * ```ts
   * const { total, tables } = cache.stats();
   * console.log(total.hitRate, tables.products?.entries);
   * ```
   */
  stats(): CacheStatsSnapshot {
    return this.#stats.snapshot();
  }

  /**
   * Subscribes to `'hit'`, `'miss'`, `'l2Hit'`, `'stale'`, `'invalidate'`, `'invalidateAll'` or `'evict'`.
   *
   * @example
   * ```ts
   * cache.on('invalidate', ({ table, origin }) => { if (origin === 'local') bridge.publish(table); });
   * ```
   */
  on<E extends CacheEventName>(event: E, listener: CacheListener<E>): void {
    this.#events.on(event, listener);
  }

  /**
   * Removes a listener added with {@link QueryCache.on}.
   *
   * @example
   * ```ts
   * cache.off('invalidate', onInvalidate);
   * ```
   */
  off<E extends CacheEventName>(event: E, listener: CacheListener<E>): void {
    this.#events.off(event, listener);
  }

  /**
   * Drops every entry and marks every table not updated, without emitting `invalidate` or counting
   * invalidations. Stats counters are kept.
   *
   * @example
   * ```ts
   * await db.closeListeners(); // stops the bridge, then clears the cache
   * ```
   */
  clear(): void {
    for (const table of this.#generations.tables()) {
      const state = this.#generations.of(table);
      // Loads in flight started before the clear; bumping keeps them from refilling it.
      state.bump();
      state.updated = false;
    }
    this.#entries.clear();
  }

  #miss<T>(key: string, request: CacheReadRequest, load: () => Promise<T>): Promise<T> {
    const table = request.table;
    const state = this.#generations.of(table);
    const counters = this.#stats.of(table);
    counters.misses++;
    const context = currentCacheContext();
    const slot = context?.record(table, 'miss');
    const operation = currentOperation();
    if (operation !== undefined) operation.misses++;
    const joined = this.#flights.join(key, state.generation);
    if (joined !== undefined) counters.coalesced++;
    if (this.#events.has('miss')) this.#events.emit('miss', { table, key, coalesced: joined !== undefined });
    let flight = joined;
    if (flight === undefined) {
      // Registered before `load` is called, so a load that throws synchronously still finds its flight to release.
      flight = this.#flights.start(key, state.generation);
      const related = this.#relatedSnapshot(request);
      flight.promise = this.#load(key, request, state, counters, flight, load, related);
    }
    if ((context === undefined || slot === undefined) && operation === undefined) return flight.promise as Promise<T>;
    // The read is reported as what answered it, which is known once the load settles.
    const settled = flight;
    return settled.promise.then((value) => {
      const answer = settled.answer;
      if (answer !== undefined && context !== undefined && slot !== undefined) context.settle(slot, answer.outcome, answer.tier);
      // A read the shared tier answered never went to Appwrite: the operation reports it as a hit.
      if (answer?.outcome === 'hit' && operation !== undefined) {
        operation.misses--;
        operation.hits++;
      }
      return value as T;
    });
  }

  async #load<T>(
    key: string,
    request: CacheReadRequest,
    state: TableGeneration,
    counters: TableCounters,
    flight: Flight,
    load: () => Promise<T>,
    related: readonly (readonly [TableGeneration, number])[],
  ): Promise<T> {
    let value: T;
    let length: number;
    let shared: L2Generations | undefined;
    // A value found in the tier is kept in L1 no longer than it has left there.
    let sharedTtl = Infinity;
    try {
      if (this.#tier === undefined) value = await load();
      else {
        shared = await this.#tier.generations(request.table, request.dependsOn);
        const hit = shared === undefined ? undefined : await this.#tier.get(shared, key);
        if (hit === undefined) value = await load();
        else {
          // Written back nowhere but L1.
          shared = undefined;
          sharedTtl = hit.ttl;
          value = hit.value as T;
          flight.answer = { outcome: 'hit', tier: 'l2' };
          if (this.#events.has('l2Hit')) this.#events.emit('l2Hit', { table: request.table, key });
        }
      }
      // Freezing and sizing share one walk; sizing by JSON.stringify would walk the value again and build its
      // whole text, which cost more than the rest of a stored miss put together.
      length = freezeAndMeasure(value);
    } catch (error) {
      // Released in the same tick as the failure, so the next caller retries instead of sharing the error.
      this.#flights.release(key, flight);
      const stale = isTransient(error) ? await this.#stale(key, request.table, shared, state, flight) : undefined;
      if (stale === undefined) throw error;
      flight.answer = { outcome: 'stale', tier: stale.tier };
      if (this.#events.has('stale')) this.#events.emit('stale', { table: request.table, key, error, tier: stale.tier });
      return stale.value as T;
    }
    this.#flights.release(key, flight);
    // A load that started before a bump may predate the change behind it: its callers get it, the cache does not.
    // So may one that loaded related rows of a table written meanwhile.
    if (state.generation === flight.generation && related.every(([other, seen]) => other.generation === seen)) {
      state.updated = true;
      const ttl = Math.min(effectiveTtl(request.ttl, request.tableTtl, this.#ttl), sharedTtl);
      this.#entries.set(key, request.table, value, entrySize(key, length), ttl, counters, request.dependsOn);
      if (shared !== undefined && this.#tier !== undefined) void this.#tier.set(shared, key, value, Math.min(ttl, this.#tier.ttl ?? ttl), this.#grace);
    } else {
      const operation = currentOperation();
      if (operation !== undefined) operation.stale++;
    }
    return value;
  }

  /**
   * An expired entry that may stand in for a load that failed: this process's (an invalidation would have
   * removed it), else the shared tier's under the generations the load started with, provided no
   * invalidation of the table reached this instance since (an invalidated entry never comes back).
   */
  async #stale(key: string, table: string, shared: L2Generations | undefined, state: TableGeneration, flight: Flight): Promise<{ readonly value: unknown; readonly tier: CacheTier } | undefined> {
    const local = this.#entries.stale(key);
    if (local !== undefined) return { value: local.value, tier: 'l1' };
    if (shared === undefined || this.#tier === undefined || this.#grace === 0 || state.generation !== flight.generation) return undefined;
    const found = await this.#tier.stale(shared, key, this.#grace);
    // Checked again: an invalidation may have arrived while Redis answered.
    if (found === undefined || state.generation !== flight.generation) return undefined;
    return { value: deepFreeze(found.value), tier: 'l2' };
  }

  /** The generations, at the start of a load, of the other tables a read depends on. */
  #relatedSnapshot(request: CacheReadRequest): (readonly [TableGeneration, number])[] {
    const others = request.dependsOn;
    if (others === undefined) return [];
    return others.filter((other) => other !== request.table).map((other) => {
      const state = this.#generations.of(other);
      return [state, state.generation] as const;
    });
  }

  async #bypass<T>(table: string, load: () => Promise<T>): Promise<T> {
    currentCacheContext()?.record(table, 'bypass');
    const operation = currentOperation();
    if (operation !== undefined) operation.bypasses++;
    return deepFreeze(await load()) as T;
  }
}

/** An Appwrite failure worth retrying (5xx, 429, timeout, no connection): one that grace may cover. */
function isTransient(error: unknown): boolean {
  return error instanceof AppwriteError && error.retryable;
}
