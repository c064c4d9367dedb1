import { OrmError } from '../errors/orm-error.js';
import type { MigrationProgress } from '../schema/applier.js';
import { ServerORM } from '../server/server-orm.js';
import { loadTables } from './load-tables.js';

/** What a command reads from and writes to; the real process in `main.ts`, buffers in tests. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const MIGRATE_USAGE = `Usage: appwrite-orm migrate <schema-module> [--dry-run] [--drop-indexes] [--allow-destructive]

Brings an Appwrite database to the tables a module declares (its default export, its \`tables\` export,
or every exported table declaration). Prints the plan, then applies it with progress per table.

Environment: APPWRITE_ENDPOINT, APPWRITE_PROJECT_ID, APPWRITE_API_KEY, APPWRITE_DATABASE_ID

Options:
  --dry-run            print the plan, change nothing
  --drop-indexes       drop indexes the schema does not declare, recreate changed ones
  --allow-destructive  delete undeclared columns and tables, recreate retyped columns (data is lost)
`;

const ENV = ['APPWRITE_ENDPOINT', 'APPWRITE_PROJECT_ID', 'APPWRITE_API_KEY', 'APPWRITE_DATABASE_ID'] as const;

function progressLine(event: MigrationProgress): string | undefined {
  if (event.type === 'step') return `  ${event.line}`;
  if (event.type === 'wait') return `  … ${event.tableId}: waiting for ${event.what}`;
  return `✓ ${event.tableId}: ${event.steps} step${event.steps === 1 ? '' : 's'} in ${event.durationMs} ms`;
}

/**
 * `appwrite-orm migrate <schema-module> [--dry-run]`. Resolves to the process exit code.
 *
 * @example
 * ```ts
 * const code = await runMigrateCommand(['src/schema.ts', '--dry-run'], { env: process.env, cwd: process.cwd(), stdout: console.log, stderr: console.error });
 * ```
 */
export async function runMigrateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = new Set(argv.filter((arg) => arg.startsWith('-')));
  const positional = argv.filter((arg) => !arg.startsWith('-'));
  const unknown = [...flags].filter((flag) => !['--dry-run', '--drop-indexes', '--allow-destructive', '--help', '-h'].includes(flag));
  if (flags.has('--help') || flags.has('-h')) {
    io.stdout(MIGRATE_USAGE);
    return 0;
  }
  if (positional.length !== 1 || unknown.length > 0) {
    io.stderr(`${unknown.length > 0 ? `Unknown option ${unknown.join(', ')}\n\n` : ''}${MIGRATE_USAGE}`);
    return 2;
  }
  const missing = ENV.filter((name) => (io.env[name] ?? '') === '');
  if (missing.length > 0) {
    io.stderr(`Missing environment variable${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}\n`);
    return 2;
  }
  try {
    const tables = await loadTables(positional[0] ?? '', io.cwd);
    const orm = new ServerORM({
      endpoint: io.env.APPWRITE_ENDPOINT ?? '',
      projectId: io.env.APPWRITE_PROJECT_ID ?? '',
      apiKey: io.env.APPWRITE_API_KEY ?? '',
      databaseId: io.env.APPWRITE_DATABASE_ID ?? '',
      migrate: { dropIndexes: flags.has('--drop-indexes'), allowDestructive: flags.has('--allow-destructive') },
    });
    const plan = await orm.plan(tables);
    io.stdout(`Database ${plan.databaseId}: ${tables.length} declared table${tables.length === 1 ? '' : 's'}\n${plan.text}\n`);
    if (flags.has('--dry-run')) return 0;
    if (plan.refused.length > 0) {
      io.stderr('Refused changes: nothing was written. Re-run with the option each line names to allow them.\n');
      return 1;
    }
    if (plan.steps.length === 0) return 0;
    io.stdout('Applying…\n');
    const result = await orm.migrate(tables, { onProgress: (event) => io.stdout(`${progressLine(event)}\n`) });
    io.stdout(`Done: ${result.applied} step${result.applied === 1 ? '' : 's'} in ${result.durationMs} ms\n`);
    return 0;
  } catch (error) {
    io.stderr(`${error instanceof OrmError ? `${error.name}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
