import { ConflictError } from '../../errors/conflict-error.js';
import { MigrationError } from '../../errors/migration-error.js';
import type { MigrationPort } from '../migration-port.js';
import type { TableSpec } from '../spec.js';
import type { RowStore } from './migrator.js';

/** Default id of the table that holds the migration lock. */
export const LOCK_TABLE = 'orm_migration_lock';
const LOCK_ROW = 'lock';

/** What {@link LockOptions} left out are, in ms. */
export const LOCK_DEFAULTS = Object.freeze({ ttlMs: 600_000, waitMs: 120_000, pollMs: 250 });

/** How the lock is taken. */
export interface LockOptions {
  /** Who holds it (shown to whoever waits). */
  readonly owner: string;
  /** A lock older than this is taken over (its holder is presumed dead), in ms. @default 600000 */
  readonly ttlMs?: number;
  /** Longest wait for a held lock before giving up, in ms. @default 120000 */
  readonly waitMs?: number;
  /** Pause between two attempts, in ms. @default 250 */
  readonly pollMs?: number;
  /** Called once when the lock is found held. */
  readonly onWait?: (holder: string, until: string) => void;
}

/**
 * The migration lock stayed held by another run for longer than the wait allowed.
 *
 * @example
 * ```ts
 * try { await runner.migrate(); } catch (error) { if (error instanceof LockTimeoutError) process.exitCode = 4; }
 * ```
 */
export class LockTimeoutError extends MigrationError {}

function lockTableSpec(tableId: string): TableSpec {
  const base = { array: false, default: null, required: true } as const;
  return {
    id: tableId,
    name: tableId,
    permissions: [],
    rowSecurity: false,
    columns: [{ ...base, key: 'owner', kind: 'string', size: 128 }, { ...base, key: 'expiresAt', kind: 'datetime' }],
    indexes: [],
  };
}

/**
 * A lock row in the database: creating the row takes the lock (Appwrite answers 409 when it exists), deleting
 * it releases it. The holder moves the expiry forward while it works; a lock past its expiry is taken over, so
 * a run that crashed does not block the next forever.
 *
 * @example
 * ```ts
 * const lock = new MigrationLock(gateway, adapter);
 * await lock.withLock({ owner: 'deploy-42' }, () => runner.migrate());
 * ```
 */
export class MigrationLock {
  readonly #port: MigrationPort;
  readonly #rows: RowStore;

  constructor(port: MigrationPort, rows: RowStore, readonly tableId: string = LOCK_TABLE) {
    this.#port = port;
    this.#rows = rows;
  }

  /** Runs `task` holding the lock, and releases it whatever the outcome. */
  async withLock<T>(options: LockOptions, task: () => Promise<T>): Promise<T> {
    await this.#acquire(options);
    // While the task runs, the expiry moves forward, so that a long data migration is never taken over.
    const ttlMs = options.ttlMs ?? LOCK_DEFAULTS.ttlMs;
    const renew = (): void => {
      void this.#rows.updateRow(this.tableId, LOCK_ROW, { expiresAt: new Date(Date.now() + ttlMs).toISOString() }).catch(() => undefined);
    };
    const heartbeat = setInterval(renew, Math.max(1000, Math.floor(ttlMs / 3)));
    heartbeat.unref();
    try {
      return await task();
    } finally {
      clearInterval(heartbeat);
      await this.#rows.deleteRow(this.tableId, LOCK_ROW).catch(() => undefined);
    }
  }

  async #acquire(options: LockOptions): Promise<void> {
    if ((await this.#port.readTable(this.tableId)) === null) await this.#port.createTable(lockTableSpec(this.tableId));
    const waitMs = options.waitMs ?? LOCK_DEFAULTS.waitMs;
    const started = Date.now();
    let told = false;
    for (;;) {
      if (Date.now() - started > waitMs) throw new LockTimeoutError(`Could not take the migration lock within ${waitMs} ms`, { table: this.tableId, rowId: LOCK_ROW });
      const expiresAt = new Date(Date.now() + (options.ttlMs ?? LOCK_DEFAULTS.ttlMs)).toISOString();
      try {
        await this.#rows.createRow(this.tableId, LOCK_ROW, { owner: options.owner, expiresAt });
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
      const held = await this.#rows.getRow(this.tableId, LOCK_ROW);
      if (held === null) continue;
      const until = String(held.expiresAt);
      if (Date.parse(until) <= Date.now()) {
        await this.#rows.deleteRow(this.tableId, LOCK_ROW).catch(() => undefined);
        continue;
      }
      if (!told) options.onWait?.(String(held.owner), until);
      told = true;
      if (Date.now() - started >= waitMs) {
        throw new LockTimeoutError(`The migration lock is held by ${String(held.owner)} until ${until}; gave up after ${waitMs} ms`, { table: this.tableId, rowId: LOCK_ROW });
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? LOCK_DEFAULTS.pollMs));
    }
  }
}
