import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Names the folder of one test run's shared pack (see packed-package.ts); every worker inherits it. */
export const PACK_DIR_ENV = 'APPWRITE_ORM_TEST_PACK_DIR';

/**
 * Creates the folder for one test run's shared pack and names it in the environment; resolves to the
 * function that removes it (for test/global-setup.ts). Packs nothing itself.
 *
 * @example
 * ```ts
 * const removePackDir = await createPackDir();
 * ```
 */
export async function createPackDir(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'appwrite-orm-run-'));
  process.env[PACK_DIR_ENV] = dir;
  return () => rm(dir, { recursive: true, force: true });
}
