import { join } from 'node:path';
import { ServerORM } from '../../server/server-orm.js';
import { listScripts } from '../../schema/migrations/migration-files.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../args.js';
import type { Command, CommandContext, CommandOutcome } from '../command.js';
import { connect } from '../connection.js';
import { declaredTables } from '../schema-input.js';
import { writeTemplateFile } from '../write-file.js';

/** The seeder that runs alone when present (it calls the others it wants). */
const MAIN_SEEDER = 'DatabaseSeeder';

function chosen(scripts: ReadonlyMap<string, string>, only: string | undefined, folder: string): [string, string][] {
  if (only !== undefined) {
    const path = scripts.get(only);
    if (path === undefined) throw new UsageError(`No seeder ${only} in ${folder} (found: ${[...scripts.keys()].join(', ') || 'none'})`);
    return [[only, path]];
  }
  const main = scripts.get(MAIN_SEEDER);
  return main === undefined ? [...scripts] : [[MAIN_SEEDER, main]];
}

async function seed(context: CommandContext): Promise<CommandOutcome> {
  const { settings } = context;
  const scripts = chosen(await listScripts(settings.seeders), context.args.values.get('class'), settings.seeders);
  if (scripts.length === 0) {
    context.say(`No seeders in ${settings.seeders}.`);
    return { code: EXIT.ok, result: { ran: [] } };
  }
  const tables = await declaredTables(context, undefined);
  const connection = connect(settings);
  const orm = new ServerORM({ endpoint: connection.endpoint, projectId: connection.projectId, apiKey: settings.apiKey ?? '', databaseId: connection.databaseId, autoValidate: false });
  const db = await orm.init(tables);
  const ran: string[] = [];
  try {
    for (const [name, path] of scripts) {
      const exports = await context.load(path);
      const run = typeof exports.run === 'function' ? exports.run : exports.default;
      if (typeof run !== 'function') throw new Error(`Seeder ${name} (${path}) exports no run(db) function`);
      context.say(`Seeding: ${name}`);
      await (run as (database: typeof db) => unknown)(db);
      ran.push(name);
    }
  } finally {
    await db.close();
  }
  context.say(`Done: ${ran.length} seeder${ran.length === 1 ? '' : 's'}.`);
  return { code: EXIT.ok, result: { ran } };
}

async function makeSeeder(context: CommandContext): Promise<CommandOutcome> {
  const [name, ...extra] = context.args.positional;
  if (name === undefined || extra.length > 0 || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new UsageError('make:seeder takes one name of letters and digits, e.g. UserSeeder');
  const source = `import type { Database } from 'appwrite-orm';

export async function run(db: Database): Promise<void> {
  // await db.table('posts').create({ title: 'Hello' });
}
`;
  return writeTemplateFile(context, join(context.settings.seeders, `${name}.ts`), source);
}

/** `appwrite-orm seed [--class Name]`: runs seeders. */
export const seedCommand: Command = {
  name: 'seed',
  args: '',
  summary: 'run seeders (seeders/<Name>.ts exporting run(db))',
  description: `Runs seeders/DatabaseSeeder.ts when it exists, else every seeder in name order, or only --class.
Each exports run(db), where db is the ORM's database opened on the schema module's tables (writes are
validated against the schema and go through the cache as in the application).`,
  options: [
    { name: 'class', value: 'Name', help: 'run only this seeder' },
    { name: 'schema', value: 'file', help: 'the schema module (default: `schema` of the configuration)' },
    { name: 'seeders', value: 'dir', help: 'seeders folder (default: seeders)' },
  ],
  run: seed,
};

/** `appwrite-orm make:seeder <Name>`: a seeder file to fill in. */
export const makeSeederCommand: Command = {
  name: 'make:seeder',
  args: '<Name>',
  summary: 'write a seeder file',
  description: 'Writes seeders/<Name>.ts exporting run(db) to fill in.',
  options: [{ name: 'seeders', value: 'dir', help: 'seeders folder (default: seeders)' }],
  run: makeSeeder,
};
