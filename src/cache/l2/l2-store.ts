import type { Cluster, Redis } from 'ioredis';
import type { RedisConnection, RedisSource } from '../../redis/redis-source.js';
import { decodeL2Value, encodeL2Value } from './l2-codec.js';
import { openL2Connection } from './l2-connection.js';
import { L2GenerationMirror } from './l2-generation-mirror.js';
import { L2Keys } from './l2-keys.js';
import { L2Counters, type L2State, type L2Stats } from './l2-stats.js';
import type { SharedTier } from './shared-tier.js';

/** Settings of an {@link L2Store}, resolved by the caller. */
export interface L2StoreOptions {
  /** The database whose tables the entries belong to; part of every key. */
  readonly databaseId: string;
  /** Lifetime of entries in ms (a read's own TTL wins when shorter); `Infinity` leaves them to Redis' eviction. @default the cache's TTL */
  readonly ttl?: number;
  /** Start of every key, so that several applications can share one Redis. @default 'awo:' */
  readonly prefix?: string;
  /** A command Redis has not answered after this many ms is given up (the read goes on to Appwrite). @default 100 */
  readonly timeout?: number;
  /** After a timeout, Redis is left alone for this many ms. @default 1000 */
  readonly cooldown?: number;
  /** Encoded values larger than this are not written. @default 1 MiB */
  readonly maxValueBytes?: number;
  /** Values whose JSON is at least this many bytes are deflated. @default Infinity (never) */
  readonly compressAbove?: number;
  /** Told once per outage that the shared tier is unavailable, and when it is back. */
  readonly logger?: { warn(message: string): void; info?(message: string): void };
  /** Time source for the cooldown, in ms. For tests. @default Date */
  readonly clock?: { now(): number };
}

/**
 * The generations a read saw when it started: its own table's first, then the other tables it reads from.
 * Entries are looked up and written under them.
 */
export type L2Generations = readonly (readonly [table: string, generation: number])[];

/** Memory figures of the Redis behind the tier. */
export interface RedisMemoryInfo {
  /** `used_memory`, in bytes. */
  readonly usedMemory: number;
  /** `maxmemory`, in bytes (0: no limit). */
  readonly maxMemory: number;
  /** `evicted_keys` since Redis started. */
  readonly evictedKeys: number;
  /** Servers asked (the masters of a Cluster). */
  readonly nodes: number;
}

/** An entry found in Redis. */
export interface L2Hit {
  readonly value: unknown;
  /** Milliseconds it has left in Redis (`Infinity`: no expiry): a copy kept in memory must not outlive it. */
  readonly ttl: number;
}

/**
 * The values an {@link L2Store} uses for options left out. The server configuration's `l2` settings take
 * their `timeout` and `maxValueBytes` defaults from here, and give their own key prefix.
 */
export const L2_STORE_DEFAULTS = Object.freeze({
  prefix: 'awo:',
  timeout: 100,
  cooldown: 1_000,
  /** 1 MiB. */
  maxValueBytes: 1024 * 1024,
});

const FAILED: unique symbol = Symbol('failed');
const TIMED_OUT: unique symbol = Symbol('timed out');
const NO_TABLES: readonly string[] = [];

/**
 * The shared second tier of the query cache, in Redis (single node or Cluster). Entries are keyed under
 * per-table generation counters kept in Redis (`INCR` on invalidation; hash tag `{database:table}` puts
 * a table's counter and entries in one Cluster slot), so that a fill that raced an invalidation lands
 * under a generation nobody reads again. Entries expire with their TTL (`PX`).
 *
 * Redis is never in the way: every command is bounded by `timeout`, a timeout makes the store stand
 * aside for `cooldown`, and while Redis is down commands fail at once; every method then answers "miss"
 * or does nothing, and never rejects. A bump Redis did not acknowledge keeps the table out of the shared
 * tier on this instance until a retry succeeds; after a reconnect every generation is read again, so an
 * entry written before a missed invalidation is never served.
 *
 * @example
 * ```ts
 * const store = await openL2Store('redis://127.0.0.1:6379', { databaseId: 'main' });
 * const seen = await store.generations('products');
 * const hit = seen && await store.get(seen, 'key|products|list|');
 * if (hit === undefined && seen !== undefined) await store.set(seen, 'key|products|list|', rows, 60_000);
 * await store.bump('products'); // after a write: every entry of products is gone for every instance
 * await store.close();
 * ```
 */
