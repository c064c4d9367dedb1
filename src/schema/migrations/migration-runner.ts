import { MigrationError } from '../../errors/migration-error.js';
import { OrmError } from '../../errors/orm-error.js';
import type { ApplyOptions } from '../applier.js';
import { MigrationHistory, type HistoryEntry } from './history.js';
import type { MigrationFile } from './migration-files.js';
import { MigrationLock, type LockOptions } from './migration-lock.js';
import { createMigrator, type MigrationSchemaPort, type Migrator, type RowStore } from './migrator.js';

/** What a migration file exports. */
export interface MigrationModule {
  up(m: Migrator): Promise<void> | void;
  down?(m: Migrator): Promise<void> | void;
}

/** Where a migration stands: applied, pending, or recorded without its file (`missing`). */
export interface MigrationStatus {
  readonly name: string;
  readonly state: 'applied' | 'pending' | 'missing';
  readonly batch?: number;
  readonly appliedAt?: string;
  /** The file changed after it was applied (its checksum differs from the recorded one). */
  readonly changed: boolean;
}

/** Progress of a run: each file as it starts and ends, applied files that were edited, a lock held by another run. */
export type MigrationRunEvent =
  | { readonly type: 'start' | 'done'; readonly name: string; readonly direction: 'up' | 'down' }
  | { readonly type: 'changed'; readonly name: string }
  | { readonly type: 'waiting'; readonly holder: string; readonly until: string }
  | { readonly type: 'dropped'; readonly tableId: string };

/** What a run did: the batch number (migrate) and the files it ran, in order. */
export interface MigrationRunResult {
  readonly batch?: number;
  readonly ran: readonly string[];
}

/** Everything the runner works with. */
export interface MigrationRunnerDeps {
  readonly databaseId: string;
  readonly databaseName: string;
  readonly port: MigrationSchemaPort;
  readonly rows: RowStore;
  readonly apply: ApplyOptions;
  readonly files: readonly MigrationFile[];
  /** Loads a file's module (the CLI loads TypeScript files through tsx). */
  readonly load: (file: MigrationFile) => Promise<MigrationModule>;
  readonly lock: Omit<LockOptions, 'onWait'>;
  readonly historyTable?: string;
  readonly lockTable?: string;
  readonly onEvent?: (event: MigrationRunEvent) => void;
}

/**
 * Runs migration files against one database: `migrate` applies the pending ones as one batch, `rollback`
 * reverts the last batch (or the last N files), `fresh` drops every table and applies everything again.
 * Each run holds the lock row, so two processes starting together never apply a file twice.
 *
 * @example
 * ```ts
 * const runner = new MigrationRunner({ databaseId: 'shop', databaseName: 'shop', port, rows, apply, files, load, lock: { owner: 'ci' } });
 * const { batch, ran } = await runner.migrate();
 * ```
 */
export class MigrationRunner {
  readonly #history: MigrationHistory;
  readonly #lock: MigrationLock;
  readonly #migrator: Migrator;
  readonly #deps: MigrationRunnerDeps;

  constructor(deps: MigrationRunnerDeps) {
    this.#deps = deps;
    this.#history = new MigrationHistory(deps.port, deps.rows, deps.historyTable);
    this.#lock = new MigrationLock(deps.port, deps.rows, deps.lockTable);
    this.#migrator = createMigrator({ databaseId: deps.databaseId, port: deps.port, rows: deps.rows, apply: deps.apply });
  }

