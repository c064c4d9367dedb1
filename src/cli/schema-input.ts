import { resolve } from 'node:path';
import { checkTableDefinitions } from '../schema/definition-check.js';
import { HISTORY_TABLE } from '../schema/migrations/history.js';
import { LOCK_TABLE } from '../schema/migrations/migration-lock.js';
import type { LiveState } from '../schema/spec.js';
import type { TableDefinition } from '../schema/table-definition.js';
import { UsageError } from './args.js';
import type { CliSettings } from './cli-config.js';
import type { CommandContext } from './command.js';
import { tablesOf } from './load-tables.js';

/**
 * The declared tables: from the module named on the command line, else the configuration's `schema`.
 *
 * @example
 * ```ts
 * const tables = await declaredTables(context, context.args.positional[0]);
 * ```
 */
export async function declaredTables(context: CommandContext, modulePath: string | undefined): Promise<readonly TableDefinition[]> {
  const path = modulePath === undefined ? context.settings.schema : resolve(context.io.cwd, modulePath);
  if (path === undefined) throw new UsageError('No schema module: name it on the command line or set `schema` in appwrite-orm.config');
  const tables = tablesOf(await context.load(path), modulePath ?? path);
  checkTableDefinitions(tables);
  return tables;
}

/** Ids of the tables the migration runner keeps for itself (history and lock). */
export function runnerTables(settings: CliSettings): readonly string[] {
  return [settings.historyTable ?? HISTORY_TABLE, settings.lockTable ?? LOCK_TABLE];
}

/**
 * The live state without the runner's own tables: push, generate and pull never touch or declare them.
 *
 * @example
 * ```ts
 * const live = withoutRunnerTables(await port.readState(), settings);
 * ```
 */
export function withoutRunnerTables(live: LiveState, settings: CliSettings): LiveState {
  const own = new Set(runnerTables(settings));
  return { ...live, tables: live.tables.filter((table) => !own.has(table.id)) };
}
