import { getOrCreate } from '../get-or-create.js';

/** Counters of the shared tier for one table. */
export interface L2TableCounters {
  hits: number;
  misses: number;
  stale: number;
}

/** State of the shared tier's connection: `'down'` until Redis answers, `'slow'` for a while after a timeout. */
export type L2State = 'idle' | 'ready' | 'down' | 'slow' | 'closed';

/** What the shared tier has done since it started. */
export interface L2Stats {
  readonly state: L2State;
  /** Reads answered from Redis. */
  readonly hits: number;
  /** Reads Redis had no current entry for. */
  readonly misses: number;
  /** Failed loads answered with an entry past its TTL but within `cache.grace` (not counted in `hits`). */
  readonly stale: number;
  /** Reads and writes skipped because Redis was down or slow, or its table owed a bump. */
  readonly skipped: number;
  /** Commands that failed or timed out, and values that could not be decoded. */
  readonly errors: number;
  /** Commands that timed out (also counted in `errors`). */
  readonly timeouts: number;
  /** Entries written. */
  readonly writes: number;
  /** Values not written because they were larger than `maxValueBytes` once encoded. */
  readonly tooLarge: number;
  /** Generation bumps acknowledged by Redis. */
  readonly bumps: number;
  /** Times every known generation was dropped to be read again (reconnects). */
  readonly resyncs: number;
  /** Hits, misses and stale stand-ins per table. */
  readonly tables: Readonly<Record<string, Readonly<L2TableCounters>>>;
}

const zeroCounters = (): L2TableCounters => ({ hits: 0, misses: 0, stale: 0 });

/** The mutable counters behind {@link L2Stats}. */
export class L2Counters {
  hits = 0;
  misses = 0;
  stale = 0;
  skipped = 0;
  errors = 0;
  timeouts = 0;
  writes = 0;
  tooLarge = 0;
  bumps = 0;
  resyncs = 0;
  readonly #tables = new Map<string, L2TableCounters>();

  /** The counters of `table`, created on first use. */
  of(table: string): L2TableCounters {
    return getOrCreate(this.#tables, table, zeroCounters);
  }

  /** A copy of every counter, with `state`. */
  snapshot(state: L2State): L2Stats {
    const tables: Record<string, L2TableCounters> = {};
    for (const [table, counters] of this.#tables) tables[table] = { ...counters };
    const { hits, misses, stale, skipped, errors, timeouts, writes, tooLarge, bumps, resyncs } = this;
    return { state, hits, misses, stale, skipped, errors, timeouts, writes, tooLarge, bumps, resyncs, tables };
  }
}
