import { EXIT } from '../exit-codes.js';
import type { Command, CommandContext, CommandOutcome } from '../command.js';
import { connect } from '../connection.js';
import { createRunner } from '../runner-factory.js';

async function status(context: CommandContext): Promise<CommandOutcome> {
  const runner = await createRunner(context, connect(context.settings));
  const entries = await runner.status();
  if (entries.length === 0) context.say('No migrations.');
  const width = Math.max(0, ...entries.map((entry) => entry.name.length));
  for (const entry of entries) {
    const state = entry.state === 'applied' ? `applied (batch ${entry.batch})` : entry.state === 'missing' ? `applied (batch ${entry.batch}), file missing` : 'pending';
    context.say(`  ${entry.name.padEnd(width)}  ${state}${entry.changed ? ', CHANGED after it ran' : ''}`);
  }
  const pending = entries.filter((entry) => entry.state === 'pending').length;
  const changed = entries.filter((entry) => entry.changed).length;
  context.say(`${pending} pending${changed === 0 ? '' : `, ${changed} changed after running`}.`);
  return { code: EXIT.ok, result: { migrations: entries, pending, changed } };
}

/** `appwrite-orm migrate:status`: every migration with its state. */
export const statusCommand: Command = {
  name: 'migrate:status',
  args: '',
  summary: 'list migrations: applied (with batch), pending, edited after running',
  description: 'Lists every migration file and every recorded migration: applied (with its batch), pending, or\nrecorded without its file; a file edited after it ran is flagged (its checksum differs). Writes nothing.',
  options: [{ name: 'migrations', value: 'dir', help: 'migrations folder (default: migrations)' }],
  run: status,
};
