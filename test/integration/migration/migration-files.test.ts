import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';
import { runIn, useProjectDir } from './cli-harness.js';

const fixture = useEmulator({ columnDelayMs: 20, resetBetweenTests: true });
const project = useProjectDir();
const cli = (argv: readonly string[], env?: Record<string, string>) => runIn(fixture, project.path(), argv, env);

const SCHEMA = `
export const authors = { name: 'authors', schema: { name: { type: 'string', size: 100, required: true } } } as const;
export const posts = {
  name: 'posts',
  schema: {
    title: { type: 'string', size: 200, required: true },
    status: { type: 'enum', enum: ['draft', 'live'], default: 'draft' },
    author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts', onDelete: 'cascade' },
  },
  indexes: [{ key: 'by_status', type: 'key', attributes: ['status'] }],
  permissions: ['read("any")'],
} as const;
`;

const migration = (up: string, down = ''): string => `import type { Migrator } from 'appwrite-orm';
export async function up(m: Migrator) {
${up}
}
export async function down(m: Migrator) {
${down}
}
`;

async function history(): Promise<{ name: string; batch: number }[]> {
  const { rows } = await fixture.tablesDb().listRows({ databaseId: 'shop', tableId: 'orm_migrations', queries: [Query.limit(100)] });
  return rows.map((row) => ({ name: String(row.name), batch: Number(row.batch) })).sort((a, b) => a.name.localeCompare(b.name));
}

async function setUp(): Promise<void> {
  await project.create();
  await project.write('appwrite-orm.config.json', JSON.stringify({ schema: 'src/schema.ts' }));
  await project.write('src/schema.ts', SCHEMA);
}

