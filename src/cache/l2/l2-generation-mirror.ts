import { getOrCreate } from '../get-or-create.js';

/** What this instance knows of one table's generation counter in Redis. */
interface MirroredTable {
  /** The counter's value as last read or set by this instance; `undefined` when it must be read again. */
  generation: number | undefined;
  /** Changed whenever what this instance knows is dropped; a read of the counter started before is not installed. */
  epoch: number;
  /** A bump of this table was not acknowledged by Redis: the table's entries may be stale until one is. */
  dirty: boolean;
  /** The counter must have reached this to be trusted (another instance announced a bump past what was known). */
  floor: number;
}

const unknownTable = (): MirroredTable => ({ generation: undefined, epoch: 0, dirty: false, floor: 0 });

/**
 * This instance's copy of the per-table generation counters kept in Redis, so that an L2 hit costs one
 * `GET`. A counter is read once, then kept up to date by this instance's own bumps; an invalidation
 * received from another instance, or a reconnect, drops the copy so that it is read again. A copy read
 * from Redis is installed only if nothing was dropped or bumped since the read began, and a table whose
 * bump Redis did not acknowledge (down, timed out) is `dirty`: unusable until a bump succeeds. An announced
 * bump sets a floor: a counter read below it predates that bump and is not used.
 *
 * @example
 * ```ts
 * const mirror = new L2GenerationMirror();
 * const token = mirror.beginRead('products');
 * mirror.finishRead('products', token, 41);
 * mirror.known('products'); // 41
 * mirror.forget('products'); // an invalidation arrived from another instance
 * mirror.known('products'); // undefined: read it again
 * ```
 */
export class L2GenerationMirror {
  readonly #tables = new Map<string, MirroredTable>();

  /** The generation to use for `table`, or `undefined` when it must be read first or a bump is owed. */
  known(table: string): number | undefined {
    const state = this.#tables.get(table);
    return state === undefined || state.dirty ? undefined : state.generation;
  }

  /** Whether Redis still owes `table` a bump. */
  isDirty(table: string): boolean {
    return this.#tables.get(table)?.dirty ?? false;
  }

  /** Starts reading `table`'s counter; pass the token to {@link finishRead}. */
  beginRead(table: string): number {
    return this.#of(table).epoch;
  }

  /**
   * Installs a counter value read from Redis, unless the table was dropped, bumped or made dirty since
   * `token`. Returns `false` when the value is below the table's floor: the bump another instance announced
   * has not reached Redis (or never will); the caller must not use it.
   */
  finishRead(table: string, token: number, generation: number): boolean {
    const state = this.#of(table);
    if (generation < state.floor) return false;
    if (state.epoch === token && !state.dirty) state.generation = generation;
    return true;
  }

  /** Starts a bump of `table`: its generation is unknown until {@link finishBump}. Returns the token for it. */
  beginBump(table: string): number {
    const state = this.#of(table);
    state.generation = undefined;
    return ++state.epoch;
  }

  /**
   * Ends a bump: `generation` is what `INCR` answered, or `undefined` when Redis did not acknowledge it
   * (the table is then dirty). The answer is installed only if no other bump or drop came after this one.
   */
  finishBump(table: string, token: number, generation: number | undefined): void {
    const state = this.#of(table);
    if (generation === undefined) {
      state.dirty = true;
      state.generation = undefined;
      return;
    }
    if (state.epoch !== token) return;
    state.dirty = false;
    state.generation = generation;
  }

  /**
   * Drops what is known of `table`: another instance announced it bumped it (`moved`), so the counter is
   * trusted again only once it is past the value known now; or invalidations may have been missed. A dirty
   * table stays dirty.
   */
  forget(table: string, moved = true): void {
    const state = this.#tables.get(table);
    if (state === undefined) return;
    if (state.generation !== undefined) state.floor = state.generation + (moved ? 1 : 0);
    state.generation = undefined;
    state.epoch++;
  }

  /** Drops what is known of every table (after a reconnect: invalidations may have been missed). */
  forgetAll(): void {
    for (const table of this.#tables.keys()) this.forget(table, false);
  }

  /** Tables whose bump Redis still owes. */
  dirtyTables(): string[] {
    return [...this.#tables].filter(([, state]) => state.dirty).map(([table]) => table);
  }

  #of(table: string): MirroredTable {
    return getOrCreate(this.#tables, table, unknownTable);
  }
}
