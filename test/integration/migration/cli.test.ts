import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { runIn, useProjectDir } from './cli-harness.js';

const fixture = useEmulator({ columnDelayMs: 30, resetBetweenTests: true });
const schemaModule = fileURLToPath(new URL('./cli-schema.ts', import.meta.url));
const project = useProjectDir();
const cli = (argv: readonly string[], env?: Record<string, string>, answer?: boolean) => runIn(fixture, process.cwd(), argv, env, answer);

describe('appwrite-orm push (and migrate <schema-module>)', () => {
  it('prints the plan as a table and changes nothing with --dry-run', async () => {
    const result = await cli(['push', schemaModule, '--dry-run']);
    expect(result).toEqual({
      code: 0,
      stdout: 'Database shop: 2 declared tables\n  + database  shop\n  + table     products  2 columns, 1 index\n  + table     orders    1 column, 0 indexes\n',
      stderr: '',
    });
    expect(fixture.emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
  });

  it('applies the plan with progress per table, then finds nothing to do', async () => {
    const first = await cli(['migrate', schemaModule]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Applying…\n  + database shop\n');
    expect(first.stdout).toMatch(/✓ orders: 1 step in \d+ ms\n/);
    expect(first.stdout).toMatch(/Done: 3 steps in \d+ ms\n$/);
    const second = await cli(['push', schemaModule, '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({ command: 'push', ok: true, exitCode: 0, databaseId: 'shop', steps: [], refused: [], notes: [], applied: 0 });
  });

  it('keeps undeclared tables unless --drop-tables, and asks before deleting data', async () => {
    await cli(['push', schemaModule]);
    await fixture.tablesDb().createTable({ databaseId: 'shop', tableId: 'legacy', name: 'legacy' });
    await fixture.tablesDb().createStringColumn({ databaseId: 'shop', tableId: 'orders', key: 'extra', size: 10, required: false });
    const kept = await cli(['push', schemaModule, '--allow-destructive', '--yes']);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/- column\s+orders\.extra\s+DESTRUCTIVE: not declared/);
    expect(kept.stdout).toMatch(/= table\s+legacy\s+not declared; pass --drop-tables to delete it/);
    const noTerminal = await cli(['push', schemaModule, '--drop-tables']);
    expect(noTerminal.code).toBe(3);
    expect(noTerminal.stderr).toContain('re-run with --yes');
    expect((await cli(['push', schemaModule, '--drop-tables'], {}, false)).code).toBe(3);
    expect((await fixture.tablesDb().listTables({ databaseId: 'shop' })).tables.map((table) => table.$id)).toContain('legacy');
    const dropped = await cli(['push', schemaModule, '--drop-tables'], {}, true);
    expect(dropped.code).toBe(0);
    expect((await fixture.tablesDb().listTables({ databaseId: 'shop' })).tables.map((table) => table.$id).sort()).toEqual(['orders', 'products']);
  });

  it('refuses destructive column changes without --allow-destructive (exit 3)', async () => {
    await cli(['push', schemaModule]);
    await fixture.tablesDb().createStringColumn({ databaseId: 'shop', tableId: 'orders', key: 'extra', size: 10, required: false });
    const refused = await cli(['push', schemaModule]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('pass --allow-destructive to allow it');
    expect(refused.stderr).toContain('nothing was written');
  });

  it('reports missing settings, bad credentials and bad usage without showing the key', async () => {
    const missing = await cli(['push', schemaModule], { APPWRITE_DATABASE_ID: '' });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('databaseId: set APPWRITE_DATABASE_ID or pass --database') as unknown });
    const denied = await cli(['push', schemaModule], { APPWRITE_API_KEY: 'secret-wrong-key' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^MigrationError: Could not read the tables of database shop: .*HTTP 401/);
    expect(denied.stderr).not.toContain('secret-wrong-key');
    const json = await cli(['push', schemaModule, '--json'], { APPWRITE_API_KEY: 'secret-wrong-key' });
    expect(JSON.parse(json.stdout)).toMatchObject({ command: 'push', ok: false, exitCode: 1, error: { name: 'MigrationError', code: 'E_MIGRATION' } });
    expect(json.stdout).not.toContain('secret-wrong-key');
    expect((await cli(['push'])).code).toBe(2);
    expect((await cli(['push', schemaModule, '--nope'])).stderr).toContain('Unknown option --nope');
    expect((await cli(['migrate', '--step', '2'])).stderr).toContain('--step goes with --rollback');
    expect((await cli(['nope'])).code).toBe(2);
  });

  it('answers --help and --version on every command', async () => {
    const version = (await import('../../../package.json', { with: { type: 'json' } })).default.version;
    for (const command of ['migrate', 'migrate:status', 'generate', 'make:migration', 'push', 'pull', 'seed', 'make:seeder']) {
      const help = await cli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: appwrite-orm ${command}`);
      expect(help.stdout).toContain('Exit codes: 0 done, 1 failed, 2 bad usage');
      expect(await cli([command, '--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
    expect((await cli(['--version'])).stdout).toBe(`${version}\n`);
    expect((await cli(['--help'])).stdout).toContain('migrate:status');
  });
});

describe('settings', () => {
  it('reads appwrite-orm.config.json found upward, then .env, with the environment and flags on top', async () => {
    const dir = await project.create();
    const { emu } = fixture;
    await project.write('appwrite-orm.config.json', JSON.stringify({ endpoint: emu.endpoint, projectId: emu.projectId, databaseId: 'fromfile', schema: schemaModule }));
    await project.write('.env', `APPWRITE_API_KEY="${emu.apiKey}"\nAPPWRITE_DATABASE_ID=fromdotenv # the .env value\n`);
    await project.write('deep/er/.keep', '');
    const bare = { APPWRITE_ENDPOINT: '', APPWRITE_PROJECT_ID: '', APPWRITE_API_KEY: '', APPWRITE_DATABASE_ID: '' };
    const fromDotenv = await runIn(fixture, `${dir}/deep/er`, ['push', '--dry-run', '--json'], bare);
    expect(JSON.parse(fromDotenv.stdout), fromDotenv.stdout).toMatchObject({ ok: true, databaseId: 'fromdotenv' });
    const fromEnv = await runIn(fixture, dir, ['push', '--dry-run', '--json'], { ...bare, APPWRITE_DATABASE_ID: 'fromenv' });
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ databaseId: 'fromenv' });
    const fromFlag = await runIn(fixture, dir, ['push', '--dry-run', '--json', '--database', 'fromflag'], { ...bare, APPWRITE_DATABASE_ID: 'fromenv' });
    expect(JSON.parse(fromFlag.stdout)).toMatchObject({ databaseId: 'fromflag' });
  });

  it('names a bad configuration file and its unknown settings', async () => {
    await project.create();
    await project.write('appwrite-orm.config.json', JSON.stringify({ databse: 'x' }));
    const result = await runIn(fixture, project.path(), ['migrate:status']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('appwrite-orm.config.json: unknown setting databse');
  });
});
