import { LOCK_DEFAULTS } from '../../schema/migrations/migration-lock.js';
import { EXIT } from '../exit-codes.js';
import { RefusedError, type Command, type CommandContext, type CommandOutcome } from '../command.js';
import { UsageError } from '../args.js';
import { connect } from '../connection.js';
import { createRunner } from '../runner-factory.js';
import { PUSH_OPTIONS, runPush } from './push.js';

function steps(context: CommandContext): number | undefined {
  const text = context.args.values.get('step');
  if (text === undefined) return undefined;
  const count = Number(text);
  if (!(Number.isInteger(count) && count > 0)) throw new UsageError(`--step must be a positive whole number, got ${text}`);
  return count;
}

function ranLine(ran: readonly string[], verb: string): string {
  return ran.length === 0 ? `Nothing to ${verb}.` : `Done: ${ran.length} migration${ran.length === 1 ? '' : 's'} ${verb === 'migrate' ? 'applied' : 'rolled back'}.`;
}

async function migrate(context: CommandContext): Promise<CommandOutcome> {
  const { args, io } = context;
  // `migrate <schema-module>` is the earlier spelling of `push`.
  if (args.positional.length > 0) return runPush(context);
  const rollback = args.flags.has('rollback');
  const fresh = args.flags.has('fresh');
  if (rollback && fresh) throw new UsageError('--rollback and --fresh cannot be combined');
  if (args.values.has('step') && !rollback) throw new UsageError('--step goes with --rollback');
  const count = steps(context);
  const connection = connect(context.settings);
  const runner = await createRunner(context, connection);
  if (fresh) {
    const environment = io.env.NODE_ENV ?? '';
    if (environment === 'production') throw new RefusedError('migrate --fresh drops every table: refused when NODE_ENV=production');
    if (!args.flags.has('force')) throw new RefusedError('migrate --fresh drops every table of the database and its rows: add --force to allow it');
    if (!(await context.confirm(`Drop every table of database ${connection.databaseId} and run every migration again?`))) return { code: EXIT.refused };
    const result = await runner.fresh();
    context.say(ranLine(result.ran, 'migrate'));
    return { code: EXIT.ok, result: { action: 'fresh', ...result } };
  }
  if (rollback) {
    const target = count === undefined ? 'the last batch' : `the last ${count} migration${count === 1 ? '' : 's'}`;
    if (!(await context.confirm(`Roll back ${target} of database ${connection.databaseId} (down() may drop tables and columns)?`))) return { code: EXIT.refused };
    const result = await runner.rollback(count);
    context.say(ranLine(result.ran, 'roll back'));
    return { code: EXIT.ok, result: { action: 'rollback', ...result } };
  }
  const result = await runner.migrate();
  context.say(result.ran.length === 0 ? 'Nothing to migrate.' : `Done: batch ${result.batch}, ${result.ran.length} migration${result.ran.length === 1 ? '' : 's'} applied.`);
  return { code: EXIT.ok, result: { action: 'migrate', ...result } };
}

const DESCRIPTION = `Runs the pending files of the migrations folder (migrations/<timestamp>_<name>.ts, each exporting
up(m) and down(m)) in name order as one batch, and records them in the history table. A lock row makes a
second run wait until the first has finished. With a schema module it works as \`push\` (earlier spelling).`;

/** `appwrite-orm migrate`: runs migration files (or pushes a schema module, its earlier use). */
export const migrateCommand: Command = {
  name: 'migrate',
  args: '[schema-module]',
  summary: 'run pending migration files as one batch (--rollback, --fresh)',
  description: DESCRIPTION,
  options: [
    { name: 'rollback', help: 'run down() of the last batch, newest first (asks first)' },
    { name: 'step', value: 'n', help: 'with --rollback: the last n migrations instead of the last batch' },
    { name: 'fresh', help: 'drop every table and run every migration again (needs --force; never with NODE_ENV=production)' },
    { name: 'force', help: 'allow --fresh' },
    { name: 'migrations', value: 'dir', help: 'migrations folder (default: migrations)' },
    { name: 'lock-timeout', value: 'ms', help: `longest wait for another run holding the lock (default ${LOCK_DEFAULTS.waitMs})` },
    ...PUSH_OPTIONS,
  ],
  run: migrate,
};
