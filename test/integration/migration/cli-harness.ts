import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import type { EmulatorFixture } from '../../helpers/emulator.js';

/** What one in-process run of the CLI printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process against the fixture's local server, in `cwd`, with `answers` for confirmations. */
export async function runIn(fixture: EmulatorFixture, cwd: string, argv: readonly string[], env: Record<string, string> = {}, answer?: boolean): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const { emu } = fixture;
  const code = await runCli(argv, {
    env: { APPWRITE_ENDPOINT: emu.endpoint, APPWRITE_PROJECT_ID: emu.projectId, APPWRITE_API_KEY: emu.apiKey, APPWRITE_DATABASE_ID: 'shop', ...env },
    cwd,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    ...(answer === undefined ? {} : { ask: () => Promise.resolve(answer) }),
    // Vitest compiles TypeScript itself; the tsx-based loader is exercised by the child-process tests.
    loadModule: (path) => import(pathToFileURL(path).href) as Promise<Record<string, unknown>>,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A temporary project folder per test, removed afterwards; `write` adds files to it. */
export function useProjectDir(): { readonly path: () => string; write(file: string, text: string): Promise<void>; create(): Promise<string> } {
  let current: string | undefined;
  afterEach(async () => {
    if (current !== undefined) await rm(current, { recursive: true, force: true });
    current = undefined;
  });
  const project = {
    path: () => {
      if (current === undefined) throw new Error('call create() first');
      return current;
    },
    async create() {
      current = await mkdtemp(join(tmpdir(), 'appwrite-orm-cli-'));
      return current;
    },
    async write(file: string, text: string) {
      const path = join(project.path(), file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    },
  };
  return project;
}
