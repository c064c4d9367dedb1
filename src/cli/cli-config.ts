import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { CliIo, ModuleExports } from './cli-io.js';
import { readEnvFile } from './env-file.js';
import { loadModule } from './module-loader.js';
import { UsageError, type ParsedArgs } from './args.js';
import type { CliConfig } from '../schema/migrations/cli-config.js';
import { DEFAULTS } from '../server/defaults.js';

/** The settings a command runs with, after flags, environment, `.env` and the configuration file. */
export interface CliSettings {
  /** The folder of the configuration file, else the working directory. */
  readonly root: string;
  readonly configFile?: string;
  readonly endpoint?: string;
  readonly projectId?: string;
  readonly apiKey?: string;
  readonly databaseId?: string;
  readonly schema?: string;
  readonly migrations: string;
  readonly seeders: string;
  readonly historyTable?: string;
  readonly lockTable?: string;
  readonly timeoutMs: number;
}

const CONFIG_NAMES = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs', 'json'].map((extension) => `appwrite-orm.config.${extension}`);
const STRING_KEYS = ['endpoint', 'projectId', 'apiKey', 'databaseId', 'schema', 'migrations', 'seeders', 'historyTable', 'lockTable'] as const;

/**
 * The nearest configuration file from `dir` upwards, or `undefined`.
 *
 * @example
 * ```ts
 * findConfigFile('/app/src'); // '/app/appwrite-orm.config.ts'
 * ```
 */
function findConfigFile(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const found = CONFIG_NAMES.map((name) => join(current, name)).find((path) => existsSync(path));
    if (found !== undefined) return found;
    if (dirname(current) === current) return undefined;
  }
}

function checkConfig(raw: unknown, file: string): CliConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${file} must export an object (export default { ... })`);
  const config = raw as Record<string, unknown>;
  const known = new Set<string>([...STRING_KEYS, 'timeoutMs']);
  const unknown = Object.keys(config).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new UsageError(`${file}: unknown setting${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  for (const key of STRING_KEYS) {
    if (config[key] !== undefined && (typeof config[key] !== 'string' || config[key] === '')) throw new UsageError(`${file}: ${key} must be a non-empty string`);
  }
  if (config.timeoutMs !== undefined && !(typeof config.timeoutMs === 'number' && config.timeoutMs > 0)) throw new UsageError(`${file}: timeoutMs must be a positive number`);
  return config;
}

async function readConfig(file: string, io: CliIo): Promise<CliConfig> {
  if (file.endsWith('.json')) {
    try {
      return checkConfig(JSON.parse(await readFile(file, 'utf8')) as unknown, file);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const exports: ModuleExports = await (io.loadModule ?? loadModule)(file, dirname(file));
  return checkConfig(exports.default ?? exports, file);
}

/**
 * Resolves the settings of a run. Precedence, highest first: command-line flags, the process environment,
 * the `.env` file (next to the configuration file, else in the working directory), the configuration file.
 *
 * @example
 * ```ts
 * const settings = await resolveSettings(args, io); // settings.databaseId, settings.migrations, ...
 * ```
 */
export async function resolveSettings(args: ParsedArgs, io: CliIo): Promise<CliSettings> {
  const explicit = args.values.get('config');
  const configFile = explicit === undefined ? findConfigFile(io.cwd) : resolve(io.cwd, explicit);
  if (configFile !== undefined && !existsSync(configFile)) throw new UsageError(`Configuration file ${configFile} does not exist`);
  const root = configFile === undefined ? io.cwd : dirname(configFile);
  const config = configFile === undefined ? {} : await readConfig(configFile, io);
  const dotenv = await readEnvFile(join(root, '.env'));
  const set = (value: string | undefined): string | undefined => (value === '' ? undefined : value);
  const env = (name: string): string | undefined => set(io.env[name]) ?? set(dotenv[name]);
  const path = (value: string | undefined, base: string): string | undefined => (value === undefined ? undefined : isAbsolute(value) ? value : resolve(base, value));
  const flag = (name: string): string | undefined => args.values.get(name);
  const timeout = flag('timeout') ?? env('APPWRITE_ORM_TIMEOUT_MS');
  const timeoutMs = timeout === undefined ? (config.timeoutMs ?? DEFAULTS.migrate.timeoutMs) : Number(timeout);
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new UsageError(`--timeout must be a positive number of milliseconds, got ${timeout}`);
  const schema = path(flag('schema'), io.cwd) ?? path(config.schema, root);
  return {
    root,
    ...(configFile === undefined ? {} : { configFile }),
    ...defined('endpoint', flag('endpoint') ?? env('APPWRITE_ENDPOINT') ?? config.endpoint),
    ...defined('projectId', flag('project') ?? env('APPWRITE_PROJECT_ID') ?? config.projectId),
    ...defined('apiKey', env('APPWRITE_API_KEY') ?? config.apiKey),
    ...defined('databaseId', flag('database') ?? env('APPWRITE_DATABASE_ID') ?? config.databaseId),
    ...defined('schema', schema),
    migrations: path(flag('migrations'), io.cwd) ?? path(config.migrations ?? 'migrations', root) ?? root,
    seeders: path(flag('seeders'), io.cwd) ?? path(config.seeders ?? 'seeders', root) ?? root,
    ...defined('historyTable', config.historyTable),
    ...defined('lockTable', config.lockTable),
    timeoutMs,
  };
}

function defined<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
