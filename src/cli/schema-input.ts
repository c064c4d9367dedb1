import { resolve } from 'node:path';
import { checkTableDefinitions } from '../schema/definition-check.js';
import type { TableDefinition } from '../schema/table-definition.js';
import { UsageError } from './args.js';
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
