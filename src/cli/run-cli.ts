import { OrmError } from '../errors/orm-error.js';
import { LockTimeoutError } from '../schema/migrations/migration-lock.js';
import { optionsHelp, parseArgs, UsageError } from './args.js';
import { resolveSettings } from './cli-config.js';
import type { CliIo } from './cli-io.js';
import { GLOBAL_OPTIONS, RefusedError, type Command, type CommandContext } from './command.js';
import { generateCommand, makeMigrationCommand } from './commands/generate.js';
import { migrateCommand } from './commands/migrate.js';
import { pullCommand } from './commands/pull.js';
import { pushCommand } from './commands/push.js';
import { makeSeederCommand, seedCommand } from './commands/seed.js';
import { statusCommand } from './commands/status.js';
import { EXIT } from './exit-codes.js';
import { loadModule } from './module-loader.js';
import { packageVersion } from './package-version.js';

export type { CliIo } from './cli-io.js';

const COMMANDS: readonly Command[] = [migrateCommand, statusCommand, generateCommand, makeMigrationCommand, pushCommand, pullCommand, seedCommand, makeSeederCommand];

const EXIT_CODES = `Exit codes: 0 done, 1 failed, 2 bad usage or settings, 3 refused (destructive change not allowed or
not confirmed; nothing written), 4 migration lock held by another run for too long.`;

/** The overview `appwrite-orm --help` prints. */
export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => `${command.name} ${command.args}`.length), 'emulator [options]'.length);
  const lines = COMMANDS.map((command) => `  ${`${command.name} ${command.args}`.padEnd(width)}  ${command.summary}`);
  lines.push(`  ${'emulator [options]'.padEnd(width)}  start the local Appwrite-compatible server`);
  return `Usage: appwrite-orm <command> [options]

Commands:
${lines.join('\n')}

Settings come from flags, then the environment, then .env, then appwrite-orm.config.{ts,js,json}
(found upward from the working directory). Every command takes --help, --version, --json and --yes.
${EXIT_CODES}
`;
}

function commandHelp(command: Command): string {
  return `Usage: appwrite-orm ${command.name}${command.args === '' ? '' : ` ${command.args}`} [options]

${command.description}

Options:
${optionsHelp(command.options)}

Global options:
${optionsHelp(GLOBAL_OPTIONS)}

${EXIT_CODES}
`;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof RefusedError) return EXIT.refused;
  if (error instanceof LockTimeoutError) return EXIT.locked;
  return EXIT.failed;
}

function describe(error: unknown): string {
  if (error instanceof OrmError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

async function runCommand(command: Command, argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: number, error: unknown): number => {
    const message = describe(error);
    if (json) io.stdout(`${JSON.stringify({ command: command.name, ok: false, exitCode: code, error: { name: error instanceof Error ? error.name : 'Error', ...(error instanceof OrmError ? { code: error.code } : {}), message } })}\n`);
    else io.stderr(`${message}${code === EXIT.usage && error instanceof UsageError ? `\n\nSee: appwrite-orm ${command.name} --help` : ''}\n`);
    return code;
  };
  try {
    const args = parseArgs(argv, [...command.options, ...GLOBAL_OPTIONS]);
    if (args.flags.has('help')) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    if (args.flags.has('version')) {
      io.stdout(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    const settings = await resolveSettings(args, io);
    const load = (path: string) => (io.loadModule ?? loadModule)(path, settings.root);
    const context: CommandContext = {
      io,
      args,
      settings,
      json,
      say: (text) => {
        if (!json) io.stdout(`${text}\n`);
      },
      load,
      confirm: async (question) => {
        if (args.flags.has('yes')) return true;
        const answer = io.ask === undefined ? undefined : await io.ask(`${question} [y/N] `);
        if (answer === undefined) throw new RefusedError(`${question}\nNo terminal to ask: re-run with --yes to confirm. Nothing was written.`);
        return answer;
      },
    };
    const outcome = await command.run(context);
    if (json) io.stdout(`${JSON.stringify({ command: command.name, ok: outcome.code === EXIT.ok, exitCode: outcome.code, ...outcome.result })}\n`);
    return outcome.code;
  } catch (error) {
    return fail(exitCodeOf(error), error);
  }
}

/**
 * The `appwrite-orm` command line. Resolves to the process exit code (see `EXIT`).
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'emulator') {
    try {
      const { runEmulatorCommand } = await import('../testing/emulator-cli.js');
      await runEmulatorCommand(rest, { write: io.stdout });
      return EXIT.ok;
    } catch (error) {
      io.stderr(`${describe(error)}\n`);
      return EXIT.usage;
    }
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr(`Unknown command ${name}\n\n${usage()}`);
    return EXIT.usage;
  }
  return runCommand(command, rest, io);
}
