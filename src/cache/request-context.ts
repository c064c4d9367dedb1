import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How the cache answered one read: from the cache, by loading it, or by loading without the cache.
 *
 * @example
 * ```ts
 * const loaded = context.reads.filter((read) => read.outcome === 'miss').length;
 * ```
 */
export type CacheOutcome = 'hit' | 'miss' | 'bypass' | 'stale';

/**
 * The cache tier that answered a read: `'l1'` this process's memory, `'l2'` the shared tier in Redis.
 *
 * @example
 * ```ts
 * const tier: CacheTier = 'l2';
 * res.setHeader('X-Cache-Tier', tier);
 * ```
 */
export type CacheTier = 'l1' | 'l2';

/**
 * One read recorded in a cache context.
 *
 * @example
 * ```ts
 * const tables = new Set(context.reads.map((read: CacheRead) => read.table));
 * ```
 */
export interface CacheRead {
  readonly table: string;
  readonly outcome: CacheOutcome;
  /** `'l2'` when the shared tier (Redis) answered the read (a hit or a stale stand-in); left out otherwise. */
  readonly tier?: 'l2';
}

/**
 * Summary of a context's reads, as the `X-Cache-Status` header reports it.
 *
 * @example
 * ```ts
 * const status: CacheStatus = 'MISS';
 * res.setHeader('X-Cache-Status', status);
 * ```
 */
export type CacheStatus = 'HIT' | 'MISS' | 'BYPASS' | 'STALE';

/**
 * The reads made within one `runInCacheContext` call (an HTTP request, a warm task), with their outcome.
 *
 * @example
 * ```ts
 * await runInCacheContext(async (context) => {
 *   await products.find([]);
 *   context.status(); // 'MISS' the first time, 'HIT' after
 * });
 * ```
 */
export class CacheContext {
  /** Reads answered from the cache, either tier (those of the shared tier are also counted in `l2Hits`). */
  hits = 0;
  /** Hits answered by the shared tier (Redis) after missing this process's memory; also counted in `hits`. */
  l2Hits = 0;
  /** Reads that went to Appwrite through the cache, including those that joined a load in flight. */
  misses = 0;
  /** Reads that skipped the cache (`cache: false`, or the cache disabled). */
  bypasses = 0;
  /** Reads answered with an expired entry because Appwrite failed (`cache.grace`); also counted in `misses`. */
  stale = 0;
  // Parallel arrays rather than one object per read keep recording a hit free of allocation.
  readonly #tables: string[] = [];
  readonly #outcomes: CacheOutcome[] = [];
  /** Indexes of the reads the shared tier answered; empty unless it did. */
  readonly #fromL2 = new Set<number>();

  /** Records one read and returns its index, for {@link CacheContext.settle}. Called by the cache. */
  record(table: string, outcome: CacheOutcome): number {
    this.#tables.push(table);
    this.#outcomes.push(outcome);
    if (outcome === 'hit') this.hits++;
    else if (outcome === 'miss') this.misses++;
    else if (outcome === 'stale') this.stale++;
    else this.bypasses++;
    return this.#outcomes.length - 1;
  }

  /**
   * Tells how a read recorded as a `'miss'` was answered once its load settled: by the shared tier (`'hit'`,
   * tier `'l2'`), or by an expired entry standing in for a failed load (`'stale'`, from `tier`). Called by the
   * cache; a read that is not a recorded miss is left as it is.
   */
  settle(index: number, outcome: 'hit' | 'stale', tier: CacheTier): void {
    if (this.#outcomes[index] !== 'miss') return;
    this.#outcomes[index] = outcome;
    if (tier === 'l2') this.#fromL2.add(index);
    if (outcome === 'stale') {
      this.stale++;
      return;
    }
    this.misses--;
    this.hits++;
    this.l2Hits++;
  }

  /** Every read recorded so far, in order. */
  get reads(): readonly CacheRead[] {
    return this.#tables.map((table, index) => {
      const outcome = this.#outcomes[index] ?? 'bypass';
      return this.#fromL2.has(index) ? { table, outcome, tier: 'l2' } : { table, outcome };
    });
  }

  /**
   * The tiers that answered reads from the cache (hits and stale stand-ins), each once: `'l1'` before `'l2'`.
   * Empty when no read was answered from the cache.
   */
  tiers(): CacheTier[] {
    const tiers: CacheTier[] = [];
    const answered = this.#outcomes.reduce((count, outcome) => (outcome === 'hit' || outcome === 'stale' ? count + 1 : count), 0);
    if (answered > this.#fromL2.size) tiers.push('l1');
    if (this.#fromL2.size > 0) tiers.push('l2');
    return tiers;
  }

  /**
   * The request's aggregate status, by precedence: `'STALE'` when some read was answered with an expired entry
   * because Appwrite failed; else `'MISS'` when some read went to Appwrite (or skipped the cache next to cached
   * ones); else `'HIT'` when every read was answered from the cache, this process's memory or the shared tier;
   * `'BYPASS'` when there was no read or only reads that skipped the cache.
   */
  status(): CacheStatus {
    if (this.stale > 0) return 'STALE';
    if (this.hits === 0) return this.misses === 0 ? 'BYPASS' : 'MISS';
    return this.misses === 0 && this.bypasses === 0 ? 'HIT' : 'MISS';
  }
}

const storage = new AsyncLocalStorage<CacheContext>();

/**
 * Runs `fn` in a new cache context that follows its asynchronous continuations, and returns what `fn` returns.
 * The context is also passed to `fn`.
 *
 * @example
 * ```ts
 * app.use((req, res, next) => runInCacheContext((context) => {
 *   res.on('finish', () => metrics.observe(context.status()));
 *   next();
 * }));
 * ```
 */
export function runInCacheContext<R>(fn: (context: CacheContext) => R): R {
  const context = new CacheContext();
  return storage.run(context, fn, context);
}

/**
 * The cache context of the running asynchronous flow, or `undefined` outside `runInCacheContext`.
 *
 * @example
 * ```ts
 * await runInCacheContext(async () => {
 *   await products.get('p1');
 *   currentCacheContext()?.reads; // [{ table: 'products', outcome: 'miss' }]
 * });
 * ```
 */
export function currentCacheContext(): CacheContext | undefined {
  return storage.getStore();
}
