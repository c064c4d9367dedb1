import { getOrCreate } from './get-or-create.js';

/**
 * Freshness state of one table: a generation counter bumped by every invalidation, and whether the table
 * has been read since its last invalidation.
 *
 * @example
 * ```ts
 * const state = new TableGeneration();
 * const seen = state.generation;
 * state.bump();
 * state.generation === seen; // false: a load that started at `seen` must not be stored
 * ```
 */
export class TableGeneration {
  /** Bumped by every invalidation and by the start of every write. */
  generation = 0;
  /** True when the table has been read since its last invalidation. */
  updated = false;

  /** Moves to the next generation and returns it. */
  bump(): number {
    return ++this.generation;
  }
}

const newGeneration = (): TableGeneration => new TableGeneration();

/**
 * The generation state of every table the cache has seen, created on first use.
 *
 * @example
 * ```ts
 * const generations = new TableGenerations();
 * generations.of('products').bump();
 * generations.peek('orders'); // undefined: never used
 * ```
 */
export class TableGenerations {
  readonly #tables = new Map<string, TableGeneration>();

  /** The state of `table`, created at generation 0 if the table is new. */
  of(table: string): TableGeneration {
    return getOrCreate(this.#tables, table, newGeneration);
  }

  /** The state of `table` if the cache has seen it, without creating it. */
  peek(table: string): TableGeneration | undefined {
    return this.#tables.get(table);
  }

  /** Ids of every table seen so far. */
  tables(): IterableIterator<string> {
    return this.#tables.keys();
  }
}
