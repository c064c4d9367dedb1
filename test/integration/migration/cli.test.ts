import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { useEmulator } from '../../helpers/emulator.js';
import { DATABASE } from './migration-fixtures.js';

const fixture = useEmulator({ columnDelayMs: 30, resetBetweenTests: true });
const schemaModule = fileURLToPath(new URL('./cli-schema.ts', import.meta.url));

async function cli(argv: readonly string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const { emu } = fixture;
  const code = await runCli(argv, {
    env: { APPWRITE_ENDPOINT: emu.endpoint, APPWRITE_PROJECT_ID: emu.projectId, APPWRITE_API_KEY: emu.apiKey, APPWRITE_DATABASE_ID: DATABASE, ...env },
    cwd: process.cwd(),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('appwrite-orm migrate', () => {
  it('prints the plan and changes nothing with --dry-run', async () => {
    const result = await cli(['migrate', schemaModule, '--dry-run']);
    expect(result).toEqual({
      code: 0,
      stdout: 'Database shop: 2 declared tables\n+ database shop\n+ table orders (1 column, 0 indexes)\n+ table products (2 columns, 1 index)\n',
      stderr: '',
    });
    expect(fixture.emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
  });

  it('applies the plan with progress per table, then finds nothing to do', async () => {
    const first = await cli(['migrate', schemaModule]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Applying…\n  + database shop\n');
    expect(first.stdout).toMatch(/✓ orders: 1 step in \d+ ms\n/);
    expect(first.stdout).toMatch(/✓ products: 1 step in \d+ ms\n/);
    expect(first.stdout).toMatch(/Done: 3 steps in \d+ ms\n$/);
    const second = await cli(['migrate', schemaModule]);
    expect(second).toEqual({ code: 0, stdout: 'Database shop: 2 declared tables\nNo changes: the database matches the schema.\n', stderr: '' });
  });

  it('reports missing environment, bad credentials and bad usage without showing the key', async () => {
    expect(await cli(['migrate', schemaModule], { APPWRITE_DATABASE_ID: '' })).toMatchObject({ code: 2, stderr: 'Missing environment variable: APPWRITE_DATABASE_ID\n' });
    const denied = await cli(['migrate', schemaModule], { APPWRITE_API_KEY: 'secret-wrong-key' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^MigrationError: Could not read the tables of database shop: .*HTTP 401/);
    expect(denied.stderr).not.toContain('secret-wrong-key');
    expect((await cli(['migrate'])).code).toBe(2);
    expect((await cli(['migrate', schemaModule, '--force'])).stderr).toContain('Unknown option --force');
    expect((await cli(['nope'])).code).toBe(2);
  });
});
