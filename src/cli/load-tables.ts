import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TableDefinition } from '../schema/table-definition.js';

interface TsxApi {
  tsImport(url: string, parentURL: string): Promise<unknown>;
}

function looksLikeTable(value: unknown): value is TableDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; schema?: unknown };
  return typeof candidate.name === 'string' && typeof candidate.schema === 'object' && candidate.schema !== null;
}

async function importModule(path: string, cwd: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (!/\.[mc]?tsx?$/.test(path)) return (await import(url)) as Record<string, unknown>;
  // TypeScript schema modules load through tsx when it is installed, so users need no build step. The
  // specifier is a variable so that bundlers leave tsx out of the package.
  const specifier = 'tsx/esm/api';
  const tsx = (await import(specifier).catch(() => undefined)) as TsxApi | undefined;
  if (tsx === undefined) throw new Error(`Cannot load ${path}: install tsx (npm i -D tsx) to load TypeScript schema modules, or point to compiled JavaScript`);
  return (await tsx.tsImport(url, pathToFileURL(`${cwd}/`).href)) as Record<string, unknown>;
}

/**
 * Loads the table declarations of a schema module: its default export when it is a list, else its `tables`
 * export, else every exported value that looks like a table declaration (an object with a name and a schema).
 *
 * @example
 * ```ts
 * const tables = await loadTables('src/schema.ts', process.cwd());
 * ```
 */
export async function loadTables(modulePath: string, cwd: string): Promise<readonly TableDefinition[]> {
  const path = isAbsolute(modulePath) ? modulePath : resolve(cwd, modulePath);
  const exports = await importModule(path, cwd);
  const candidates = [exports.default, exports.tables];
  const list = candidates.find((candidate): candidate is unknown[] => Array.isArray(candidate));
  const tables = list ?? Object.values(exports).filter(looksLikeTable);
  if (tables.length === 0) throw new Error(`${modulePath} exports no table declarations (export them as \`default\`, as \`tables\`, or one by one)`);
  return tables as readonly TableDefinition[];
}
