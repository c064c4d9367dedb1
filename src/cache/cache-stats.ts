import { getOrCreate } from './get-or-create.js';

/**
 * Cache figures for one table or for all of them.
 *
 * @example
 * ```ts
 * const { hits, misses, hitRate }: CacheStats = cache.stats().total;
 * ```
 */
export interface CacheStats {
  /** Reads answered from the cache. */
  readonly hits: number;
  /** Reads not answered from the cache (coalesced ones included); `cache: false` reads are not counted. */
  readonly misses: number;
  /** `hits / (hits + misses)`, 0 before any read. */
  readonly hitRate: number;
  /** Misses that joined a load already in flight instead of starting one. */
  readonly coalesced: number;
  /** Invalidations (writes settled, explicit, bridged, webhook, resync). */
  readonly invalidations: number;
  /** Entries dropped to respect `maxEntries` or `maxBytes`. */
  readonly evictions: number;
  /** Entries held now (expired entries count until they are next touched). */
  readonly entries: number;
  /** Estimated bytes held now. */
  readonly bytes: number;
}

/**
 * Figures in total and per table id.
 *
 * @example
 * ```ts
 * const snapshot: CacheStatsSnapshot = cache.stats();
 * for (const [table, stats] of Object.entries(snapshot.tables)) console.log(table, stats.entries, stats.bytes);
 * ```
 */
export interface CacheStatsSnapshot {
  readonly total: CacheStats;
  readonly tables: Readonly<Record<string, CacheStats>>;
}

/**
 * Mutable counters of one table. Cache entries keep a reference to their table's counters so that a hit
 * counts itself without a lookup.
 *
 * @example
 * ```ts
 * const counters = new TableCounters();
 * counters.hits++;
 * counters.snapshot().hitRate; // 1
 * ```
 */
export class TableCounters {
  hits = 0;
  misses = 0;
  coalesced = 0;
  invalidations = 0;
  evictions = 0;
  entries = 0;
  bytes = 0;

  /** An immutable copy with the hit rate computed. */
  snapshot(): CacheStats {
    return toStats(this);
  }
}

const newCounters = (): TableCounters => new TableCounters();

/**
 * Counters of every table, created on first use, with totals computed when a snapshot is taken.
 *
 * @example
 * ```ts
 * const stats = new CacheStatsRegistry();
 * stats.of('products').misses++;
 * stats.snapshot().total.misses; // 1
 * ```
 */
export class CacheStatsRegistry {
  readonly #tables = new Map<string, TableCounters>();

  /** The counters of `table`, created at zero if the table is new. */
  of(table: string): TableCounters {
    return getOrCreate(this.#tables, table, newCounters);
  }

  /** Totals and per-table figures at this instant. */
  snapshot(): CacheStatsSnapshot {
    const total = new TableCounters();
    // Prototype-free: table names can come from outside (bridge messages, webhooks), `__proto__` included.
    const tables = Object.create(null) as Record<string, CacheStats>;
    for (const [table, counters] of this.#tables) {
      tables[table] = counters.snapshot();
      total.hits += counters.hits;
      total.misses += counters.misses;
      total.coalesced += counters.coalesced;
      total.invalidations += counters.invalidations;
      total.evictions += counters.evictions;
      total.entries += counters.entries;
      total.bytes += counters.bytes;
    }
    return { total: total.snapshot(), tables };
  }
}

function toStats(counters: TableCounters): CacheStats {
  const reads = counters.hits + counters.misses;
  return {
    hits: counters.hits,
    misses: counters.misses,
    hitRate: reads === 0 ? 0 : counters.hits / reads,
    coalesced: counters.coalesced,
    invalidations: counters.invalidations,
    evictions: counters.evictions,
    entries: counters.entries,
    bytes: counters.bytes,
  };
}
