#!/usr/bin/env node
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliIo } from './cli-io.js';
import { loadModule, projectFormat } from './module-loader.js';

type CliModule = { runCli(argv: readonly string[], io: CliIo): Promise<number> };

/**
 * Loads the command line in the module format of the user's project: the CommonJS build in a CommonJS
 * project, the ES module build otherwise. The user's schema, migration and seeder files then import the same
 * copy of appwrite-orm (and of node-appwrite) as the CLI itself.
 */
async function loadCli(): Promise<CliModule> {
  const here = fileURLToPath(import.meta.url);
  const built = !here.endsWith('.ts');
  if (built && projectFormat(process.cwd()) === 'commonjs') return createRequire(import.meta.url)(join(dirname(here), 'run-cli.cjs')) as CliModule;
  return (await import(pathToFileURL(join(dirname(here), built ? 'run-cli.js' : 'run-cli.ts')).href)) as CliModule;
}

async function ask(question: string): Promise<boolean | undefined> {
  if (process.stdin.isTTY !== true) return undefined;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

void loadCli()
  .then((cli) =>
    cli.runCli(process.argv.slice(2), {
      env: process.env,
      cwd: process.cwd(),
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      ask,
      // From this ES module: the CommonJS build would turn the loader's import() into require().
      loadModule,
    }),
  )
  .then((code) => {
    process.exitCode = code;
  });
