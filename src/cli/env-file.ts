import { readFile } from 'node:fs/promises';

/**
 * Reads a `.env` file: `KEY=value` lines, `#` comments, optional `export `, values in single or double quotes
 * (double quotes understand `\n`). A missing file gives an empty map.
 *
 * @example
 * ```ts
 * const env = await readEnvFile('/app/.env'); // { APPWRITE_ENDPOINT: 'http://localhost/v1', ... }
 * ```
 */
export async function readEnvFile(path: string): Promise<Record<string, string>> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return parseEnv(text);
}

/**
 * Parses the text of a `.env` file (see {@link readEnvFile}).
 *
 * @example
 * ```ts
 * parseEnv('A=1\nB="two words"'); // { A: '1', B: 'two words' }
 * ```
 */
export function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match === null) continue;
    const [, key = '', raw = ''] = match;
    const quote = raw.charAt(0);
    if ((quote === '"' || quote === "'") && raw.endsWith(quote) && raw.length >= 2) {
      const inner = raw.slice(1, -1);
      env[key] = quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\"/g, '"') : inner;
    } else {
      env[key] = raw.replace(/\s+#.*$/, '');
    }
  }
  return env;
}
