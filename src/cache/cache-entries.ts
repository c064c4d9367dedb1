import { LRUCache } from 'lru-cache';
import type { CacheEvents } from './cache-events.js';
import type { TableCounters } from './cache-stats.js';
import { getOrCreate } from './get-or-create.js';

/**
 * One stored result, with what its removal must update.
 *
 * @example
 * ```ts
 * const entry = entries.get(key);
 * if (entry !== undefined) entry.counters.hits++;
 * ```
 */
export interface CacheEntry {
  readonly value: unknown;
  readonly table: string;
  readonly size: number;
  /** Counters of the entry's table, so that a hit counts itself without a lookup. */
  readonly counters: TableCounters;
  /** Key set of the entry's table, so that an invalidation drops the table without scanning the LRU. */
  readonly keys: Set<string>;
  /** Key sets of the other tables the entry depends on (related rows loaded with it). */
  readonly related?: readonly Set<string>[];
  /** When the entry stops being fresh (clock time); it is kept `grace` ms longer for {@link CacheEntries.stale}. */
  readonly expiresAt: number;
}

const newKeySet = (): Set<string> => new Set();

/** Grace period unless the settings give one, in ms: no expired entry stands in for a failed read. */
export const DEFAULT_GRACE_MS = 0;

/**
 * Bounds and time source of {@link CacheEntries}.
 *
 * @example
 * ```ts
 * new CacheEntries({ maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, clock: fakeClock, events });
 * ```
 */
export interface CacheEntriesOptions {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly clock?: { now(): number };
  /** How long past its TTL an entry is kept to stand in when a load fails, in ms. @default 0 */
  readonly grace?: number;
  /** Where `evict` is emitted. */
  readonly events: CacheEvents;
}

/**
 * The bounded LRU of stored results, with per-table key sets and per-table entry and byte accounting kept
 * exact through every removal (eviction, expiry, deletion, replacement).
 *
 * @example
 * ```ts
 * const entries = new CacheEntries({ maxEntries: 100, maxBytes: 1_000_000, events: new CacheEvents() });
 * entries.set('key|products|get|', 'products', row, estimateEntrySize('key|products|get|', row), 60_000, stats.of('products'));
 * entries.get('key|products|get|')?.value; // row
 * entries.deleteTable('products');
 * ```
 */
export class CacheEntries {
  readonly #lru: LRUCache<string, CacheEntry>;
  readonly #maxBytes: number;
  readonly #events: CacheEvents;
  readonly #keysByTable = new Map<string, Set<string>>();
  readonly #grace: number;
  readonly #clock: { now(): number };

  constructor(options: CacheEntriesOptions) {
    this.#maxBytes = options.maxBytes;
    this.#events = options.events;
    this.#grace = options.grace ?? DEFAULT_GRACE_MS;
    const clock = options.clock;
    this.#clock = clock ?? performance;
    this.#lru = new LRUCache<string, CacheEntry>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      disposeAfter: (entry, key, reason) => this.#dropped(entry, key, reason),
      // lru-cache takes a start time of 0 to mean "no TTL", so an injected clock starting at 0 is shifted by
      // one; and it memoises the time for 1 ms of real time, which an injected clock must not be subject to.
      ...(clock === undefined ? {} : { perf: { now: () => clock.now() + 1 }, ttlResolution: 0 }),
    });
  }

  /** The live entry for `key`; an expired one is removed (or, within the grace period, kept) and `undefined` returned. */
  get(key: string): CacheEntry | undefined {
    const entry = this.#lru.get(key);
    if (this.#grace === 0 || entry === undefined) return entry;
    return this.#clock.now() < entry.expiresAt ? entry : undefined;
  }

  /** The entry for `key` when it is past its TTL but within the grace period; `undefined` otherwise. */
  stale(key: string): CacheEntry | undefined {
    if (this.#grace === 0) return undefined;
    const entry = this.#lru.get(key);
    return entry !== undefined && this.#clock.now() >= entry.expiresAt ? entry : undefined;
  }

  /**
   * Stores `value`, whose estimated size (`estimateEntrySize`) is `size` bytes, for `ttl` milliseconds
   * (`Infinity`: no expiry). Stores nothing when `ttl` is not positive or `size` exceeds `maxBytes`.
   */
  set(key: string, table: string, value: unknown, size: number, ttl: number, counters: TableCounters, dependsOn?: readonly string[]): void {
    if (!(ttl > 0) || size > this.#maxBytes) return;
    const keys = this.#keysOf(table);
    const related = dependsOn?.filter((other) => other !== table).map((other) => this.#keysOf(other));
    const expiresAt = this.#grace === 0 || ttl === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : this.#clock.now() + ttl;
    const entry: CacheEntry = related === undefined || related.length === 0 ? { value, table, size, counters, keys, expiresAt } : { value, table, size, counters, keys, related, expiresAt };
    this.#lru.set(key, entry, { ttl: ttl === Number.POSITIVE_INFINITY ? 0 : ttl + this.#grace, size });
    keys.add(key);
    if (entry.related !== undefined) for (const set of entry.related) set.add(key);
    counters.entries++;
    counters.bytes += size;
  }

  #keysOf(table: string): Set<string> {
    return getOrCreate(this.#keysByTable, table, newKeySet);
  }

  /** Removes every entry of `table`, and every entry that loaded rows of it. */
  deleteTable(table: string): void {
    const keys = this.#keysByTable.get(table);
    if (keys !== undefined) for (const key of [...keys]) this.#lru.delete(key);
  }

  /** Removes every entry. */
  clear(): void {
    this.#lru.clear();
  }

  #dropped(entry: CacheEntry, key: string, reason: LRUCache.DisposeReason): void {
    entry.keys.delete(key);
    if (entry.related !== undefined) for (const set of entry.related) set.delete(key);
    entry.counters.entries--;
    entry.counters.bytes -= entry.size;
    if (reason !== 'evict') return;
    entry.counters.evictions++;
    if (this.#events.has('evict')) this.#events.emit('evict', { table: entry.table, key });
  }
}
