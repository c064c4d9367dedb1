import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { installedVersion, packedTarball } from './support/packed-package.js';

// The packed package and tsx installed into a fresh CommonJS project (`npm init -y`) and a fresh ES module
// project; the CLI runs as a child process, as users run it, against the local server of this process.
const fixture = useEmulator();
const exec = promisify(execFile);
let work = '';
let tarball = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'appwrite-orm-cli-'));
  tarball = await packedTarball();
}, 90_000);

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the installed bin asynchronously (the local server in this process keeps answering). */
function cli(dir: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(dir, 'node_modules/.bin/appwrite-orm'), args, { cwd: dir, env: { ...process.env, NODE_ENV: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const SCHEMA = `import { defineTable } from 'appwrite-orm';

export const customers = defineTable({ name: 'customers', schema: { name: { type: 'string', size: 100, required: true } } });
export const orders = defineTable({
  name: 'orders',
  schema: {
    total: { type: 'float', required: true, min: 0 },
    customer: { type: 'relationship', table: 'customers', relation: 'manyToOne', onDelete: 'cascade' },
  },
  indexes: [{ key: 'by_total', type: 'key', attributes: ['total'] }],
});
`;

const BACKFILL = `import type { Migrator } from 'appwrite-orm';

export async function up(m: Migrator): Promise<void> {
  await m.addColumn('customers', 'tier', { type: 'string', size: 16 });
  const customers = m.rows('customers');
  await customers.each((row) => customers.update(String(row.$id), { tier: String(row.name).length > 3 ? 'gold' : 'basic' }));
}

export async function down(m: Migrator): Promise<void> {
  await m.dropColumn('customers', 'tier');
}
`;

// The seeder fails unless \`db\` comes from the very copy of appwrite-orm the seeder imports.
const SEEDER = `import { Database } from 'appwrite-orm';

export async function run(db: Database): Promise<void> {
  if (!(db instanceof Database)) throw new Error('two copies of appwrite-orm are loaded');
  await db.table('customers').create({ name: 'Bo' });
}
`;

const tableMigration = (id: string): string => `export async function up(m) { await m.createTable('${id}', { note: { type: 'string', size: 32 } }); await m.addColumn('${id}', 'n', { type: 'integer' }); }
export async function down(m) { await m.dropTable('${id}'); }
`;

async function write(dir: string, file: string, text: string): Promise<void> {
  await mkdir(dirname(join(dir, file)), { recursive: true });
  await writeFile(join(dir, file), text);
}

describe.each(['commonjs', 'module'] as const)('the CLI in a fresh %s project', (type) => {
  const databaseId = type === 'commonjs' ? 'cjsapp' : 'esmapp';
  let dir = '';

  beforeAll(async () => {
    dir = join(work, type);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `app-${type}`, version: '1.0.0', private: true, ...(type === 'module' ? { type } : {}) }));
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, `tsx@${await installedVersion('tsx')}`], { cwd: dir, timeout: 90_000 });
    const { emu } = fixture;
    await write(dir, '.env', `APPWRITE_ENDPOINT=${emu.endpoint}\nAPPWRITE_PROJECT_ID=${emu.projectId}\nAPPWRITE_API_KEY=${emu.apiKey}\nAPPWRITE_DATABASE_ID=${databaseId}\n`);
    await write(dir, 'appwrite-orm.config.json', JSON.stringify({ schema: 'src/schema.ts' }));
    await write(dir, 'src/schema.ts', SCHEMA);
  }, 120_000);

  const rows = async (tableId: string) => (await fixture.tablesDb().listRows({ databaseId, tableId, queries: [Query.limit(100)] })).rows;

  it('generate -> migrate -> status -> rollback -> migrate, a data migration, seed, pull then push is a no-op', async () => {
    const version = await cli(dir, ['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const generated = await cli(dir, ['generate', 'create_shop']);
    expect(generated.code, generated.stderr).toBe(0);
    expect(await readdir(join(dir, 'migrations'))).toEqual([expect.stringMatching(/^\d{8}T\d{6}_create_shop\.ts$/)]);

    const migrated = await cli(dir, ['migrate']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain('Done: batch 1, 1 migration applied.');
    const status = JSON.parse((await cli(dir, ['migrate:status', '--json'])).stdout) as { pending: number; migrations: { state: string }[] };
    expect(status).toMatchObject({ pending: 0, migrations: [{ state: 'applied' }] });
    const rolledBack = await cli(dir, ['migrate', '--rollback', '--yes']);
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    expect((await fixture.tablesDb().listTables({ databaseId })).tables.map((table) => table.$id).sort()).toEqual(['orm_migration_lock', 'orm_migrations']);
    expect((await cli(dir, ['migrate'])).code).toBe(0);

    await fixture.tablesDb().createRow({ databaseId, tableId: 'customers', rowId: 'ada', data: { name: 'Ada Lovelace' } });
    await write(dir, 'migrations/29990101T000000_backfill_tiers.ts', BACKFILL);
    const backfilled = await cli(dir, ['migrate', '--json']);
    expect(JSON.parse(backfilled.stdout)).toMatchObject({ ok: true, batch: 2, ran: ['29990101T000000_backfill_tiers'] });
    expect((await rows('customers')).map((row) => String(row.tier))).toEqual(['gold']);

    await write(dir, 'seeders/DatabaseSeeder.ts', SEEDER);
    const seeded = await cli(dir, ['seed']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect((await rows('customers')).map((row) => String(row.name)).sort()).toEqual(['Ada Lovelace', 'Bo']);

    const pulled = await cli(dir, ['pull', '--out', 'src/pulled.ts']);
    expect(pulled.code, pulled.stderr).toBe(0);
    const again = await cli(dir, ['push', 'src/pulled.ts', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, steps: [], refused: [], applied: 0 });
  }, 180_000);

  it('applies each file once when two migrate processes start together', async () => {
    for (const id of ['lock_a', 'lock_b']) await write(dir, `migrations/29990102T00000${id === 'lock_a' ? 0 : 1}_${id}.${type === 'module' ? 'js' : 'mjs'}`, tableMigration(id));
    const runs = await Promise.all([cli(dir, ['migrate']), cli(dir, ['migrate'])]);
    expect(runs.map((run) => run.code), runs.map((run) => run.stderr).join('\n')).toEqual([0, 0]);
    const migrating = runs.map((run) => run.stdout.split('\n').filter((line) => line.startsWith('Migrating:')).length).sort();
    expect(migrating).toEqual([0, 2]);
    const history = (await rows('orm_migrations')).map((row) => String(row.name));
    expect(history.filter((name) => name.includes('lock_'))).toHaveLength(2);
  }, 120_000);

  it('refuses migrate --fresh when NODE_ENV=production, even with --force --yes', async () => {
    const refused = await cli(dir, ['migrate', '--fresh', '--force', '--yes'], { NODE_ENV: 'production' });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('refused when NODE_ENV=production');
    expect((await rows('customers')).length).toBe(2);
  }, 60_000);
});
