import { isoNow } from '../control/clock.js';
import type { StoredColumn, StoredIndex } from './model.js';
import type { Store, TableState } from './store.js';
import { dropFromIndexes } from './index-shrink.js';
import { hasDuplicates } from './unique-indexes.js';

/**
 * The emulator's stand-in for Appwrite's database worker: columns and indexes are created `processing` and
 * become `available` (or `failed`) after a delay; deletions go through `deleting` before they disappear.
 */
export class SchemaJobs {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #failures = new Map<string, string>();
  readonly #store: Store;
  #columnDelayMs: number;
  readonly #indexDelayMs: number | undefined;

  constructor(store: Store, columnDelayMs: number, indexDelayMs: number | undefined) {
    this.#store = store;
    this.#columnDelayMs = columnDelayMs;
    this.#indexDelayMs = indexDelayMs;
  }

  setColumnDelay(ms: number): void {
    this.#columnDelayMs = Math.max(0, ms);
  }

  failNextColumn(tableId: string, key: string, error: string): void {
    this.#failures.set(`${tableId}\u0000${key}`, error);
  }

  columnCreated(state: TableState, column: StoredColumn): void {
    const failureKey = `${state.table.$id}\u0000${column.key}`;
    const failure = this.#failures.get(failureKey);
    this.#failures.delete(failureKey);
    this.#later(this.#columnDelayMs, () => {
      if (!state.table.columns.includes(column)) return;
      column.status = failure === undefined ? 'available' : 'failed';
      column.error = failure ?? '';
      column.$updatedAt = isoNow();
      this.#store.changed(state);
    });
  }

  /** Marks the column `deleting`, then removes it and its values from every row. */
  columnDeleted(state: TableState, column: StoredColumn): void {
    column.status = 'deleting';
    this.#store.changed(state);
    this.#later(this.#columnDelayMs, () => {
      const position = state.table.columns.indexOf(column);
      if (position < 0) return;
      state.table.columns.splice(position, 1);
      dropFromIndexes(state.table, column.key);
      for (const [id, row] of state.rows) {
        if (!(column.key in row)) continue;
        const { [column.key]: _dropped, ...rest } = row;
        state.rows.set(id, rest as typeof row);
      }
      this.#store.changed(state);
    });
  }

  /**
   * Makes the index available. MariaDB refuses a unique index over duplicate values with a duplicate-entry
   * error, which utopia's `Database::createIndex` takes for an orphan index already in the schema and
   * ignores: Appwrite reports the index available, but it does not exist, so it enforces nothing.
   */
  indexCreated(state: TableState, index: StoredIndex): void {
    this.#later(this.#indexDelayMs ?? this.#columnDelayMs, () => {
      if (!state.table.indexes.includes(index)) return;
      if (index.type === 'unique' && hasDuplicates(state.rows.values(), index.columns)) index.unbuilt = true;
      index.status = 'available';
      index.error = '';
      index.$updatedAt = isoNow();
      this.#store.changed(state);
    });
  }

  indexDeleted(state: TableState, index: StoredIndex): void {
    index.status = 'deleting';
    this.#store.changed(state);
    this.#later(this.#indexDelayMs ?? this.#columnDelayMs, () => {
      const position = state.table.indexes.indexOf(index);
      if (position < 0) return;
      state.table.indexes.splice(position, 1);
      this.#store.changed(state);
    });
  }

  /** Cancels pending jobs and forgets scheduled failures. */
  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#failures.clear();
  }

  #later(ms: number, job: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      job();
    }, ms);
    // The worker must not keep a test process alive on its own.
    timer.unref();
    this.#timers.add(timer);
  }
}
