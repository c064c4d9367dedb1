import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModuleExports } from './cli-io.js';

interface TsxRegister {
  register(): unknown;
}

const registered = new Set<string>();

/**
 * The module format of code in `dir`: `module` when the nearest package.json says `"type": "module"`,
 * else `commonjs` (Node's rule for `.js` and, under tsx, `.ts` files).
 *
 * @example
 * ```ts
 * projectFormat(process.cwd()); // 'commonjs' in an `npm init -y` project
 * ```
 */
export function projectFormat(dir: string): 'module' | 'commonjs' {
  for (let current = dir; ; current = dirname(current)) {
    const manifest = join(current, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (dirname(current) === current) return 'commonjs';
  }
}

type ExportTarget = string | { readonly import?: ExportTarget; readonly default?: ExportTarget };

/** The file an `exports` entry names for `import` (tsx's CommonJS flavour of its ESM API cannot register). */
function importTarget(target: ExportTarget | undefined): string | undefined {
  if (target === undefined || typeof target === 'string') return target;
  return importTarget(target.import) ?? importTarget(target.default);
}

/**
 * Registers tsx (from the user's project) for the whole process, once: TypeScript files then load through
 * Node's own module caches, so that they and the CLI share one copy of appwrite-orm and node-appwrite. (tsx's
 * isolated `tsImport` would load a second copy, which breaks node-appwrite's HTTP client in CommonJS projects.)
 */
async function registerTsx(cwd: string): Promise<void> {
  if (registered.size > 0) return;
  let manifestPath: string;
  try {
    manifestPath = createRequire(join(cwd, 'noop.js')).resolve('tsx/package.json');
  } catch {
    throw new Error('Loading TypeScript files needs tsx in the project: npm i -D tsx (or point to compiled JavaScript)');
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: Record<string, ExportTarget> };
  for (const entry of ['./esm/api', './cjs/api']) {
    const target = importTarget(manifest.exports?.[entry]);
    if (target === undefined) throw new Error(`The installed tsx (${manifestPath}) has no ${entry} export: install tsx 4 or later`);
    const api = (await import(pathToFileURL(join(dirname(manifestPath), target)).href)) as TsxRegister;
    api.register();
    registered.add(entry);
  }
}

/**
 * Loads a schema, migration, seeder or configuration module: JavaScript natively, TypeScript through tsx
 * registered for the process (so that `import 'appwrite-orm'` in the file gets the library the CLI runs on).
 *
 * @example
 * ```ts
 * const exports = await loadModule('/app/migrations/20260102T030405_add_posts.ts', '/app');
 * ```
 */
export async function loadModule(path: string, cwd: string): Promise<ModuleExports> {
  if (/\.[mc]?tsx?$/.test(path)) await registerTsx(cwd);
  const exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  // A CommonJS module imported from ESM shows its `module.exports` as `default`; its named exports as well.
  const fallback = exports.default;
  if (typeof fallback === 'object' && fallback !== null && Object.keys(exports).every((key) => key === 'default' || key === 'module.exports')) {
    return fallback as ModuleExports;
  }
  return exports;
}
