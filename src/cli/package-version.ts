import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of the installed appwrite-orm package (found by walking up from this file, which sits at a
 * different depth in the sources and in the build).
 *
 * @example
 * ```ts
 * packageVersion(); // '0.7.0'
 * ```
 */
export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === 'appwrite-orm') return parsed.version ?? 'unknown';
  }
  return 'unknown';
}
