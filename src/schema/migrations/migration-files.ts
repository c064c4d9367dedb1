import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Extensions of migration and seeder files, in order of preference. */
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;
/** `20260102T030405_add_posts` (compact UTC timestamp, underscore, a name in lower case). */
const MIGRATION_NAME = /^\d{8}T?\d{6}_[a-z0-9_]+$/;

/** A migration file found on disk. `name` is the file name without its extension (what the history records). */
export interface MigrationFile {
  readonly name: string;
  readonly path: string;
  /** SHA-256 of the file's text with line endings normalised: an edit after it ran is reported. */
  readonly checksum: string;
}

function stem(file: string): string | undefined {
  const extension = EXTENSIONS.find((candidate) => file.endsWith(candidate) && !file.endsWith(`.d${candidate}`));
  return extension === undefined ? undefined : file.slice(0, -extension.length);
}

/**
 * SHA-256 (hex) of a file's text with `\r\n` read as `\n`.
 *
 * @example
 * ```ts
 * checksumOf('export async function up() {}\n'); // '5e0b…'
 * ```
 */
function checksumOf(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * The migration files of a folder, in name order (their timestamps); an absent folder has none. Files whose
 * name is not `<timestamp>_<name>` are ignored.
 *
 * @example
 * ```ts
 * const files = await listMigrationFiles('migrations'); // [{ name: '20260102T030405_add_posts', path, checksum }]
 * ```
 */
export async function listMigrationFiles(folder: string): Promise<MigrationFile[]> {
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files: MigrationFile[] = [];
  for (const file of names.sort()) {
    const name = stem(file);
    if (name === undefined || !MIGRATION_NAME.test(name) || files.some((known) => known.name === name)) continue;
    const path = join(folder, file);
    files.push({ name, path, checksum: checksumOf(await readFile(path, 'utf8')) });
  }
  return files;
}

/**
 * Script files of a folder by name without extension (seeders): `{ UserSeeder: '/app/seeders/UserSeeder.ts' }`.
 *
 * @example
 * ```ts
 * const seeders = await listScripts('seeders');
 * ```
 */
export async function listScripts(folder: string): Promise<Map<string, string>> {
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const scripts = new Map<string, string>();
  for (const file of names.sort()) {
    const name = stem(file);
    if (name !== undefined && !scripts.has(name)) scripts.set(name, join(folder, file));
  }
  return scripts;
}

/**
 * The file name of a new migration: a UTC timestamp (so that files sort in creation order) and the name in
 * snake case.
 *
 * @example
 * ```ts
 * migrationFileName('Add posts', new Date('2026-01-02T03:04:05Z')); // '20260102T030405_add_posts'
 * ```
 */
export function migrationFileName(name: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (snake === '') throw new Error(`"${name}" is not a usable migration name: use letters and digits`);
  return `${stamp}_${snake}`;
}
