import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import tsupConfig from '../../../tsup.config.js';
import { PACK_DIR_ENV } from './pack-dir.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
/** Longest wait for another worker's pack, and between two looks at it. */
const WAIT_MS = 120_000;
const POLL_MS = 200;

/**
 * Builds the package's JavaScript from the sources into `work/package` (no declarations: `attw --pack` checks
 * those in CI) and packs it as `npm pack` does; resolves to the tarball's path.
 */
async function packPackage(work: string, timeoutMs = 60_000): Promise<string> {
  const staging = join(work, 'package');
  await build({ ...(tsupConfig as object), dts: false, sourcemap: false, outDir: join(staging, 'dist'), config: false, silent: true });
  for (const file of ['package.json', 'README.md', 'LICENSE']) await copyFile(join(root, file), join(staging, file));
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: staging, timeout: timeoutMs });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  return join(work, filename);
}

let mine: Promise<string> | undefined;

/**
 * The packed package, packed once per test run: the first worker to ask packs into the run's folder (taking
 * it with an exclusive `mkdir`), the others wait for its tarball. Without the run's folder (a file run outside
 * Vitest's global setup) this process packs once into a temporary folder of its own.
 *
 * @example
 * ```ts
 * const tarball = await packedTarball();
 * await exec('npm', ['install', tarball], { cwd: project });
 * ```
 */
export function packedTarball(): Promise<string> {
  mine ??= sharedPack(process.env[PACK_DIR_ENV]);
  return mine;
}

async function sharedPack(runDir: string | undefined): Promise<string> {
  if (runDir === undefined) return packPackage(await mkdtemp(join(tmpdir(), 'appwrite-orm-pack-')));
  const result = join(runDir, 'tarball.json');
  try {
    await mkdir(join(runDir, 'packing'));
  } catch {
    return waitForPack(result);
  }
  const outcome = await packPackage(join(runDir, 'packing')).then((tarball) => ({ tarball }), (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  // Written whole, then renamed: a waiting worker never reads half of it.
  await writeFile(`${result}.tmp`, JSON.stringify(outcome));
  await rename(`${result}.tmp`, result);
  if ('error' in outcome) throw new Error(`Packing the package failed: ${outcome.error}`);
  return outcome.tarball;
}

async function waitForPack(result: string): Promise<string> {
  for (let waited = 0; waited < WAIT_MS; waited += POLL_MS) {
    const text = await readFile(result, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const outcome = JSON.parse(text) as { tarball?: string; error?: string };
      if (outcome.tarball !== undefined) return outcome.tarball;
      throw new Error(`Packing the package failed in another worker: ${outcome.error ?? 'no reason given'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`No packed package after ${WAIT_MS} ms: the worker packing it did not finish`);
}

/** The version of a dependency installed at the repository root (to install the same one from the npm cache). */
export async function installedVersion(name: string): Promise<string> {
  return (JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}
