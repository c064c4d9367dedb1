import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { runCli } from '../../../src/cli/run-cli.js';
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

describe('the CLI asks about renames', () => {
  const schema = (fields: string): string => `export const people = { name: 'people', schema: { ${fields} } } as const;\n`;

  /** Runs the CLI in the project folder, answering each question with the next answer and recording it. */
  async function run(argv: readonly string[], answers: readonly boolean[]): Promise<{ code: number; stdout: string; questions: string[] }> {
    const questions: string[] = [];
    const out: string[] = [];
    const { emu } = fixture;
    const code = await runCli(argv, {
      env: { APPWRITE_ENDPOINT: emu.endpoint, APPWRITE_PROJECT_ID: emu.projectId, APPWRITE_API_KEY: emu.apiKey, APPWRITE_DATABASE_ID: 'shop' },
      cwd: project.path(),
      stdout: (text) => out.push(text),
      stderr: (text) => out.push(text),
      ask: (question) => Promise.resolve(answers[questions.push(question) - 1] ?? false),
      loadModule: (path) => import(pathToFileURL(path).href) as Promise<Record<string, unknown>>,
    });
    return { code, stdout: out.join(''), questions };
  }

  it('push: a yes renames the column in place (rows kept), a no leaves a drop and an add; --yes asks nothing', async () => {
    await project.create();
    await project.write('v1.ts', schema(`full: { type: 'string', size: 64 }, age: { type: 'integer' }, note: { type: 'text' }`));
    expect((await run(['push', 'v1.ts'], [])).code).toBe(0);
    await fixture.tablesDb().createRow({ databaseId: 'shop', tableId: 'people', rowId: 'ada', data: { full: 'Ada', age: 36, note: 'n' } });
    // fullName can be full renamed (a string); years could be age (an integer); remark could be note (text).
    await project.write('v2.ts', schema(`fullName: { type: 'string', size: 64 }, years: { type: 'integer' }, remark: { type: 'text' }`));
    const dry = await run(['push', 'v2.ts', '--dry-run', '--yes'], []);
    expect(dry.questions).toEqual([]);
    expect(dry.stdout).toContain('pass --allow-destructive to allow it');
    const pushed = await run(['push', 'v2.ts', '--allow-destructive'], [true, true, false, true]);
    expect(pushed.questions).toEqual([
      'Is column people.fullName the column people.full renamed (its data kept)? Otherwise people.full is dropped and people.fullName added. [y/N] ',
      'Is column people.years the column people.age renamed (its data kept)? Otherwise people.age is dropped and people.years added. [y/N] ',
      'Is column people.remark the column people.note renamed (its data kept)? Otherwise people.note is dropped and people.remark added. [y/N] ',
      '1 change above delete data. Apply? [y/N] ',
    ]);
    expect(pushed.stdout).toMatch(/~ column\s+people\.full\s+renamed to fullName \(values and indexes kept\)/);
    expect(pushed.code).toBe(0);
    expect(await fixture.tablesDb().getRow({ databaseId: 'shop', tableId: 'people', rowId: 'ada' })).toMatchObject({ fullName: 'Ada', years: 36, remark: null });
  });

  it('generate: a yes writes renameColumn; columns of different kinds are never offered', async () => {
    await project.create();
    await project.write('appwrite-orm.config.json', JSON.stringify({ schema: 'v1.ts' }));
    await project.write('v1.ts', schema(`full: { type: 'string', size: 64 }`));
    expect((await run(['push'], [])).code).toBe(0);
    await project.write('v2.ts', schema(`fullName: { type: 'string', size: 64 }, age: { type: 'integer' }`));
    const generated = await run(['generate', 'rename_full', '--schema', 'v2.ts'], [true]);
    expect(generated.questions).toHaveLength(1);
    const source = await readFile(join(project.path(), 'migrations', (await readdir(join(project.path(), 'migrations')))[0] ?? ''), 'utf8');
    expect(source).toContain(`await m.renameColumn('people', 'full', 'fullName');`);
    expect(source).toContain(`await m.addColumn('people', 'age', { type: 'integer' });`);
  });
});
