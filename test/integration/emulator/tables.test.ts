import { Permission, Query, Role } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });

async function withDatabase(): Promise<ReturnType<typeof fixture.tablesDb>> {
  const tablesDb = fixture.tablesDb();
  await tablesDb.create({ databaseId: 'db', name: 'Db' });
  return tablesDb;
}

describe('emulator tables', () => {
  it('creates a table with inline columns and indexes that are available at once', async () => {
    const tablesDb = await withDatabase();
    const table = await tablesDb.createTable({
      databaseId: 'db',
      tableId: 'products',
      name: 'Products',
      permissions: [Permission.read(Role.any()), Permission.write(Role.users())],
      columns: [
        { key: 'name', type: 'string', size: 255, required: true },
        { key: 'price', type: 'double', required: false, min: 0 },
        { key: 'contact', type: 'string', size: 254, format: 'email', required: false },
        { key: 'status', type: 'string', size: 5, format: 'enum', elements: ['draft', 'live'], required: false, default: 'draft' },
      ],
      indexes: [
        { key: 'by_name', type: 'unique', attributes: ['name'], orders: ['ASC'] },
        { key: 'by_price', type: 'key', attributes: ['price'] },
      ],
    });
    expect(table).toMatchObject({
      $id: 'products',
      databaseId: 'db',
      name: 'Products',
      enabled: true,
      rowSecurity: false,
      bytesMax: 65535,
      $permissions: ['read("any")', 'create("users")', 'update("users")', 'delete("users")'],
    });
    // Appwrite answers createTable with the table document read before its inline columns and indexes are written.
    expect(table).toMatchObject({ columns: [], indexes: [], bytesUsed: 1067 });
    const stored = await tablesDb.getTable({ databaseId: 'db', tableId: 'products' });
    expect(stored.columns).toMatchObject([
      { key: 'name', type: 'string', size: 255, status: 'available', required: true, array: false, default: null },
      { key: 'price', type: 'double', status: 'available', min: 0, max: Number.MAX_VALUE },
      { key: 'contact', type: 'string', format: 'email', status: 'available' },
      { key: 'status', type: 'string', format: 'enum', elements: ['draft', 'live'], default: 'draft' },
    ]);
    expect(stored.indexes).toMatchObject([
      { key: 'by_name', type: 'unique', status: 'available', columns: ['name'], orders: ['ASC'] },
      { key: 'by_price', type: 'key', status: 'available', columns: ['price'] },
    ]);
  });

  it('rolls back a table whose inline definition fails', async () => {
    const tablesDb = await withDatabase();
    await expectAppwriteError(
      tablesDb.createTable({ databaseId: 'db', tableId: 't', name: 'T', columns: [{ key: 'a', type: 'string', size: 10, required: true, default: 'x' }] }),
      400,
      'general_argument_invalid',
      "Attribute 'a' cannot have a default value when required is true",
    );
    await expectAppwriteError(
      tablesDb.createTable({ databaseId: 'db', tableId: 't', name: 'T', columns: [{ key: 'r', type: 'relationship', relatedTableId: 'x' }] }),
      400,
      'general_argument_invalid',
    );
    await expectAppwriteError(
      tablesDb.createTable({ databaseId: 'db', tableId: 't', name: 'T', indexes: [{ key: 'i', type: 'key', attributes: ['missing'] }] }),
      400,
      'column_index_invalid',
      'Invalid index attribute "missing" not found',
    );
    await expectAppwriteError(tablesDb.getTable({ databaseId: 'db', tableId: 't' }), 404, 'table_not_found', "Table with the requested ID 't' could not be found.");
  });

  it('lists full table models with queries and search, gets, updates and deletes', async () => {
    const tablesDb = await withDatabase();
    await tablesDb.createTable({ databaseId: 'db', tableId: 'a', name: 'Alpha', columns: [{ key: 'x', type: 'integer', required: false }] });
    await tablesDb.createTable({ databaseId: 'db', tableId: 'b', name: 'Beta', rowSecurity: true });
    const listed = await tablesDb.listTables({ databaseId: 'db' });
    expect(listed.total).toBe(2);
    // An inline integer without min/max has no range format: Appwrite reports null bounds.
    expect(listed.tables[0]?.columns).toMatchObject([{ key: 'x', type: 'integer', min: null, max: null }]);
    expect((await tablesDb.listTables({ databaseId: 'db', queries: [Query.equal('name', 'Beta')] })).tables.map((t) => t.$id)).toEqual(['b']);
    // listTables allows `rowSecurity`, but Appwrite's metadata collection names it `documentSecurity`.
    await expectAppwriteError(tablesDb.listTables({ databaseId: 'db', queries: [Query.equal('rowSecurity', true)] }), 400,
      'general_argument_invalid', 'Invalid `queries` param: Invalid query: Attribute not found in schema: rowSecurity');
    expect((await tablesDb.listTables({ databaseId: 'db', search: 'alp' })).tables.map((t) => t.$id)).toEqual(['a']);
    const updated = await tablesDb.updateTable({ databaseId: 'db', tableId: 'a', name: 'Renamed', rowSecurity: true, permissions: [Permission.read(Role.any())] });
    expect(updated).toMatchObject({ name: 'Renamed', rowSecurity: true, $permissions: ['read("any")'] });
    expect(await tablesDb.getTable({ databaseId: 'db', tableId: 'a' })).toMatchObject({ name: 'Renamed' });
    await tablesDb.deleteTable({ databaseId: 'db', tableId: 'a' });
    await expectAppwriteError(tablesDb.getTable({ databaseId: 'db', tableId: 'a' }), 404, 'table_not_found');
  });

  it('refuses a duplicate table ID, a missing database and invalid permissions', async () => {
    const tablesDb = await withDatabase();
    await tablesDb.createTable({ databaseId: 'db', tableId: 't', name: 'T' });
    await expectAppwriteError(tablesDb.createTable({ databaseId: 'db', tableId: 't', name: 'T' }), 409, 'table_already_exists');
    await expectAppwriteError(tablesDb.createTable({ databaseId: 'nope', tableId: 't', name: 'T' }), 404, 'database_not_found');
    await expectAppwriteError(tablesDb.createTable({ databaseId: 'db', tableId: 'u', name: 'U', permissions: ['read(any)'] }), 400, 'general_argument_invalid');
  });
});
