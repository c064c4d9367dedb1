import type { TableDefinition } from '../schema/table-definition.js';
import type { ModuleExports } from './cli-io.js';

function looksLikeTable(value: unknown): value is TableDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; schema?: unknown };
  return typeof candidate.name === 'string' && typeof candidate.schema === 'object' && candidate.schema !== null;
}

/**
 * The table declarations of a loaded schema module: its default export when it is a list, else its `tables`
 * export, else every exported value that looks like a table declaration (an object with a name and a schema).
 *
 * @example
 * ```ts
 * const tables = tablesOf(await loadModule('src/schema.ts', process.cwd()), 'src/schema.ts');
 * ```
 */
export function tablesOf(exports: ModuleExports, modulePath: string): readonly TableDefinition[] {
  const candidates = [exports.default, exports.tables];
  const list = candidates.find((candidate): candidate is unknown[] => Array.isArray(candidate));
  const tables = list ?? Object.values(exports).filter(looksLikeTable);
  if (tables.length === 0) throw new Error(`${modulePath} exports no table declarations (export them as \`default\`, as \`tables\`, or one by one)`);
  return tables as readonly TableDefinition[];
}
