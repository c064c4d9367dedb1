import { startAppwriteEmulator, type AppwriteEmulator, type AppwriteEmulatorOptions } from './emulator.js';

const USAGE = `Usage: appwrite-orm emulator [options]

Starts an Appwrite-compatible TablesDB server for local development and tests.

Options:
  --port <n>           TCP port (default 4080; 0 picks a free one)
  --host <address>     interface to listen on (default 127.0.0.1)
  --project <id>       project ID clients must send (default emulator)
  --key <key>          API key clients must send (default emulator-api-key)
  --column-delay <ms>  time new columns and indexes stay "processing" (default 25)
  --persist <file>     load state from this JSON file and save changes to it
  --help               show this help
`;

/** Parsed command line of `appwrite-orm emulator`. */
export interface EmulatorCommandOptions extends AppwriteEmulatorOptions {
  readonly help: boolean;
}

function numberFlag(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`${flag} needs a non-negative integer, got ${value ?? 'nothing'}`);
  }
  return parsed;
}

/**
 * Parses `--port`, `--host`, `--project`, `--key`, `--column-delay` and `--persist` (also as `--flag=value`).
 *
 * @example
 * ```ts
 * parseEmulatorArgs(['--port', '4080', '--persist', '.appwrite-emulator.json']);
 * ```
 */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorCommandOptions {
  const options: { -readonly [K in keyof EmulatorCommandOptions]: EmulatorCommandOptions[K] } = { help: false, port: 4080 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--help': case '-h': options.help = true; break;
      case '--port': options.port = numberFlag(flag, value()); break;
      case '--host': options.host = value(); break;
      case '--project': options.projectId = value(); break;
      case '--key': options.apiKey = value(); break;
      case '--column-delay': options.columnDelayMs = numberFlag(flag, value()); break;
      case '--persist': options.persistPath = value(); break;
      default: throw new Error(`Unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return options;
}

/**
 * Runs `appwrite-orm emulator`: starts the server, prints how to connect, and stops (saving state when
 * `--persist` is given) on SIGINT or SIGTERM. Resolves once stopped.
 *
 * @example
 * ```ts
 * await runEmulatorCommand(process.argv.slice(3));
 * ```
 */
export async function runEmulatorCommand(
  argv: readonly string[],
  io: { readonly write: (text: string) => void; readonly signals?: NodeJS.EventEmitter } = { write: (text) => process.stdout.write(text) },
): Promise<void> {
  const options = parseEmulatorArgs(argv);
  if (options.help) {
    io.write(USAGE);
    return;
  }
  const emulator: AppwriteEmulator = await startAppwriteEmulator(options);
  io.write(
    `Appwrite emulator running\n  endpoint: ${emulator.endpoint}\n  project:  ${emulator.projectId}\n  key:      ${emulator.apiKey}\n` +
      (options.persistPath === undefined ? '' : `  state:    ${options.persistPath}\n`) +
      'Press Ctrl+C to stop.\n',
  );
  const signals = io.signals ?? process;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  await emulator.close();
  io.write('Appwrite emulator stopped.\n');
}
