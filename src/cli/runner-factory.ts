import { hostname } from 'node:os';
import { listMigrationFiles } from '../schema/migrations/migration-files.js';
import { LOCK_DEFAULTS } from '../schema/migrations/migration-lock.js';
import { MigrationRunner, type MigrationModule, type MigrationRunEvent } from '../schema/migrations/migration-runner.js';
import { UsageError } from './args.js';
import type { CommandContext } from './command.js';
import type { Connection } from './connection.js';
import { progressLine } from './commands/push.js';

function migrationModule(exports: Readonly<Record<string, unknown>>, path: string): MigrationModule {
  if (typeof exports.up !== 'function') throw new Error(`${path} exports no up(m) function`);
  return exports as unknown as MigrationModule;
}

function eventLine(event: MigrationRunEvent): string {
  switch (event.type) {
    case 'start':
      return `${event.direction === 'up' ? 'Migrating' : 'Rolling back'}: ${event.name}`;
    case 'done':
      return `${event.direction === 'up' ? 'Migrated' : 'Rolled back'}:  ${event.name}`;
    case 'changed':
      return `Warning: ${event.name} was edited after it ran (checksum differs); the change is not applied`;
    case 'waiting':
      return `Waiting for the migration lock (held by ${event.holder} until ${event.until})…`;
    case 'dropped':
      return `Dropped table ${event.tableId}`;
  }
}

/**
 * The migration runner for a command: the files of the configured folder, loaded through the CLI's module
 * loader, with progress lines.
 *
 * @example
 * ```ts
 * const runner = await createRunner(context, connect(context.settings));
 * await runner.migrate();
 * ```
 */
export async function createRunner(context: CommandContext, connection: Connection): Promise<MigrationRunner> {
  const { settings, args } = context;
  const waitText = args.values.get('lock-timeout');
  const waitMs = waitText === undefined ? LOCK_DEFAULTS.waitMs : Number(waitText);
  if (!(Number.isFinite(waitMs) && waitMs >= 0)) throw new UsageError(`--lock-timeout must be a number of milliseconds, got ${waitText}`);
  return new MigrationRunner({
    databaseId: connection.databaseId,
    databaseName: connection.databaseId,
    port: connection.port,
    rows: connection.rows,
    apply: connection.apply((event) => {
      // Progress while Appwrite builds what a file asked for (finished tables are implied by the next line).
      if (event.type !== 'table') context.say(`  ${progressLine(event)}`);
    }),
    files: await listMigrationFiles(settings.migrations),
    load: async (file) => migrationModule(await context.load(file.path), file.path),
    lock: { owner: `${hostname()}:${process.pid}`, waitMs },
    ...(settings.historyTable === undefined ? {} : { historyTable: settings.historyTable }),
    ...(settings.lockTable === undefined ? {} : { lockTable: settings.lockTable }),
    onEvent: (event) => context.say(eventLine(event)),
  });
}
