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
  /** Reads answered from the cache. */
  hits = 0;
  /** Reads that loaded through the cache, including those that joined a load in flight. */
  misses = 0;
  /** Reads that skipped the cache (`cache: false`, or the cache disabled). */
  bypasses = 0;
  /** Reads answered with an expired entry because Appwrite failed (`cache.grace`); also counted in `misses`. */
  stale = 0;
  // Parallel arrays rather than one object per read keep recording a hit free of allocation.
  readonly #tables: string[] = [];
  readonly #outcomes: CacheOutcome[] = [];

  /** Records one read. Called by the cache. */
  record(table: string, outcome: CacheOutcome): void {
    this.#tables.push(table);
    this.#outcomes.push(outcome);
    if (outcome === 'hit') this.hits++;
    else if (outcome === 'miss') this.misses++;
    else if (outcome === 'stale') this.stale++;
    else this.bypasses++;
  }

  /** Every read recorded so far, in order. */
  get reads(): readonly CacheRead[] {
    return this.#tables.map((table, index) => ({ table, outcome: this.#outcomes[index] ?? 'bypass' }));
  }

  /**
   * `'HIT'` when every read was a hit, `'BYPASS'` when there was no read or only reads that skipped the cache,
   * `'STALE'` when some read was answered with an expired entry because Appwrite failed, `'MISS'` otherwise
   * (some read went to Appwrite).
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
