import { databaseNotFound, tableNotFound } from '../http/errors.js';
import type { StoredColumn, StoredDatabase, StoredRow, StoredTable } from './model.js';

/** A table with its rows (insertion order = `$sequence` order) and the next sequence number. */
export interface TableState {
  readonly table: StoredTable;
  readonly rows: Map<string, StoredRow>;
  nextSequence: number;
  /** Cached `[...rows.values()]`, dropped on every row change. */
  rowArray: StoredRow[] | undefined;
  /** Cached available columns, dropped on every column change. */
  available: StoredColumn[] | undefined;
}

/** A database with its tables. */
export interface DatabaseState {
  readonly database: StoredDatabase;
  readonly tables: Map<string, TableState>;
}

/** The JSON shape of a saved store (see `persistPath`). */
export interface StoreSnapshot {
  readonly version: 1;
  readonly databases: readonly {
    readonly database: StoredDatabase;
    readonly tables: readonly { readonly table: StoredTable; readonly rows: readonly StoredRow[]; readonly nextSequence: number }[];
  }[];
}

/** All databases, tables and rows of an emulator, in memory. */
export class Store {
  readonly databases = new Map<string, DatabaseState>();
  readonly #listeners = new Set<() => void>();
  readonly #sequences = new Map<string, number>();
  readonly #counters = new Map<string, number>();

  /** `<databaseSequence>_<tableSequence>`, the prefix of Appwrite's internal index ids. */
  internalPrefix(databaseId: string, tableId: string): string {
    return `${this.#sequence('', databaseId)}_${this.#sequence(databaseId, tableId)}`;
  }

  #sequence(scope: string, id: string): number {
    const key = `${scope}/${id}`;
    let sequence = this.#sequences.get(key);
    if (sequence === undefined) {
      sequence = (this.#counters.get(scope) ?? 0) + 1;
      this.#counters.set(scope, sequence);
      this.#sequences.set(key, sequence);
    }
    return sequence;
  }

  /** Calls `listener` after every change (used to persist). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  database(databaseId: string): DatabaseState {
    const state = this.databases.get(databaseId);
    if (state === undefined) throw databaseNotFound(databaseId);
    return state;
  }

  table(databaseId: string, tableId: string): TableState {
    const state = this.database(databaseId).tables.get(tableId);
    if (state === undefined) throw tableNotFound(tableId);
    return state;
  }

  addTable(databaseId: string, table: StoredTable): TableState {
    const state: TableState = { table, rows: new Map(), nextSequence: 1, rowArray: undefined, available: undefined };
    this.database(databaseId).tables.set(table.$id, state);
    return state;
  }

  /** Rows in `$sequence` order; the array is shared until the next change, so callers must not mutate it. */
  rows(state: TableState): readonly StoredRow[] {
    state.rowArray ??= [...state.rows.values()];
    return state.rowArray;
  }

  /** Columns rows can use: those with status `available`. */
  availableColumns(state: TableState): readonly StoredColumn[] {
    state.available ??= state.table.columns.filter((column) => column.status === 'available');
    return state.available;
  }

  /** Records a change of rows, columns or metadata. */
  changed(state?: TableState): void {
    if (state !== undefined) {
      state.rowArray = undefined;
      state.available = undefined;
    }
    for (const listener of this.#listeners) listener();
  }

  clear(): void {
    this.databases.clear();
    this.changed();
  }

  snapshot(): StoreSnapshot {
    return {
      version: 1,
      databases: [...this.databases.values()].map((db) => ({
        database: db.database,
        tables: [...db.tables.values()].map((t) => ({ table: t.table, rows: [...t.rows.values()], nextSequence: t.nextSequence })),
      })),
    };
  }

  restore(snapshot: StoreSnapshot): void {
    this.databases.clear();
    for (const db of snapshot.databases) {
      const tables = new Map<string, TableState>();
      for (const t of db.tables) {
        const rows = new Map(t.rows.map((row) => [row.$id, row] as const));
        tables.set(t.table.$id, { table: t.table, rows, nextSequence: t.nextSequence, rowArray: undefined, available: undefined });
      }
      this.databases.set(db.database.$id, { database: db.database, tables });
    }
  }
}
