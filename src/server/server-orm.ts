import { TablesDB, type Client } from 'node-appwrite';
import { SchemaDriftError } from '../errors/schema-drift-error.js';
import { applyPlan, type MigrationProgress, type MigrationResult } from '../schema/applier.js';
import { checkTableDefinitions } from '../schema/definition-check.js';
import { tableSpecs } from '../schema/desired-spec.js';
import type { MigrationPlan } from '../schema/migration-plan.js';
import { differenceLines } from '../schema/plan-renderer.js';
import { planMigration } from '../schema/planner.js';
import { withoutRunnerTables } from '../schema/migrations/runner-tables.js';
import type { TableDefinition } from '../schema/table-definition.js';
import { createAppwriteClient } from '../appwrite/appwrite-client.js';
import { resolveConfig, type ResolvedConfig, type ServerORMConfig } from './config.js';
import type { Database } from './database.js';
import { openDatabase } from './database-open.js';
import { MigrationGateway } from '../appwrite/migration-gateway.js';
import { schemaCheckFailure } from '../appwrite/schema-check-failure.js';

/** Per-call options of {@link ServerORM.migrate}. */
export interface MigrateOptions {
  /** Called for every applied step, every wait for Appwrite, and every finished table. */
  readonly onProgress?: (event: MigrationProgress) => void;
}

/**
 * The entry point on the server: validates the configuration, brings Appwrite to the declared schema, and
 * opens the typed, cached database.
 *
 * @example
 * ```ts
 * const orm = new ServerORM({ endpoint, projectId, databaseId, apiKey, autoMigrate: true });
 * const db = await orm.init([
 *   { name: 'products', schema: { name: { type: 'string', required: true }, price: { type: 'float', min: 0 } } },
 * ]);
 * await db.table('products').create({ name: 'Pen', price: 2 });
 * ```
 */
export class ServerORM {
  /** The configuration with its defaults (the API key is not enumerable). */
  readonly config: ResolvedConfig;
  // Private fields: the client (and the gateway's TablesDB) hold the API key; nothing may render them.
  readonly #client: Client;
  readonly #gateway: MigrationGateway;

  /** Validates the configuration; throws a `ConfigError` (that never shows the API key) when it is invalid. */
  constructor(config: ServerORMConfig) {
    this.config = resolveConfig(config);
    const { endpoint, projectId, apiKey, databaseId, timeoutMs } = this.config;
    this.#client = createAppwriteClient({ endpoint, projectId, credentials: { apiKey } });
    this.#gateway = new MigrationGateway(new TablesDB(this.#client), databaseId, timeoutMs);
  }

  /**
   * Checks the declarations, then migrates Appwrite to them (`autoMigrate`) or checks that it matches them
   * (`autoValidate`, throwing `SchemaDriftError` with every difference), and returns the database.
   * A second `init` with an unchanged schema writes nothing and reads the schema with one request.
   *
   * @example
   * ```ts
   * const db = await orm.init([productsTable, ordersTable] as const);
   * const rows = await db.table('products').all();
   * ```
   */
  async init<const T extends readonly TableDefinition[]>(tables: T): Promise<Database<T>> {
    checkTableDefinitions(tables);
    if (this.config.autoMigrate) await this.migrate(tables);
    else if (this.config.autoValidate) {
      // Nothing migrates here: a refused schema read is an AppwriteError naming the check, not a MigrationError.
      const plan = await this.plan(tables).catch((error: unknown) => { throw schemaCheckFailure(error, this.config.databaseId); });
      const differences = differenceLines(plan);
      if (differences.length > 0) throw new SchemaDriftError(this.config.databaseId, differences);
    }
    const db = openDatabase({ config: this.config, tables, client: this.#client });
    await db.ready();
    return db;
  }

  /**
   * Reads the live schema (one request) and returns what a migration would do, without writing anything.
   * `plan.text` renders it one line per step.
   *
   * @example
   * ```ts
   * const plan = await orm.plan(tables);
   * console.log(plan.text); // + table products (3 columns, 1 index)
   * ```
   */
  async plan(tables: readonly TableDefinition[]): Promise<MigrationPlan> {
    checkTableDefinitions(tables);
    const { databaseId, databaseName, migrate } = this.config;
    const state = await this.#gateway.readState();
    // The migration runner's history and lock tables (`migrate.historyTable`, `migrate.lockTable`) are never undeclared tables to drop.
    const live = withoutRunnerTables(state, migrate);
    return planMigration({ databaseId, databaseName, desired: tableSpecs(tables), live, options: migrate });
  }

  /**
   * Brings Appwrite to the declared schema: plans, then applies (creating the database and tables,
   * adding and updating columns, waiting for them, creating indexes). Throws a `MigrationError` without
   * writing anything when the plan holds changes that lose data and `migrate.allowDestructive` is off.
   *
   * @example
   * ```ts
   * const result = await orm.migrate(tables, { onProgress: (event) => console.log(event) });
   * console.log(result.plan.text);
   * ```
   */
  async migrate(tables: readonly TableDefinition[], options: MigrateOptions = {}): Promise<MigrationResult> {
    const plan = await this.plan(tables);
    const { concurrency, timeoutMs } = this.config.migrate;
    const result = await applyPlan(plan, this.#gateway, { concurrency, timeoutMs, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) });
    if (plan.steps.length > 0) this.config.logger.info(`Migrated database "${plan.databaseId}" in ${result.durationMs} ms:\n${plan.text}`);
    return result;
  }
}
