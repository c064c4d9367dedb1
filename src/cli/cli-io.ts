/** A loaded module's exports. */
export type ModuleExports = Readonly<Record<string, unknown>>;

/** What a command reads from and writes to: the real process in `main.ts`, buffers in tests. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Asks a yes/no question; resolves `undefined` when nobody can answer (no terminal), and then a command
   * that needs an answer stops and asks for `--yes`.
   */
  readonly ask?: (question: string) => Promise<boolean | undefined>;
  /** Loads a schema, migration, seeder or configuration module. @default TypeScript through tsx, JavaScript natively */
  readonly loadModule?: (path: string, cwd: string) => Promise<ModuleExports>;
}
