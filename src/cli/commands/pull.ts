import { resolve } from 'node:path';
import { schemaSource } from '../../schema/migrations/schema-source.js';
import { EXIT } from '../exit-codes.js';
import type { Command, CommandContext, CommandOutcome } from '../command.js';
import { connect } from '../connection.js';
import { runnerTableIds } from '../../schema/migrations/runner-tables.js';
import { writeNewFile } from '../write-file.js';

async function pull(context: CommandContext): Promise<CommandOutcome> {
  const { settings, args, io } = context;
  const connection = connect(settings);
  const live = await connection.port.readState();
  const { source, skipped } = schemaSource(live, runnerTableIds(settings));
  for (const column of skipped) io.stderr(`Skipped column ${column}: the ORM cannot declare its type\n`);
  const out = args.values.get('out');
  if (out === '-') {
    if (!context.json) io.stdout(source);
    return { code: EXIT.ok, result: { source, skipped } };
  }
  const path = out === undefined ? (settings.schema ?? resolve(settings.root, 'src/schema.ts')) : resolve(io.cwd, out);
  const file = await writeNewFile(path, source, io.cwd, args.flags.has('force'));
  const count = live.tables.length - live.tables.filter((table) => runnerTableIds(settings).includes(table.id)).length;
  context.say(`Wrote ${file}: ${count} table${count === 1 ? '' : 's'} of database ${connection.databaseId}.`);
  return { code: EXIT.ok, result: { file, tables: count, skipped } };
}

/** `appwrite-orm pull`: a schema module from the live database. */
export const pullCommand: Command = {
  name: 'pull',
  args: '',
  summary: 'write a schema module from the live database',
  description: `Reads the live database (tables, columns, indexes, relationships, permissions) and writes a schema
module that declares it as it is: pushing or generating from it changes nothing. Columns of types the ORM
cannot declare are reported and left out.`,
  options: [
    { name: 'out', value: 'file', help: 'where to write (default: `schema` of the configuration, else src/schema.ts; - for stdout)' },
    { name: 'force', help: 'replace the file when it exists' },
  ],
  run: pull,
};
