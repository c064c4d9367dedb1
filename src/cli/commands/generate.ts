import { join } from 'node:path';
import { tableSpecs } from '../../schema/desired-spec.js';
import { migrationFileName } from '../../schema/migrations/migration-files.js';
import { migrationSource, migrationTemplate, type MigrationLanguage } from '../../schema/migrations/migration-source.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../args.js';
import type { Command, CommandContext, CommandOutcome } from '../command.js';
import { connect } from '../connection.js';
import { planTable } from '../plan-table.js';
import { askRenames } from '../rename-questions.js';
import { withoutRunnerTables } from '../../schema/migrations/runner-tables.js';
import { declaredTables } from '../schema-input.js';
import { writeNewFile, writeTemplateFile } from '../write-file.js';
import { pushPlan } from './push.js';

/** The file a new migration goes to, and its language: `--js` writes an ES module that needs no tsx. */
function newMigration(context: CommandContext, name: string): { path: string; language: MigrationLanguage } {
  const language = context.args.flags.has('js') ? 'js' : 'ts';
  return { path: join(context.settings.migrations, `${migrationFileName(name)}.${language === 'js' ? 'mjs' : 'ts'}`), language };
}

function nameArgument(context: CommandContext, what: string): string {
  const [name, ...extra] = context.args.positional;
  if (name === undefined || extra.length > 0) throw new UsageError(`${what} takes one name, e.g. add_posts`);
  return name;
}

async function generate(context: CommandContext): Promise<CommandOutcome> {
  const name = nameArgument(context, 'generate');
  const tables = await declaredTables(context, undefined);
  const connection = connect(context.settings);
  const live = withoutRunnerTables(await connection.port.readState(), context.settings);
  const desired = await askRenames(context, tableSpecs(tables), live);
  const plan = pushPlan(connection.databaseId, desired, live, { dropIndexes: true, allowDestructive: true, dropTables: context.args.flags.has('drop-tables') });
  const steps = plan.steps.filter((step) => step.kind !== 'createDatabase');
  if (steps.length === 0) {
    context.say('No changes: the database matches the schema; no file written.');
    return { code: EXIT.ok, result: { file: null, steps: [] } };
  }
  context.say(planTable({ ...plan, steps }));
  const target = newMigration(context, name);
  const file = await writeNewFile(target.path, migrationSource({ ...plan, steps }, live, target.language), context.io.cwd);
  context.say(`Created ${file}: review it, then run \`appwrite-orm migrate\`.`);
  return { code: EXIT.ok, result: { file, steps: plan.text.split('\n') } };
}

async function makeMigration(context: CommandContext): Promise<CommandOutcome> {
  const name = nameArgument(context, 'make:migration');
  const target = newMigration(context, name);
  return writeTemplateFile(context, target.path, migrationTemplate([], [], target.language));
}

/** `appwrite-orm generate <name>`: a migration file from the difference between the schema and the database. */
export const generateCommand: Command = {
  name: 'generate',
  args: '<name>',
  summary: 'write a migration file from the schema module vs the live database',
  description: `Compares the declared tables (the configuration's \`schema\`, or --schema) with the live
database and writes migrations/<timestamp>_<name>.ts: up() makes the changes, down() reverts them where it
can (dropped data is never restored). On a terminal it asks whether a new column is an undeclared one renamed
(declare renamedFrom to say so in the schema). Undeclared tables are kept unless --drop-tables. Writes nothing to Appwrite.`,
  options: [
    { name: 'schema', value: 'file', help: 'the schema module (default: `schema` of the configuration)' },
    { name: 'migrations', value: 'dir', help: 'migrations folder (default: migrations)' },
    { name: 'drop-tables', help: 'drop tables the schema does not declare' },
    { name: 'js', help: 'write an ES module (.mjs) instead of TypeScript (no tsx needed)' },
  ],
  run: generate,
};

/** `appwrite-orm make:migration <name>`: an empty migration file. */
export const makeMigrationCommand: Command = {
  name: 'make:migration',
  args: '<name>',
  summary: 'write an empty migration file',
  description: 'Writes migrations/<timestamp>_<name>.ts with empty up(m) and down(m) to fill in.',
  options: [
    { name: 'migrations', value: 'dir', help: 'migrations folder (default: migrations)' },
    { name: 'js', help: 'write an ES module (.mjs) instead of TypeScript (no tsx needed)' },
  ],
  run: makeMigration,
};
