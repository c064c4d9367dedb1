import { TablesDB } from 'node-appwrite';
import { createAppwriteClient } from '../appwrite/appwrite-client.js';
import { MigrationGateway } from '../appwrite/migration-gateway.js';
import { DEFAULTS } from '../server/defaults.js';
import { TablesDbAdapter } from '../appwrite/tables-db-adapter.js';
import type { ApplyOptions, MigrationProgress } from '../schema/applier.js';
import type { MigrationSchemaPort, RowStore } from '../schema/migrations/migrator.js';
import { UsageError } from './args.js';
import type { CliSettings } from './cli-config.js';

/** The Appwrite side of a command: one database, its schema port and its rows. */
export interface Connection {
  readonly endpoint: string;
  readonly projectId: string;
  readonly databaseId: string;
  readonly port: MigrationSchemaPort;
  readonly rows: RowStore;
  /** How schema changes are applied and waited for, with progress. */
  apply(onProgress?: (event: MigrationProgress) => void): ApplyOptions;
}

const NEEDED = [
  ['endpoint', 'APPWRITE_ENDPOINT', '--endpoint'],
  ['projectId', 'APPWRITE_PROJECT_ID', '--project'],
  ['apiKey', 'APPWRITE_API_KEY', 'the environment or .env'],
  ['databaseId', 'APPWRITE_DATABASE_ID', '--database'],
] as const;

/**
 * Connects to the database the settings name; throws a usage error listing every missing setting.
 *
 * @example
 * ```ts
 * const connection = connect(settings);
 * const live = await connection.port.readState();
 * ```
 */
export function connect(settings: CliSettings): Connection {
  const missing = NEEDED.filter(([key]) => settings[key] === undefined);
  if (missing.length > 0) {
    const lines = missing.map(([key, env, where]) => `  ${key}: set ${env}${where.startsWith('--') ? ` or pass ${where}` : ` in ${where}`}`);
    throw new UsageError(`Missing setting${missing.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
  }
  const endpoint = settings.endpoint ?? '';
  const projectId = settings.projectId ?? '';
  const apiKey = settings.apiKey ?? '';
  const databaseId = settings.databaseId ?? '';
  const client = createAppwriteClient({ endpoint, projectId, credentials: { apiKey } });
  return {
    endpoint,
    projectId,
    databaseId,
    port: new MigrationGateway(new TablesDB(client), databaseId),
    rows: new TablesDbAdapter(client, databaseId, DEFAULTS.retry),
    apply: (onProgress?: (event: MigrationProgress) => void): ApplyOptions => ({ concurrency: 4, timeoutMs: settings.timeoutMs, ...(onProgress === undefined ? {} : { onProgress }) }),
  };
}
