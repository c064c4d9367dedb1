import { OrderBy, TablesDBIndexType } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator, waitUntil } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 't' } as const;

async function table(): Promise<ReturnType<typeof fixture.tablesDb>> {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 't', [
    { key: 'email', type: 'string', size: 100, required: false },
    { key: 'score', type: 'integer', required: false },
    { key: 'tags', type: 'string', size: 10, required: false, array: true },
    { key: 'bio', type: 'string', size: 1000, required: false },
  ]);
  return tablesDb;
}

async function waitForIndex(tablesDb: ReturnType<typeof fixture.tablesDb>, key: string): Promise<string> {
  await waitUntil(async () => (await tablesDb.getIndex({ ...at, key })).status !== 'processing');
  return (await tablesDb.getIndex({ ...at, key })).status;
}

describe('emulator indexes', () => {
  it('creates key, unique and fulltext indexes (202, processing, then available), lists, gets and deletes them', async () => {
    const tablesDb = await table();
    const created = await tablesDb.createIndex({ ...at, key: 'by_score', type: TablesDBIndexType.Key, columns: ['score', '$createdAt'], orders: [OrderBy.Desc] });
    expect(created).toMatchObject({ key: 'by_score', type: 'key', status: 'processing', columns: ['score', '$createdAt'], orders: ['desc'] });
    expect(fixture.emu.requests.list({ operation: 'createIndex' })[0]?.status).toBe(202);
    await tablesDb.createIndex({ ...at, key: 'by_email', type: TablesDBIndexType.Unique, columns: ['email'] });
    await tablesDb.createIndex({ ...at, key: 'by_bio', type: TablesDBIndexType.Fulltext, columns: ['bio'] });
    expect(await waitForIndex(tablesDb, 'by_score')).toBe('available');
    expect(await waitForIndex(tablesDb, 'by_email')).toBe('available');
    expect(await waitForIndex(tablesDb, 'by_bio')).toBe('available');
    const listed = await tablesDb.listIndexes(at);
    expect(listed.total).toBe(3);
    expect(listed.indexes.map((index) => index.key)).toEqual(['by_score', 'by_email', 'by_bio']);
    expect(await tablesDb.deleteIndex({ ...at, key: 'by_score' })).toEqual({ message: '' });
    await waitUntil(async () => (await tablesDb.listIndexes(at)).total === 2);
    await expectAppwriteError(tablesDb.getIndex({ ...at, key: 'by_score' }), 404, 'column_index_not_found', "Index with the requested key 'by_score' could not be found.");
  });

  it('refuses unknown, array and non-string fulltext columns and duplicate keys', async () => {
    const tablesDb = await table();
    await expectAppwriteError(tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['nope'] }), 400, 'column_unknown',
      "The column 'nope' required for the index could not be found. Please confirm all your columns are in the available state.");
    await expectAppwriteError(tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['tags'] }), 400, 'index_invalid',
      'Creating indexes on array attributes is not currently supported.');
    await expectAppwriteError(tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Fulltext, columns: ['score'] }), 400, 'column_index_invalid');
    await tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['score'] });
    await expectAppwriteError(tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['email'] }), 409, 'column_index_already_exists',
      "Index with the requested key 'i' already exists. Try again with a different key.");
  });

  it('enforces an available unique index on writes; one over duplicate data is reported available but enforces nothing', async () => {
    const tablesDb = await table();
    await tablesDb.createRow({ ...at, rowId: 'a', data: { email: 'Ann@example.com', score: 1 } });
    await tablesDb.createRow({ ...at, rowId: 'b', data: { score: 1 } });
    await tablesDb.createIndex({ ...at, key: 'by_email', type: TablesDBIndexType.Unique, columns: ['email'] });
    expect(await waitForIndex(tablesDb, 'by_email')).toBe('available');
    // MariaDB's default collation is case-insensitive, so the unique index is too; NULLs never clash.
    await expectAppwriteError(tablesDb.createRow({ ...at, rowId: 'c', data: { email: 'ann@example.com' } }), 409, 'row_already_exists');
    await expectAppwriteError(tablesDb.updateRow({ ...at, rowId: 'b', data: { email: 'ANN@example.com' } }), 409, 'row_already_exists');
    await tablesDb.createRow({ ...at, rowId: 'd', data: { score: 2 } });
    await tablesDb.createIndex({ ...at, key: 'by_score', type: TablesDBIndexType.Unique, columns: ['score'] });
    // MariaDB refuses to build it; utopia takes the duplicate-entry error for an orphan index and ignores it.
    expect(await waitForIndex(tablesDb, 'by_score')).toBe('available');
    expect(await tablesDb.getIndex({ ...at, key: 'by_score' })).toMatchObject({ status: 'available', error: '' });
    await tablesDb.createRow({ ...at, rowId: 'e', data: { score: 1 } });
  });

  it('shrinks indexes of a deleted column as Appwrite does, after which renames in the table fail', async () => {
    const tablesDb = await table();
    await tablesDb.createIndex({ ...at, key: 'by_three', type: TablesDBIndexType.Key, columns: ['email', 'score', 'bio'], lengths: [50, 0, 50] });
    expect(await waitForIndex(tablesDb, 'by_three')).toBe('available');
    await tablesDb.deleteColumn({ ...at, key: 'email' });
    await waitUntil(async () => (await tablesDb.getIndex({ ...at, key: 'by_three' })).columns.length === 2);
    // PHP's array_diff drops every length equal to the deleted column's (50), not only its own.
    expect(await tablesDb.getIndex({ ...at, key: 'by_three' })).toMatchObject({ columns: ['score', 'bio'], lengths: [0] });
    // utopia kept the index's three lengths for two columns: its revalidation refuses any rename.
    await expectAppwriteError(tablesDb.updateIntegerColumn({ ...at, key: 'score', required: false, xdefault: null as never, newKey: 'points' }), 400,
      'column_index_invalid', 'Invalid index lengths. Count of lengths must be equal or less than the number of attributes.');
  });

  it('checks every unique index against every row, whichever index comes first', async () => {
    const tablesDb = await table();
    await tablesDb.createIndex({ ...at, key: 'by_id', type: TablesDBIndexType.Unique, columns: ['$id'] });
    await tablesDb.createIndex({ ...at, key: 'by_score', type: TablesDBIndexType.Unique, columns: ['score'] });
    expect(await waitForIndex(tablesDb, 'by_score')).toBe('available');
    await tablesDb.createRow({ ...at, rowId: 'a', data: { score: 1 } });
    await expectAppwriteError(tablesDb.createRow({ ...at, rowId: 'b', data: { score: 1 } }), 409, 'row_already_exists');
  });
});