  /** Ids of the tables the runner keeps for itself (push mode and `pull` leave them out). */
  get ownTables(): readonly string[] {
    return [this.#history.tableId, this.#lock.tableId];
  }

  /** Every file and every recorded migration, in order, with its state. Writes nothing. */
  async status(): Promise<MigrationStatus[]> {
    const applied = await this.#history.list();
    return this.#statusOf(applied);
  }

  /** Applies every pending file, in name order, as one new batch. */
  async migrate(): Promise<MigrationRunResult> {
    return this.#locked(() => this.#migrateHeld());
  }

  /** Reverts the last batch, or the last `steps` applied files, newest first. */
  async rollback(steps?: number): Promise<MigrationRunResult> {
    return this.#locked(async () => {
      const applied = await this.#history.list();
      const last = applied.at(-1)?.batch;
      const chosen = steps === undefined ? applied.filter((entry) => entry.batch === last) : applied.slice(Math.max(0, applied.length - steps));
      const ran: string[] = [];
      for (const entry of chosen.reverse()) {
        await this.#run(entry.name, 'down');
        await this.#history.remove(entry);
        ran.push(entry.name);
      }
      return { ran };
    });
  }

  /** Drops every table of the database (the lock table aside), then applies every file as batch 1. */
  async fresh(): Promise<MigrationRunResult> {
    return this.#locked(async () => {
      const state = await this.#deps.port.readState();
      for (const table of state.tables.filter((candidate) => candidate.id !== this.#lock.tableId)) {
        await this.#deps.port.deleteTable(table.id);
        this.#deps.onEvent?.({ type: 'dropped', tableId: table.id });
      }
      return this.#migrateHeld();
    });
  }

  async #migrateHeld(): Promise<MigrationRunResult> {
    await this.#history.ensure();
    const applied = await this.#history.list();
    for (const status of this.#statusOf(applied)) if (status.changed) this.#deps.onEvent?.({ type: 'changed', name: status.name });
    const done = new Set(applied.map((entry) => entry.name));
    const pending = this.#deps.files.filter((file) => !done.has(file.name));
    if (pending.length === 0) return { ran: [] };
    const batch = Math.max(0, ...applied.map((entry) => entry.batch)) + 1;
    const ran: string[] = [];
    for (const file of pending) {
      await this.#run(file.name, 'up');
      await this.#history.record(file.name, batch, file.checksum);
      ran.push(file.name);
    }
    return { batch, ran };
  }

  #statusOf(applied: readonly HistoryEntry[]): MigrationStatus[] {
    const files = new Map(this.#deps.files.map((file) => [file.name, file]));
    const recorded = new Map(applied.map((entry) => [entry.name, entry]));
    const names = [...new Set([...applied.map((entry) => entry.name), ...files.keys()])].sort();
    return names.map((name) => {
      const entry = recorded.get(name);
      const file = files.get(name);
      if (entry === undefined) return { name, state: 'pending', changed: false };
      const changed = file !== undefined && file.checksum !== entry.checksum;
      return { name, state: file === undefined ? 'missing' : 'applied', batch: entry.batch, appliedAt: entry.appliedAt, changed };
    });
  }

  async #run(name: string, direction: 'up' | 'down'): Promise<void> {
    const file = this.#deps.files.find((candidate) => candidate.name === name);
    if (file === undefined) throw new MigrationError(`Cannot roll back ${name}: its file is missing from the migrations folder`);
    this.#deps.onEvent?.({ type: 'start', name, direction });
    const module = await this.#deps.load(file);
    if (typeof module[direction] !== 'function') {
      throw new MigrationError(direction === 'up' ? `Migration ${name} exports no up(m) function` : `Migration ${name} exports no down(m) function: it cannot be rolled back`);
    }
    try {
      await (direction === 'up' ? module.up(this.#migrator) : module.down?.(this.#migrator));
    } catch (error) {
      const text = error instanceof OrmError ? `${error.name}: ${error.message}` : error instanceof Error ? error.message : String(error);
      throw new MigrationError(`Migration ${name} failed in ${direction}(): ${text}`, error instanceof OrmError ? error.context : {}, { cause: error });
    }
    this.#deps.onEvent?.({ type: 'done', name, direction });
  }

  async #locked<T>(task: () => Promise<T>): Promise<T> {
    const state = await this.#deps.port.readState();
    if (!state.databaseExists) await this.#deps.port.createDatabase(this.#deps.databaseName);
    const onWait = (holder: string, until: string): void => this.#deps.onEvent?.({ type: 'waiting', holder, until });
    return this.#lock.withLock({ ...this.#deps.lock, onWait }, task);
  }
}
