/** An option a command accepts: a flag (`--yes`) or one that takes a value (`--step 2`, `--step=2`). */
export interface OptionSpec {
  readonly name: string;
  readonly value?: string;
  readonly help: string;
}

/** The command line after parsing: positional arguments, flags, and options with their values. */
export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
}

/** A command line that does not fit the command's options. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Parses `argv` against the options a command accepts; throws {@link UsageError} for an unknown option or a
 * missing value. `--` ends the options.
 *
 * @example
 * ```ts
 * parseArgs(['--step', '2', '--yes'], [{ name: 'step', value: 'n', help: '' }, { name: 'yes', help: '' }]);
 * // { positional: [], flags: Set { 'yes' }, values: Map { 'step' => '2' } }
 * ```
 */
export function parseArgs(argv: readonly string[], options: readonly OptionSpec[]): ParsedArgs {
  const specs = new Map(options.map((option) => [option.name, option]));
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--') {
      positional.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [rawName = '', inline] = arg.replace(/^--?/, '').split(/=(.*)/s, 2);
    const name = rawName === 'h' ? 'help' : rawName === 'v' ? 'version' : rawName;
    const spec = specs.get(name);
    if (spec === undefined) throw new UsageError(`Unknown option ${arg.split('=')[0]}`);
    if (spec.value === undefined) {
      if (inline !== undefined) throw new UsageError(`Option --${name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`Option --${name} needs a value (<${spec.value}>)`);
    values.set(name, value);
  }
  return { positional, flags, values };
}

/**
 * The help text of options, aligned: `  --step <n>   roll back the last n files`.
 *
 * @example
 * ```ts
 * optionsHelp([{ name: 'yes', help: 'do not ask' }]); // '  --yes  do not ask'
 * ```
 */
export function optionsHelp(options: readonly OptionSpec[]): string {
  const heads = options.map((option) => `--${option.name}${option.value === undefined ? '' : ` <${option.value}>`}`);
  const width = Math.max(...heads.map((head) => head.length));
  return options.map((option, index) => `  ${(heads[index] ?? '').padEnd(width)}  ${option.help}`).join('\n');
}
