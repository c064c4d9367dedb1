import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuration } from '../../docs/examples/configuration.js';
import { configOptionNames, resolveConfig } from '../../src/server/config.js';
import { DEFAULTS } from '../../src/server/defaults.js';

const PAGE = readFileSync('docs/configuration.md', 'utf8');

/** The rows of the page's option table: option name and the default cell. */
function documentedOptions(): Map<string, string> {
  const section = PAGE.slice(PAGE.indexOf('## Every option'), PAGE.indexOf('\n## ', PAGE.indexOf('## Every option') + 1));
  const rows = section.split('\n').filter((line) => /^\| `[^`]+` \|/.test(line));
  return new Map(rows.map((line) => {
    const [name = '', , fallback = ''] = line.split(' | ').map((cell) => cell.replace(/^\| /, ''));
    return [name.replace(/`/g, ''), fallback];
  }));
}

/** The value at a dotted path of the resolved configuration. */
function resolvedAt(path: string): unknown {
  const resolved = resolveConfig({ endpoint: 'http://127.0.0.1:1/v1', projectId: 'p', databaseId: 'd', apiKey: 'k' });
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], resolved);
}

/** Every `.ts` file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every dotted path to a value of {@link DEFAULTS}. */
function defaultPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => defaultPaths(inner, prefix === '' ? key : `${prefix}.${key}`));
}

const at = (root: unknown, path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);

/** The value a TSDoc comment states after a `DEFAULTS.<path>`: `(300_000)`, `(67_108_864, 64 MiB)`, `('orm_migrations')`, `(0: never)`. */
function statedValue(text: string): unknown {
  const literal = text.trim();
  if (/^-?[\d_]+$/.test(literal)) return Number(literal.replace(/_/g, ''));
  if (literal === 'true' || literal === 'false') return literal === 'true';
  return /^'([^']*)'$/.exec(literal)?.[1] ?? `unreadable: ${literal}`;
}

describe('docs: configuration', () => {
  it('every TSDoc mention of a default states the value in DEFAULTS, and every default is mentioned', () => {
    const stated = sourceFiles('src').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/`DEFAULTS\.([\w.]+)` \(([^,:)]+)/g)].map(([, path = '', value = '']) => ({ file, path, value: statedValue(value) })));
    for (const { file, path, value } of stated) expect({ file, path, value }).toEqual({ file, path, value: at(DEFAULTS, path) });
    expect([...new Set(stated.map(({ path }) => path))].sort()).toEqual(defaultPaths(DEFAULTS).sort());
  });

  it('the resolved configuration holds the values of DEFAULTS', () => {
    const resolved = resolveConfig({ endpoint: 'http://127.0.0.1:1/v1', projectId: 'p', databaseId: 'd', apiKey: 'k' });
    for (const path of defaultPaths(DEFAULTS).filter((path) => !path.startsWith('l2.'))) expect({ path, value: at(resolved, path) }).toEqual({ path, value: at(DEFAULTS, path) });
    const l2 = resolveConfig({ endpoint: 'http://127.0.0.1:1/v1', projectId: 'p', databaseId: 'd', apiKey: 'k', cache: { redis: 'redis://127.0.0.1:6379', l2: { compress: true } } }).cache;
    expect(l2 === false ? undefined : l2.l2).toMatchObject({ ttl: DEFAULTS.cache.ttl, maxValueBytes: DEFAULTS.l2.maxValueBytes, compressAbove: DEFAULTS.l2.compressAbove, timeout: DEFAULTS.l2.timeout });
  });

  it('lists every option of the configuration schema, and nothing else', () => {
    expect([...documentedOptions().keys()].sort()).toEqual([...configOptionNames()].sort());
  });

  it('gives the defaults the configuration fills in', () => {
    const checked: string[] = [];
    for (const [name, fallback] of documentedOptions()) {
      // A default written as a literal (`300000`, `false`) is compared; prose defaults ("a random UUID") are not.
      const literal = /^`(-?\d+|true|false)`/.exec(fallback)?.[1];
      if (literal === undefined) continue;
      expect({ name, value: resolvedAt(name) }).toEqual({ name, value: JSON.parse(literal) as unknown });
      checked.push(name);
    }
    expect(checked).toEqual(expect.arrayContaining(['autoMigrate', 'autoValidate', 'cache.ttl', 'cache.maxBytes', 'retry.attempts', 'timeoutMs', 'migrate.timeoutMs']));
    expect(resolvedAt('databaseName')).toBe('d');
    expect(resolvedAt('cache.channel')).toBe('appwrite-orm:p:d:invalidate');
  });

  it('runs as written: the logger gets the migration, a typo gets a suggestion', async () => {
    const { logged, ttl, mistake } = await configuration();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^info: Migrated database "shop" in \d+ ms:$/);
    expect(ttl).toBe(60_000);
    expect(mistake).toBe('Invalid ServerORM config: Unrecognized key: "autoMigrte" (did you mean "autoMigrate"?)');
  });
});
