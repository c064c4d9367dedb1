import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { RefusedError, type CommandContext, type CommandOutcome } from './command.js';
import { EXIT } from './exit-codes.js';

/**
 * Writes a generated file, creating its folder; refuses to replace an existing file unless `overwrite`.
 * Resolves to the path relative to `cwd`, for messages.
 *
 * @example
 * ```ts
 * await writeNewFile('/app/migrations/20260102T030405_add_posts.ts', source, '/app');
 * ```
 */
export async function writeNewFile(path: string, text: string, cwd: string, overwrite = false): Promise<string> {
  if (!overwrite && existsSync(path)) throw new RefusedError(`${relative(cwd, path)} already exists: nothing was written`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return relative(cwd, path) || path;
}

/**
 * What a `make:` command does once it has the text: writes the new file, says so, and answers with its path.
 *
 * @example
 * ```ts
 * const outcome = await writeTemplateFile(context, '/app/seeders/UserSeeder.ts', source);
 * ```
 */
export async function writeTemplateFile(context: CommandContext, path: string, text: string): Promise<CommandOutcome> {
  const file = await writeNewFile(path, text, context.io.cwd);
  context.say(`Created ${file}`);
  return { code: EXIT.ok, result: { file } };
}