export class L2Store implements SharedTier {
  /** Lifetime of entries in ms, when set (see {@link L2StoreOptions.ttl}). */
  readonly ttl: number | undefined;
  readonly #redis: RedisConnection;
  readonly #keys: L2Keys;
  readonly #mirror = new L2GenerationMirror();
  readonly #counters = new L2Counters();
  readonly #reads = new Map<string, Promise<number | undefined>>();
  readonly #timeout: number;
  readonly #cooldown: number;
  readonly #maxValueBytes: number;
  readonly #compressAbove: number;
  readonly #logger: L2StoreOptions['logger'];
  readonly #clock: { now(): number };
  #state: L2State = 'idle';
  #everReady = false;
  #outageWarned = false;
  #slowUntil = 0;
  #retrying: Promise<void> | undefined;

  constructor(redis: RedisConnection, options: L2StoreOptions) {
    this.#redis = redis;
    this.ttl = options.ttl;
    this.#keys = new L2Keys(options.prefix ?? L2_STORE_DEFAULTS.prefix, options.databaseId);
    this.#timeout = options.timeout ?? L2_STORE_DEFAULTS.timeout;
    this.#cooldown = options.cooldown ?? L2_STORE_DEFAULTS.cooldown;
    this.#maxValueBytes = options.maxValueBytes ?? L2_STORE_DEFAULTS.maxValueBytes;
    this.#compressAbove = options.compressAbove ?? Infinity;
    this.#logger = options.logger;
    this.#clock = options.clock ?? Date;
    redis.on('ready', () => this.#onReady());
    redis.on('close', () => this.#onDown('lost its connection to Redis'));
    redis.on('error', (error: Error) => this.#onDown(`cannot reach Redis (${error.message})`));
    if (this.#connectionReady()) this.#onReady();
  }

  /**
   * Connects, and resolves once Redis answers or the first attempt failed (ioredis keeps retrying in the
   * background), or after `wait` ms. Never rejects.
   *
   * @example
   * ```ts
   * await store.connect();
   * store.stats().state; // 'ready' when Redis answered
   * ```
   */
  async connect(wait = 2_000): Promise<void> {
    if (this.#redis.status !== 'wait') return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, wait)));
    await Promise.race([this.#redis.connect().catch(() => undefined), waited]);
    clearTimeout(timer);
    // A Cluster resolves connect() before it emits 'ready'.
    if (this.#connectionReady()) this.#onReady();
  }

  /**
   * The generations of `table` and of the other tables the read depends on, reading from Redis those this
   * instance does not know yet. `undefined` when the shared tier cannot be used for this read right now.
   *
   * @example
   * ```ts
   * const seen = await store.generations('posts', ['authors']); // [['posts', 12], ['authors', 40]]
   * ```
   */
  async generations(table: string, dependsOn: readonly string[] = NO_TABLES): Promise<L2Generations | undefined> {
    if (!this.#usable()) return this.#skip();
    const own = this.#generation(table);
    if (dependsOn.length === 0) {
      const generation = typeof own === 'number' ? own : await own;
      return generation === undefined ? this.#skip() : [[table, generation]];
    }
    const others = [...new Set(dependsOn)].filter((other) => other !== table).sort();
    const all = await Promise.all([own, ...others.map((other) => this.#generation(other))]);
    if (all.some((generation) => generation === undefined)) return this.#skip();
    return [table, ...others].map((name, index) => [name, all[index] as number] as const);
  }

  /**
   * The entry of `cacheKey` under `generations`, or `undefined` on a miss or when Redis cannot answer in time.
   *
   * @example
   * ```ts
   * const hit = await store.get(seen, key);
   * if (hit !== undefined) return hit.value;
   * ```
   */
  async get(generations: L2Generations, cacheKey: string): Promise<L2Hit | undefined> {
    const found = await this.#read(generations, cacheKey);
    if (found === undefined) return undefined;
    const table = ownTable(generations);
    // Redis expires keys by its own clock, and keeps them `grace` past their TTL: an entry past its time is a miss.
    if (found === null || !(found.ttl > 0)) return this.#missed(table);
    this.#counters.hits++;
    this.#counters.of(table).hits++;
    return found;
  }

  /**
   * The entry of `cacheKey` under `generations` when it is past its TTL by less than `grace` ms (kept that long
   * by {@link L2Store.set}), for a read whose load failed; `undefined` otherwise, and when a generation moved on
   * since (the table was invalidated: its old entries never come back). `ttl` is then 0 or less.
   *
   * @example
   * ```ts
   * const standIn = await store.stale(seen, key, 600_000);
   * ```
   */
  async stale(generations: L2Generations, cacheKey: string, grace: number): Promise<L2Hit | undefined> {
    if (!this.#current(generations)) return undefined;
    const found = await this.#read(generations, cacheKey);
    if (found === undefined || found === null || found.ttl > 0 || !(found.ttl + grace > 0) || !this.#current(generations)) return undefined;
    this.#counters.stale++;
    this.#counters.of(ownTable(generations)).stale++;
    return found;
  }

  /** The decoded entry (`null`: none), or `undefined` when Redis cannot answer or the bytes cannot be decoded. */
  async #read(generations: L2Generations, cacheKey: string): Promise<L2Hit | null | undefined> {
    if (!this.#usable()) return this.#skip();
    const table = ownTable(generations);
    const bytes = await this.#run(() => this.#redis.getBuffer(this.#keys.entry(table, generations, cacheKey)));
    if (bytes === FAILED) return undefined;
    if (bytes === null) return null;
    try {
      const { value, expiresAt } = await decodeL2Value(bytes);
      return { value, ttl: expiresAt - Date.now() };
    } catch {
      this.#counters.errors++;
      return undefined;
    }
  }

  /**
   * Writes `value` as the entry of `cacheKey` under `generations` for `ttl` ms (`Infinity`: until Redis
   * evicts it), kept in Redis `grace` ms longer as a stand-in for failed loads ({@link L2Store.stale}), unless a generation moved on since (the write would be dead), the value is too large, or
   * Redis is unavailable. Never rejects; callers need not wait for it.
   *
   * @example
   * ```ts
   * void store.set(seen, key, rows, 60_000);
   * ```
   */
  async set(generations: L2Generations, cacheKey: string, value: unknown, ttl: number, grace = 0): Promise<void> {
    if (!(ttl > 0)) return;
    if (!this.#usable()) return void this.#skip();
    if (!this.#current(generations)) return;
    let bytes: Buffer;
    try {
      bytes = await encodeL2Value(value, Date.now() + ttl, { compressAbove: this.#compressAbove });
    } catch {
      this.#counters.errors++;
      return;
    }
    if (bytes.length > this.#maxValueBytes) {
      this.#counters.tooLarge++;
      return;
    }
    const key = this.#keys.entry(ownTable(generations), generations, cacheKey);
    const written = await this.#run(() => (ttl === Infinity ? this.#redis.set(key, bytes) : this.#redis.set(key, bytes, 'PX', Math.ceil(ttl + grace))));
    if (written !== FAILED) this.#counters.writes++;
  }

  /**
   * Moves `table` to its next generation in Redis, so that no instance finds its current entries again.
   * Until Redis acknowledges it, this instance does not use the shared tier for `table`; an unacknowledged
   * bump is retried when Redis is back. Never rejects.
   *
   * @example
   * ```ts
   * await store.bump('products');
   * ```
   */
  async bump(table: string): Promise<void> {
    const token = this.#mirror.beginBump(table);
    if (!this.#usable()) return this.#mirror.finishBump(table, token, undefined);
    const key = this.#keys.generation(table);
    const replies = await this.#run(() => this.#redis.pipeline().set(key, seed(), 'NX').incr(key).exec());
    const generation = replies === FAILED ? undefined : numberReply(replies?.[1]);
    if (generation !== undefined) this.#counters.bumps++;
    this.#mirror.finishBump(table, token, generation);
  }

  /**
   * Drops this instance's copy of `table`'s generation, to be read from Redis again: call it when another
   * instance announces an invalidation of `table`. A value read then that has not moved past the copy (the
   * announcing instance's `INCR` is still on its way, or failed) is not used; this instance bumps it itself.
   *
   * @example
   * ```ts
   * bridge.onRemoteInvalidation((table) => store.forget(table));
   * ```
   */
  forget(table: string): void {
    this.#mirror.forget(table);
    // A read of the counter already on its way may predate the bump: later reads must not join it.
    this.#reads.delete(table);
  }

  /**
   * Drops this instance's copy of every generation, to be read from Redis again: call it when invalidations
   * may have been missed (the bridge reconnected). The store does it itself when its own connection comes back.
   *
   * @example
   * ```ts
   * bridge.onResync(() => store.resync());
   * ```
   */
  resync(): void {
    this.#counters.resyncs++;
    this.#mirror.forgetAll();
    this.#reads.clear();
  }

  /**
   * Hits, misses, errors, skipped reads, writes, bumps and resyncs, in total and per table, and the state.
   *
   * @example
   * ```ts
   * const { hits, misses, state } = store.stats();
   * ```
   */
  stats(): L2Stats {
    return this.#counters.snapshot(this.#usable() ? 'ready' : this.#state);
  }

  /**
   * Memory and evictions of the Redis behind the tier (summed over the masters of a Cluster), from `INFO`;
   * `undefined` when Redis cannot answer within the timeout.
   *
   * @example
   * ```ts
   * const info = await store.redisInfo(); // { usedMemory: 1048576, maxMemory: 0, evictedKeys: 0, nodes: 1 }
   * ```
   */
  async redisInfo(): Promise<RedisMemoryInfo | undefined> {
    if (!this.#usable()) return undefined;
    const nodes = this.#redis.isCluster ? (this.#redis as Cluster).nodes('master') : [this.#redis as Redis];
    const replies = await this.#run(() => Promise.all(nodes.map((node) => node.info('memory').then(async (memory) => memory + (await node.info('stats'))))));
    if (replies === FAILED) return undefined;
    const field = (text: string, name: string): number => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return {
      usedMemory: replies.reduce((sum, text) => sum + field(text, 'used_memory'), 0),
      maxMemory: replies.reduce((sum, text) => sum + field(text, 'maxmemory'), 0),
      evictedKeys: replies.reduce((sum, text) => sum + field(text, 'evicted_keys'), 0),
      nodes: replies.length,
    };
  }

  /**
   * Closes the store's connection; every later call answers "miss" or does nothing.
   *
   * @example
   * ```ts
   * await store.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#redis.disconnect();
    await Promise.resolve();
  }

  #generation(table: string): number | undefined | Promise<number | undefined> {
    const known = this.#mirror.known(table);
    if (known !== undefined) return known;
    if (this.#mirror.isDirty(table)) {
      void this.#retryBumps();
      return undefined;
    }
    let reading = this.#reads.get(table);
    if (reading === undefined) {
      const started = this.#readGeneration(table).finally(() => {
        if (this.#reads.get(table) === started) this.#reads.delete(table);
      });
      reading = started;
      this.#reads.set(table, reading);
    }
    return reading;
  }

  async #readGeneration(table: string): Promise<number | undefined> {
    const token = this.#mirror.beginRead(table);
    const key = this.#keys.generation(table);
    // A counter that does not exist (never bumped, evicted, lost with a Redis restart) starts from a value
    // taken from the clock, above any value it had before, so that no older entry can be named again.
    const replies = await this.#run(() => this.#redis.pipeline().set(key, seed(), 'NX').get(key).exec());
    const generation = replies === FAILED ? undefined : numberReply(replies?.[1]);
    if (generation === undefined) return undefined;
    if (!this.#mirror.finishRead(table, token, generation)) {
      // Another instance announced a bump Redis does not show (yet, or ever): bump it here, read it next time.
      void this.bump(table);
      return undefined;
    }
    // The copy may have been dropped meanwhile; this read still uses what it read, as it started before.
    return generation;
  }

  #current(generations: L2Generations): boolean {
    return generations.every(([table, generation]) => this.#mirror.known(table) === generation);
  }

  #retryBumps(): Promise<void> {
    this.#retrying ??= (async () => {
      for (const table of this.#mirror.dirtyTables()) await this.bump(table);
    })().finally(() => (this.#retrying = undefined));
    return this.#retrying;
  }

  async #run<T>(command: () => Promise<T>): Promise<T | typeof FAILED> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(resolve, this.#timeout, TIMED_OUT)));
    try {
      const result = await Promise.race([command(), deadline]);
      if (result !== TIMED_OUT) return result;
      this.#onTimeout();
      return FAILED;
    } catch (error) {
      this.#counters.errors++;
      if (error instanceof Error && /timed? ?out/i.test(error.message)) this.#onTimeout(false);
      return FAILED;
    } finally {
      clearTimeout(timer);
    }
  }

  #onTimeout(count = true): void {
    if (count) this.#counters.errors++;
    this.#counters.timeouts++;
    if (this.#state === 'ready') this.#state = 'slow';
    this.#slowUntil = this.#clock.now() + this.#cooldown;
  }

  #usable(): boolean {
    if (this.#state === 'ready') return true;
    if (this.#state !== 'slow' || this.#clock.now() < this.#slowUntil) return false;
    this.#state = 'ready';
    return true;
  }

  #missed(table: string): undefined {
    this.#counters.misses++;
    this.#counters.of(table).misses++;
    return undefined;
  }

  #skip(): undefined {
    this.#counters.skipped++;
    return undefined;
  }

  #connectionReady(): boolean {
    return this.#redis.status === 'ready';
  }

  #onReady(): void {
    if (this.#state === 'closed' || this.#state === 'ready') return;
    // Invalidations announced while this connection was away were missed: read every generation again.
    if (this.#everReady) this.resync();
    if (this.#outageWarned) this.#logger?.info?.('The shared cache tier in Redis is available again');
    this.#everReady = true;
    this.#outageWarned = false;
    this.#state = 'ready';
    void this.#retryBumps();
  }

  #onDown(reason: string): void {
    if (this.#state === 'closed') return;
    this.#state = 'down';
    if (this.#outageWarned) return;
    this.#outageWarned = true;
    this.#logger?.warn(`The shared cache tier ${reason}; reads go to Appwrite until it is back`);
  }
}

/**
 * Opens a store on its own connection (a duplicate of a given `Redis` or `Cluster`, or a new one from a
 * URL or options) and waits until Redis answered or the first attempt failed. ioredis is loaded here.
 *
 * @example
 * ```ts
 * const store = await openL2Store(new Cluster(nodes), { databaseId: 'main', compressAbove: 16_384 });
 * ```
 */
export async function openL2Store(source: RedisSource, options: L2StoreOptions): Promise<L2Store> {
  const store = new L2Store(await openL2Connection(source, options.timeout ?? L2_STORE_DEFAULTS.timeout), options);
  await store.connect();
  return store;
}

function ownTable(generations: L2Generations): string {
  const first = generations[0];
  if (first === undefined) throw new Error('L2 generations name no table');
  return first[0];
}

/** The start of a counter created now: microseconds since 1970, above what any earlier counter reached. */
function seed(): number {
  return Date.now() * 1_000;
}

function numberReply(reply: [Error | null, unknown] | undefined): number | undefined {
  if (reply === undefined || reply[0] !== null) return undefined;
  const value = Number(reply[1]);
  return Number.isSafeInteger(value) ? value : undefined;
}
