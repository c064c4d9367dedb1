import { ALL_TABLES } from './bridge-message.js';

/**
 * The tables whose invalidation could not be announced yet: deduplicated and bounded. Past the
 * bound it collapses into a single "all tables" entry, which receivers treat as invalidating
 * everything, so memory stays bounded while no table is ever forgotten.
 *
 * @example
 * ```ts
 * const pending = new PendingTables(2);
 * pending.add('a'); pending.add('a'); pending.add('b'); pending.add('c');
 * pending.drain(); // ['*']
 * ```
 */
export class PendingTables {
  readonly #tables = new Set<string>();
  #overflowed = false;

  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Number of announcements waiting (1 once collapsed into "all tables"). */
  get size(): number {
    return this.#overflowed ? 1 : this.#tables.size;
  }

  add(table: string): void {
    if (this.#overflowed) return;
    if (table === ALL_TABLES || (!this.#tables.has(table) && this.#tables.size >= this.#limit)) {
      this.#overflowed = true;
      this.#tables.clear();
      return;
    }
    this.#tables.add(table);
  }

  /** Returns the tables to announce, oldest first, and empties the set. */
  drain(): string[] {
    const tables = this.#overflowed ? [ALL_TABLES] : [...this.#tables];
    this.#tables.clear();
    this.#overflowed = false;
    return tables;
  }
}
