import { runMigrateCommand, type CliIo } from './migrate-command.js';

export const USAGE = `Usage: appwrite-orm <command> [options]

Commands:
  migrate <schema-module> [--dry-run]   bring Appwrite to the declared schema (see: appwrite-orm migrate --help)
  emulator [options]                    start the local Appwrite-compatible server (see: appwrite-orm emulator --help)
`;

/**
 * The `appwrite-orm` command line. Resolves to the process exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      return runMigrateCommand(rest, io);
    case 'emulator': {
      try {
        const { runEmulatorCommand } = await import('../testing/emulator-cli.js');
        await runEmulatorCommand(rest, { write: io.stdout });
        return 0;
      } catch (error) {
        io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`Unknown command ${command}\n\n${USAGE}`);
      return 2;
  }
}
