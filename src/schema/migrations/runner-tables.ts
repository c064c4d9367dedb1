import type { LiveState } from '../spec.js';
import { HISTORY_TABLE } from './history.js';
import { LOCK_TABLE } from './migration-lock.js';

/**
 * Ids of the migration runner's own tables (history and lock); a missing one is its default
 * (`orm_migrations`, `orm_migration_lock`). The CLI's `historyTable`/`lockTable` settings and ServerORM's
 * `migrate.historyTable`/`migrate.lockTable` options have this shape.
 */
export interface RunnerTableIds {
  readonly historyTable?: string;
  readonly lockTable?: string;
}

/**
 * The ids of the runner's history and lock tables.
 *
 * @example
 * ```ts
 * runnerTableIds({ historyTable: 'schema_history' }); // ['schema_history', 'orm_migration_lock']
 * ```
 */
export function runnerTableIds(ids: RunnerTableIds): readonly string[] {
  return [ids.historyTable ?? HISTORY_TABLE, ids.lockTable ?? LOCK_TABLE];
}

/**
 * The live state without the runner's own tables: push, autoMigrate, generate and pull never drop, change or
 * declare them.
 *
 * @example
 * ```ts
 * const live = withoutRunnerTables(await port.readState(), { historyTable: 'schema_history' });
 * ```
 */
export function withoutRunnerTables(live: LiveState, ids: RunnerTableIds): LiveState {
  const own = new Set(runnerTableIds(ids));
  return { ...live, tables: live.tables.filter((table) => !own.has(table.id)) };
}
