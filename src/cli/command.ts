import type { OptionSpec, ParsedArgs } from './args.js';
import type { CliSettings } from './cli-config.js';
import type { CliIo, ModuleExports } from './cli-io.js';
import { DEFAULTS } from '../server/defaults.js';

/** What a command works with. */
export interface CommandContext {
  readonly io: CliIo;
  readonly args: ParsedArgs;
  readonly settings: CliSettings;
  /** `--json`: progress is silent and the outcome is one JSON document on stdout. */
  readonly json: boolean;
  /** Writes a line of progress (not in `--json` mode). */
  say(text: string): void;
  /** Loads a schema, migration or seeder module. */
  load(path: string): Promise<ModuleExports>;
  /**
   * Asks before something destructive: `true` with `--yes` or a yes, `false` on a no; without a terminal and
   * without `--yes` it throws a `RefusedError`.
   */
  confirm(question: string): Promise<boolean>;
}

/** What a command ends with: its exit code and, for `--json`, what it did. */
export interface CommandOutcome {
  readonly code: number;
  readonly result?: Readonly<Record<string, unknown>>;
}

/** One command of the binary. */
export interface Command {
  readonly name: string;
  /** Arguments shown after the name in usage lines: `<name>`, `[schema-module]`. */
  readonly args: string;
  readonly summary: string;
  /** Paragraphs shown by `--help` after the usage line. */
  readonly description: string;
  readonly options: readonly OptionSpec[];
  run(context: CommandContext): Promise<CommandOutcome>;
}

/** A change that needs an opt-in or a confirmation that was not given; nothing was written. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'config', value: 'file', help: 'configuration file (default: appwrite-orm.config.{ts,js,json} found upward)' },
  { name: 'endpoint', value: 'url', help: 'Appwrite endpoint (env APPWRITE_ENDPOINT)' },
  { name: 'project', value: 'id', help: 'project id (env APPWRITE_PROJECT_ID)' },
  { name: 'database', value: 'id', help: 'database id (env APPWRITE_DATABASE_ID); the API key comes from APPWRITE_API_KEY' },
  { name: 'timeout', value: 'ms', help: `longest wait for a column or index to become available (default ${DEFAULTS.migrate.timeoutMs})` },
  { name: 'json', help: 'print the outcome as one JSON document (for CI)' },
  { name: 'yes', help: 'answer yes to confirmations (for CI)' },
  { name: 'help', help: 'show this help' },
  { name: 'version', help: 'print the version' },
];