describe('migration files', () => {
  it('generate -> migrate -> status -> rollback -> migrate', async () => {
    await setUp();
    const generated = await cli(['generate', 'create blog']);
    expect(generated.code, generated.stderr).toBe(0);
    const [file = ''] = await readdir(join(project.path(), 'migrations'));
    expect(file).toMatch(/^\d{8}T\d{6}_create_blog\.ts$/);
    const source = await readFile(join(project.path(), 'migrations', file), 'utf8');
    expect(source).toContain(`await m.createTable('authors', { name: { type: 'string', size: 100, required: true } }, { permissions: [] });`.replace(', { permissions: [] }', ''));
    expect(source).toContain(`await m.addColumn('posts', 'author', { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts', onDelete: 'cascade' });`);
    expect(source.indexOf("m.addColumn('posts', 'author'")).toBeGreaterThan(source.indexOf("m.createTable('posts'"));
    expect(source).toContain(`await m.dropTable('posts');`);

    const applied = await cli(['migrate']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Done: batch 1, 1 migration applied.');
    expect((await cli(['push', '--json'])).stdout).toContain('"steps":[]');
    const status = JSON.parse((await cli(['migrate:status', '--json'])).stdout) as { migrations: { state: string; batch: number }[]; pending: number };
    expect(status.migrations).toMatchObject([{ state: 'applied', batch: 1 }]);
    expect(status.pending).toBe(0);
    expect((await cli(['migrate'])).stdout).toBe('Nothing to migrate.\n');

    const rolledBack = await cli(['migrate', '--rollback', '--yes']);
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    expect((await fixture.tablesDb().listTables({ databaseId: 'shop' })).tables.map((table) => table.$id).sort()).toEqual(['orm_migration_lock', 'orm_migrations']);
    expect(await history()).toEqual([]);
    expect((await cli(['migrate'])).code).toBe(0);
    expect(await history()).toEqual([{ name: file.replace(/\.ts$/, ''), batch: 1 }]);
    expect((await cli(['generate', 'again'])).stdout).toContain('No changes');
  });

  it('generate --js and make:migration --js write ES modules that migrate runs', async () => {
    await setUp();
    expect((await cli(['generate', 'create_blog', '--js'])).code).toBe(0);
    const [file = ''] = await readdir(join(project.path(), 'migrations'));
    expect(file).toMatch(/^\d{8}T\d{6}_create_blog\.mjs$/);
    const source = await readFile(join(project.path(), 'migrations', file), 'utf8');
    expect(source).toContain("/** @typedef {import('appwrite-orm').Migrator} Migrator */\n\n/** @param {Migrator} m */\nexport async function up(m) {\n  await m.createTable('authors'");
    expect((await cli(['migrate'])).stdout).toContain('Done: batch 1, 1 migration applied.');
    expect((await cli(['push', '--json'])).stdout).toContain('"steps":[]');
    expect((await cli(['make:migration', 'later', '--js'])).stdout).toMatch(/Created migrations\/\d{8}T\d{6}_later\.mjs/);
  });

  it('generate writes a field declared with renamedFrom as renameColumn (and the reverse in down), keeping the rows', async () => {
    await setUp();
    expect((await cli(['generate', 'create_blog'])).code).toBe(0);
    expect((await cli(['migrate'])).code).toBe(0);
    await fixture.tablesDb().createRow({ databaseId: 'shop', tableId: 'authors', rowId: 'ada', data: { name: 'Ada' } });
    // A new module path: the in-process runs import (and cache) modules by URL.
    await project.write('src/renamed.ts', SCHEMA.replace(`schema: { name: { type: 'string', size: 100, required: true } }`, `schema: { fullName: { type: 'string', size: 120, required: true, renamedFrom: 'name' } }`));
    const generated = await cli(['generate', 'rename_author_name', '--schema', 'src/renamed.ts']);
    expect(generated.code, generated.stderr).toBe(0);
    const file = (await readdir(join(project.path(), 'migrations'))).find((name) => name.endsWith('_rename_author_name.ts')) ?? '';
    const source = await readFile(join(project.path(), 'migrations', file), 'utf8');
    expect(source).toContain(`export async function up(m: Migrator): Promise<void> {
  await m.renameColumn('authors', 'name', 'fullName');
  await m.alterColumn('authors', 'fullName', { type: 'string', size: 120, required: true });
}`);
    expect(source).toContain(`export async function down(m: Migrator): Promise<void> {
  await m.alterColumn('authors', 'fullName', { type: 'string', size: 100, required: true });
  await m.renameColumn('authors', 'fullName', 'name');
}`);
    expect(source).not.toMatch(/dropColumn|addColumn/);
    expect((await cli(['migrate'])).code).toBe(0);
    expect(await fixture.tablesDb().getRow({ databaseId: 'shop', tableId: 'authors', rowId: 'ada' })).toMatchObject({ fullName: 'Ada' });
    expect((await cli(['generate', 'again', '--schema', 'src/renamed.ts'])).stdout).toContain('No changes');
    expect((await cli(['migrate', '--rollback', '--yes'])).code).toBe(0);
    expect(await fixture.tablesDb().getRow({ databaseId: 'shop', tableId: 'authors', rowId: 'ada' })).toMatchObject({ name: 'Ada' });
  });

  it('runs data migrations with row access, renames columns, and rolls back by batch or by --step', async () => {
    await project.create();
    await project.write('migrations/20260101T000000_create_people.ts', migration(
      `  await m.createTable('people', { full: { type: 'string', size: 64 } });
  for (const full of ['Ada Lovelace', 'Alan Turing']) await m.rows('people').create({ full });`,
      `  await m.dropTable('people');`,
    ));
    await project.write('migrations/20260101T000001_split_names.ts', migration(
      `  await m.addColumn('people', 'first', { type: 'string', size: 32 });
  await m.renameColumn('people', 'full', 'fullName');
  const people = m.rows('people');
  const seen = await people.each((row) => people.update(String(row.$id), { first: String(row.fullName).split(' ')[0] }), 1);
  if (seen !== 2) throw new Error('expected 2 rows, saw ' + seen);`,
      `  await m.renameColumn('people', 'fullName', 'full');
  await m.dropColumn('people', 'first');`,
    ));
    expect((await cli(['migrate'])).code).toBe(0);
    const rows = (await fixture.tablesDb().listRows({ databaseId: 'shop', tableId: 'people' })).rows;
    expect(rows.map((row) => [String(row.fullName), String(row.first)]).sort()).toEqual([['Ada Lovelace', 'Ada'], ['Alan Turing', 'Alan']]);

    await project.write('migrations/20260101T000002_add_age.ts', migration(`  await m.addColumn('people', 'age', { type: 'integer', min: 0 });`, `  await m.dropColumn('people', 'age');`));
    expect((await cli(['migrate'])).stdout).toContain('Done: batch 2, 1 migration applied.');
    expect((await history()).map((entry) => entry.batch)).toEqual([1, 1, 2]);
    const lastBatch = await cli(['migrate', '--rollback', '--yes']);
    expect(lastBatch.stdout).toContain('Rolled back:  20260101T000002_add_age');
    expect((await history()).map((entry) => entry.batch)).toEqual([1, 1]);
    const oneStep = await cli(['migrate', '--rollback', '--step', '1', '--yes', '--json']);
    expect(JSON.parse(oneStep.stdout)).toMatchObject({ ok: true, action: 'rollback', ran: ['20260101T000001_split_names'] });
    const table = await fixture.tablesDb().getTable({ databaseId: 'shop', tableId: 'people' });
    expect(table.columns.map((column) => (column as { key: string }).key)).toEqual(['full']);
  });

  it('runs each file once when two migrate runs start together (lock row)', async () => {
    await project.create();
    for (let index = 0; index < 3; index++) {
      await project.write(`migrations/2026010100000${index}_t${index}.ts`, migration(`  await m.createTable('t${index}', { a: { type: 'string', size: 8 } });\n  await m.addColumn('t${index}', 'b', { type: 'integer' });`));
    }
    const runs = await Promise.all([cli(['migrate']), cli(['migrate'])]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const migrating = runs.map((run) => run.stdout.split('\n').filter((line) => line.startsWith('Migrating:')).length).sort();
    expect(migrating).toEqual([0, 3]);
    expect(runs.some((run) => run.stdout.includes('Waiting for the migration lock'))).toBe(true);
    expect(await history()).toHaveLength(3);
    const lock = await fixture.tablesDb().listRows({ databaseId: 'shop', tableId: 'orm_migration_lock' });
    expect(lock.rows).toEqual([]);
  });

  it('leaves the history and lock tables alone in push mode, even with allowDestructive', async () => {
    await project.create();
    await project.write('migrations/20260101T000000_one.ts', migration(`  await m.createTable('one', { a: { type: 'string', size: 8 } });`));
    expect((await cli(['migrate'])).code).toBe(0);
    const { emu } = fixture;
    const orm = new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: 'shop', autoMigrate: true, migrate: { allowDestructive: true } });
    const db = await orm.init([{ name: 'one', schema: { a: { type: 'string', size: 8 } } }]);
    await db.close();
    expect((await fixture.tablesDb().listTables({ databaseId: 'shop' })).tables.map((table) => table.$id).sort()).toEqual(['one', 'orm_migration_lock', 'orm_migrations']);
    const missing = await cli(['push', '--schema', 'none.ts']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('none.ts');
  });

  it('leaves custom history and lock tables alone when ServerORM names them as the CLI configuration does', async () => {
    await project.create();
    await project.write('appwrite-orm.config.json', JSON.stringify({ historyTable: 'schema_history', lockTable: 'schema_lock' }));
    await project.write('migrations/20260101T000000_one.ts', migration(`  await m.createTable('one', { a: { type: 'string', size: 8 } });`));
    expect((await cli(['migrate'])).code).toBe(0);
    const { emu } = fixture;
    const migrate = { allowDestructive: true, historyTable: 'schema_history', lockTable: 'schema_lock' };
    const orm = new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: 'shop', autoMigrate: true, migrate });
    expect(orm.config.migrate).toMatchObject({ historyTable: 'schema_history', lockTable: 'schema_lock' });
    const db = await orm.init([{ name: 'one', schema: { a: { type: 'string', size: 8 } } }]);
    await db.close();
    expect((await fixture.tablesDb().listTables({ databaseId: 'shop' })).tables.map((table) => table.$id).sort()).toEqual(['one', 'schema_history', 'schema_lock']);
    expect(() => new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: 'shop', migrate: { lockTable: '_lock' } }))
      .toThrow('migrate.lockTable: must be a table id: must be 1-36 characters of a-z A-Z 0-9 . - _, not starting with . - or _');
  });

  it('gives up on a lock held by another run with exit code 4, and takes over an expired one', async () => {
    await project.create();
    await project.write('migrations/20260101T000000_one.ts', migration(`  await m.createTable('one', { a: { type: 'string', size: 8 } });`));
    expect((await cli(['migrate'])).code).toBe(0);
    await project.write('migrations/20260101T000001_two.ts', migration(`  await m.createTable('two', { a: { type: 'string', size: 8 } });`));
    const tables = fixture.tablesDb();
    await tables.createRow({ databaseId: 'shop', tableId: 'orm_migration_lock', rowId: 'lock', data: { owner: 'elsewhere:1', expiresAt: new Date(Date.now() + 60_000).toISOString() } });
    const held = await cli(['migrate', '--lock-timeout', '0']);
    expect(held.code).toBe(4);
    expect(held.stderr).toContain('The migration lock is held by elsewhere:1');
    await tables.updateRow({ databaseId: 'shop', tableId: 'orm_migration_lock', rowId: 'lock', data: { expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect((await cli(['migrate'])).stdout).toContain('Done: batch 2, 1 migration applied.');
  });

  it('reports a file edited after it ran, and stops at a failing file with the earlier ones recorded', async () => {
    await project.create();
    await project.write('migrations/20260101T000000_one.ts', migration(`  await m.createTable('one', { a: { type: 'string', size: 8 } });`));
    await project.write('migrations/20260101T000001_broken.ts', migration(`  await m.dropColumn('one', 'nope');`));
    const failed = await cli(['migrate']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('MigrationError: Migration 20260101T000001_broken failed in up(): MigrationError: Column one.nope does not exist\n');
    expect(await history()).toEqual([{ name: '20260101T000000_one', batch: 1 }]);
    await project.write('migrations/20260101T000000_one.ts', migration(`  await m.createTable('one', { a: { type: 'string', size: 16 } });`));
    await project.write('migrations/20260101T000001_broken.ts', migration(`  await m.addColumn('one', 'b', { type: 'string', size: 8 });`));
    const status = await cli(['migrate:status']);
    expect(status.stdout).toContain('20260101T000000_one     applied (batch 1), CHANGED after it ran');
    expect(status.stdout).toContain('1 pending, 1 changed after running.');
    expect((await cli(['migrate'])).stdout).toContain('Warning: 20260101T000000_one was edited after it ran');
  });

  it('refuses --fresh without --force and always when NODE_ENV=production; with both it starts over', async () => {
    await project.create();
    await project.write('migrations/20260101T000000_one.ts', migration(`  await m.createTable('one', { a: { type: 'string', size: 8 } });\n  await m.rows('one').create({ a: 'x' });`));
    expect((await cli(['migrate'])).code).toBe(0);
    const unforced = await cli(['migrate', '--fresh', '--yes']);
    expect(unforced).toMatchObject({ code: 3, stderr: expect.stringContaining('add --force') as unknown });
    const production = await cli(['migrate', '--fresh', '--force', '--yes'], { NODE_ENV: 'production' });
    expect(production).toMatchObject({ code: 3, stderr: expect.stringContaining('refused when NODE_ENV=production') as unknown });
    expect((await fixture.tablesDb().listRows({ databaseId: 'shop', tableId: 'one' })).total).toBe(1);
    const fresh = await cli(['migrate', '--fresh', '--force', '--yes']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout).toContain('Dropped table one');
    expect((await fixture.tablesDb().listRows({ databaseId: 'shop', tableId: 'one' })).total).toBe(1);
    expect(await history()).toEqual([{ name: '20260101T000000_one', batch: 1 }]);
  });

  it('make:migration and make:seeder write templates; seed runs DatabaseSeeder, or one --class', async () => {
    await setUp();
    expect((await cli(['make:migration', 'AddThings'])).stdout).toMatch(/Created migrations\/\d{8}T\d{6}_add_things\.ts/);
    expect((await cli(['make:seeder', 'AuthorSeeder'])).stdout).toBe('Created seeders/AuthorSeeder.ts\n');
    expect((await cli(['make:seeder', 'AuthorSeeder'])).code).toBe(3);
    expect((await cli(['push'])).code).toBe(0);
    await project.write('seeders/AuthorSeeder.ts', `export async function run(db: any) { await db.table('authors').create({ name: 'Ada' }, { id: 'ada' }); }\n`);
    await project.write('seeders/PostSeeder.ts', `export async function run(db: any) { await db.table('posts').create({ title: 'Hello', author: 'ada' }); }\n`);
    expect((await cli(['seed', '--class', 'AuthorSeeder'])).stdout).toBe('Seeding: AuthorSeeder\nDone: 1 seeder.\n');
    expect((await cli(['seed', '--class', 'Nope'])).stderr).toContain('No seeder Nope');
    await project.write('seeders/DatabaseSeeder.ts', `import { run as posts } from './PostSeeder';\nexport async function run(db: any) { await posts(db); }\n`);
    expect((await cli(['seed'])).stdout).toBe('Seeding: DatabaseSeeder\nDone: 1 seeder.\n');
    const posts = await fixture.tablesDb().listRows({ databaseId: 'shop', tableId: 'posts' });
    expect(posts.rows.map((row) => String(row.title))).toEqual(['Hello']);
  });

  it('pull writes a schema module that push and generate find nothing to change for', async () => {
    await setUp();
    expect((await cli(['push'])).code).toBe(0);
    expect((await cli(['migrate'])).code).toBe(0);
    const pulled = await cli(['pull', '--out', 'src/pulled.ts']);
    expect(pulled.stdout).toBe('Wrote src/pulled.ts: 2 tables of database shop.\n');
    const source = await readFile(join(project.path(), 'src/pulled.ts'), 'utf8');
    expect(source).toContain("export const posts = defineTable({\n  name: 'posts',\n  schema: {\n    title: { type: 'string', size: 200, required: true },");
    expect(source).not.toContain('orm_migrations');
    await project.write('src/pulled.ts', source.replace("import { defineTable } from 'appwrite-orm';", 'const defineTable = <T,>(table: T): T => table;'));
    const again = await cli(['push', 'src/pulled.ts', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, steps: [], refused: [] });
    expect((await cli(['pull', '--out', 'src/pulled.ts'])).code).toBe(3);
    expect((await cli(['generate', 'noop', '--schema', 'src/pulled.ts'])).stdout).toContain('No changes');
  });
});
