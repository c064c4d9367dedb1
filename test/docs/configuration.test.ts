import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configuration } from '../../docs/examples/configuration.js';
import { configOptionNames, resolveConfig } from '../../src/server/config.js';

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

describe('docs: configuration', () => {
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
