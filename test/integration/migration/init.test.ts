import { describe, expect, it } from 'vitest';
import { AppwriteError } from '../../../src/errors/appwrite-error.js';
import { MigrationError } from '../../../src/errors/migration-error.js';
import { SchemaDriftError } from '../../../src/errors/schema-drift-error.js';
import { useEmulator } from '../../helpers/emulator.js';
import { DATABASE, manyTables, orders, ormFor, products, writes } from './migration-fixtures.js';

const fixture = useEmulator({ columnDelayMs: 30, resetBetweenTests: true });

describe('ServerORM.init on a fresh database', () => {
  it('creates the database and each table with its columns and indexes inline, then returns the database', async () => {
    const { emu } = fixture;
    const db = await ormFor(emu).init([products, orders]);
    expect(emu.requests.list().map((entry) => `${entry.operation} ${entry.status}`)).toEqual([
      'listTables 404',
      'create 201',
      'createTable 201',
      'createTable 201',
    ]);
    const table = await fixture.tablesDb().getTable({ databaseId: DATABASE, tableId: 'products' });
    expect(table.columns.map((column) => [column.key, column.status])).toEqual(Object.keys(products.schema).map((key) => [key, 'available']));
    expect(table.indexes.map((index) => index.key)).toEqual(['by_status']);
    const row = await db.table('products').create({ name: 'Pen', price: 2, tags: ['office'] });
    expect(row).toMatchObject({ name: 'Pen', price: 2, stock: 0, status: 'draft', active: true, tags: ['office'] });
  });

  it('makes one request for a no-op init, with 1 table and with 20 tables, and writes nothing', async () => {
    const { emu } = fixture;
    for (const tables of [[products], manyTables(20)]) {
      emu.reset();
      await ormFor(emu).init(tables);
      emu.requests.clear();
      await ormFor(emu).init(tables);
      expect(emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
    }
  });

  it("migrates the README's products schema on the strict local server, then a second init plans nothing", async () => {
    const { emu } = fixture;
    const readmeProducts = {
      name: 'products',
      schema: {
        name: { type: 'string', required: true, size: 255 },
        price: { type: 'float', required: true, min: 0 },
        category: { type: 'string', required: true, size: 64 },
      },
      indexes: [{ key: 'by_category', type: 'key', attributes: ['category'] }],
    } as const;
    await ormFor(emu).init([readmeProducts]);
    expect(emu.requests.list().map((entry) => `${entry.operation} ${entry.status}`)).toEqual(['listTables 404', 'create 201', 'createTable 201']);
    const table = await fixture.tablesDb().getTable({ databaseId: DATABASE, tableId: 'products' });
    expect(table.columns).toMatchObject([
      { key: 'name', type: 'string', size: 255, required: true, status: 'available' },
      { key: 'price', type: 'double', min: 0, required: true, status: 'available' },
      { key: 'category', type: 'string', size: 64, required: true, status: 'available' },
    ]);
    expect(table.indexes).toMatchObject([{ key: 'by_category', type: 'key', columns: ['category'], status: 'available' }]);
    emu.requests.clear();
    await ormFor(emu).init([readmeProducts]);
    expect(emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
  });

  it('creates the database only on 404, never after a 401', async () => {
    const { emu } = fixture;
    const error = await ormFor(emu, { apiKey: 'not-the-key' }).init([products]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain('HTTP 401');
    expect((error as Error).message).not.toContain('not-the-key');
    expect(emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
  });
});

describe('ServerORM.init with autoValidate', () => {
  it('throws a drift error listing every difference and writes nothing; passes once migrated', async () => {
    const { emu } = fixture;
    await ormFor(emu).init([orders]);
    const changed = { ...orders, schema: { ...orders.schema, note: { type: 'string', size: 255 }, paid: { type: 'boolean' } } } as const;
    emu.requests.clear();
    const error = await ormFor(emu, { autoMigrate: false }).init([changed, products]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchemaDriftError);
    expect((error as SchemaDriftError).differences).toEqual([
      '+ column orders.paid (boolean)',
      '~ column orders.note: size 64 -> 255',
      '+ table products (10 columns, 1 index)',
    ]);
    expect(writes(emu)).toEqual([]);
    await ormFor(emu).migrate([changed, products]);
    await expect(ormFor(emu, { autoMigrate: false }).init([changed, products])).resolves.toBeDefined();
  });

  it('reports a missing database as drift', async () => {
    const error = await ormFor(fixture.emu, { autoMigrate: false }).init([orders]).catch((caught: unknown) => caught);
    expect((error as SchemaDriftError).differences).toEqual(['+ database shop', '+ table orders (2 columns, 0 indexes)']);
  });

  it('a refused API key names the schema check and the key (not its value), as an AppwriteError; with autoMigrate a MigrationError', async () => {
    const wrongKey = 'standard_wrong-key-never-shown';
    const error = await ormFor(fixture.emu, { autoMigrate: false, apiKey: wrongKey }).init([orders]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppwriteError);
    expect(error).not.toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'E_APPWRITE', status: 401, type: 'user_unauthorized', name: 'AppwriteError' });
    expect((error as AppwriteError).message).toBe('Could not check the declared schema against database "shop": Appwrite answered 401 user_unauthorized while reading its tables: '
      + 'The current user is not authorized to perform the requested action. The API key was refused or lacks the databases.read scope: check the apiKey setting (its value is not shown here).');
    expect((error as AppwriteError).message).not.toMatch(/migrat/i);
    expect(JSON.stringify(error) + String((error as AppwriteError).stack)).not.toContain(wrongKey);
    const migrating = await ormFor(fixture.emu, { apiKey: wrongKey }).init([orders]).catch((caught: unknown) => caught);
    expect(migrating).toBeInstanceOf(MigrationError);
    expect(writes(fixture.emu)).toEqual([]);
  });
});

describe('two processes starting at once', () => {
  it('both succeed: a 409 for something the plan wanted counts as done', async () => {
    const { emu } = fixture;
    await Promise.all([ormFor(emu).init([products, orders]), ormFor(emu).init([products, orders])]);
    const extended = { ...orders, schema: { ...orders.schema, paid: { type: 'boolean' }, ref: { type: 'string', size: 20 } }, indexes: [{ key: 'by_ref', type: 'key', attributes: ['ref'] }] } as const;
    await Promise.all([ormFor(emu).init([products, extended]), ormFor(emu).init([products, extended])]);
    const statuses = emu.requests.list().filter((entry) => entry.method === 'POST').map((entry) => `${entry.operation} ${entry.status}`);
    expect(statuses).toContain('createTable 409');
    expect(statuses.filter((status) => status.startsWith('createBooleanColumn'))).toHaveLength(2);
    expect((await ormFor(emu).plan([products, extended])).steps).toEqual([]);
    const table = await fixture.tablesDb().getTable({ databaseId: DATABASE, tableId: 'orders' });
    expect(table.indexes.map((index) => [index.key, index.status])).toEqual([['by_ref', 'available']]);
  });
});
