import { execFile } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import tsupConfig from '../../../tsup.config.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Builds the package's JavaScript from the sources into `work/package` (no declarations) and packs it as
 * `npm pack` does; resolves to the tarball's path.
 *
 * @example
 * ```ts
 * const tarball = await packPackage(work);
 * ```
 */
export async function packPackage(work: string, timeoutMs = 60_000): Promise<string> {
  const staging = join(work, 'package');
  await build({ ...(tsupConfig as object), dts: false, sourcemap: false, outDir: join(staging, 'dist'), config: false, silent: true });
  for (const file of ['package.json', 'README.md', 'LICENSE']) await copyFile(join(root, file), join(staging, file));
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: staging, timeout: timeoutMs });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  return join(work, filename);
}

/** The version of a dependency installed at the repository root (to install the same one from the npm cache). */
export async function installedVersion(name: string): Promise<string> {
  return (JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}
