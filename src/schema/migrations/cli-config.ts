/**
 * What `appwrite-orm.config.{ts,mts,js,mjs,cjs,json}` holds (every key optional). Relative paths are read
 * from the folder of the configuration file.
 *
 * @example
 * ```ts
 * // appwrite-orm.config.ts
 * export default {
 *   endpoint: 'http://localhost/v1', projectId: 'shop', databaseId: 'shop',
 *   schema: 'src/schema.ts', migrations: 'migrations', seeders: 'seeders',
 * } satisfies CliConfig;
 * ```
 */
export interface CliConfig {
  readonly endpoint?: string;
  readonly projectId?: string;
  /** Better kept out of the file: `APPWRITE_API_KEY` in the environment or in `.env`. */
  readonly apiKey?: string;
  readonly databaseId?: string;
  /** The module that declares the tables (for push, generate and seed). */
  readonly schema?: string;
  /** @default 'migrations' */
  readonly migrations?: string;
  /** @default 'seeders' */
  readonly seeders?: string;
  /** Id of the table that records applied migrations. @default 'orm_migrations' */
  readonly historyTable?: string;
  /** Id of the table that holds the migration lock. @default 'orm_migration_lock' */
  readonly lockTable?: string;
  /** Longest wait for one column or index to become available, in ms. @default `DEFAULTS.migrate.timeoutMs` (60_000) */
  readonly timeoutMs?: number;
}
