import { ID, Query, TablesDBIndexType } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator, waitForSchema, waitUntil } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 't' } as const;

async function emptyTable(): Promise<ReturnType<typeof fixture.tablesDb>> {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 't', []);
  return tablesDb;
}

describe('emulator columns', () => {
  it('creates every column type as processing (202), then available, with Appwrite wire shapes', async () => {
    const tablesDb = await emptyTable();
    const created = [
      await tablesDb.createStringColumn({ ...at, key: 'title', size: 64, required: true }),
      await tablesDb.createVarcharColumn({ ...at, key: 'code', size: 12, required: false, xdefault: 'x' }),
      await tablesDb.createTextColumn({ ...at, key: 'body', required: false }),
      await tablesDb.createMediumtextColumn({ ...at, key: 'medium', required: false }),
      await tablesDb.createLongtextColumn({ ...at, key: 'long', required: false }),
      await tablesDb.createIntegerColumn({ ...at, key: 'count', required: false }),
      await tablesDb.createIntegerColumn({ ...at, key: 'stars', required: false, min: 1, max: 5, xdefault: 3 }),
      await tablesDb.createFloatColumn({ ...at, key: 'price', required: false }),
      await tablesDb.createBooleanColumn({ ...at, key: 'active', required: false, xdefault: true }),
      await tablesDb.createDatetimeColumn({ ...at, key: 'at', required: false, xdefault: '2024-01-02T03:04:05Z' }),
      await tablesDb.createEmailColumn({ ...at, key: 'email', required: false }),
      await tablesDb.createUrlColumn({ ...at, key: 'site', required: false }),
      await tablesDb.createIpColumn({ ...at, key: 'ip', required: false }),
      await tablesDb.createEnumColumn({ ...at, key: 'state', elements: ['on', 'off'], required: false, array: true }),
    ];
    expect(created.every((column) => String(column.status) === 'processing')).toBe(true);
    expect(fixture.emu.requests.list().slice(-14).map((entry) => `${entry.operation} ${entry.status}`)).toContain('createEnumColumn 202');
    await waitForSchema(tablesDb, 'db', 't');
    const { columns } = await tablesDb.listColumns(at);
    expect(columns).toMatchObject([
      { key: 'title', type: 'string', size: 64, required: true, default: null, encrypt: false, status: 'available', error: '' },
      { key: 'code', type: 'varchar', size: 12, default: 'x' },
      { key: 'body', type: 'text' },
      { key: 'medium', type: 'mediumtext' },
      { key: 'long', type: 'longtext' },
      { key: 'count', type: 'integer', min: -9223372036854775808n, max: 9223372036854775807n, default: null },
      { key: 'stars', type: 'integer', min: 1, max: 5, default: 3 },
      { key: 'price', type: 'double', min: -Number.MAX_VALUE, max: Number.MAX_VALUE },
      { key: 'active', type: 'boolean', default: true },
      // Appwrite 1.9 keeps the datetime filter out of the column model (its format is empty) and the default as sent.
      { key: 'at', type: 'datetime', format: '', default: '2024-01-02T03:04:05Z' },
      { key: 'email', type: 'string', format: 'email' },
      { key: 'site', type: 'string', format: 'url' },
      { key: 'ip', type: 'string', format: 'ip' },
      { key: 'state', type: 'string', format: 'enum', elements: ['on', 'off'], array: true },
    ]);
    expect(await tablesDb.getColumn({ ...at, key: 'price' })).toMatchObject({ key: 'price', type: 'double' });
    expect((await tablesDb.listColumns({ ...at, queries: [Query.equal('type', 'integer')] })).columns.map((c) => c.key)).toEqual(['count', 'stars']);
  });

  it('reports a datetime default as it was sent, and gives rows the instant in Appwrite\'s format (Attributes/Datetime/Create.php)', async () => {
    const tablesDb = await emptyTable();
    await tablesDb.createDatetimeColumn({ ...at, key: 'due', required: false, xdefault: '2024-05-06T07:08:09+02:00' });
    await tablesDb.createStringColumn({ ...at, key: 'note', size: 8, required: false });
    await waitForSchema(tablesDb, 'db', 't');
    expect(await tablesDb.getColumn({ ...at, key: 'due' })).toMatchObject({ default: '2024-05-06T07:08:09+02:00' });
    const row = await tablesDb.createRow({ ...at, rowId: 'r1', data: { note: 'a' } });
    expect(row['due']).toBe('2024-05-06T05:08:09.000+00:00');
    await tablesDb.updateDatetimeColumn({ ...at, key: 'due', required: false, xdefault: '2025-01-01' });
    expect(await tablesDb.getColumn({ ...at, key: 'due' })).toMatchObject({ default: '2025-01-01' });
    expect((await tablesDb.createRow({ ...at, rowId: 'r2', data: { note: 'b' } }))['due']).toBe('2025-01-01T00:00:00.000+00:00');
  });

  it('applies the create-time checks of Appwrite', async () => {
    const tablesDb = await emptyTable();
    await expectAppwriteError(tablesDb.createStringColumn({ ...at, key: 'a', size: 5, required: true, xdefault: 'x' }), 400, 'column_default_unsupported', 'Cannot set default value for required column');
    await expectAppwriteError(tablesDb.createStringColumn({ ...at, key: 'a', size: 5, required: false, array: true, xdefault: 'x' }), 400, 'column_default_unsupported', 'Cannot set default value for array columns');
    await expectAppwriteError(tablesDb.createIntegerColumn({ ...at, key: 'a', required: false, min: 5, max: 1 }), 400, 'column_value_invalid', 'Minimum value must be lesser than maximum value');
    await expectAppwriteError(tablesDb.createIntegerColumn({ ...at, key: 'a', required: false, min: 0, max: 1000, xdefault: 5000 }), 400, 'column_value_invalid', 'Value must be a valid range between 0 and 1,000');
    await expectAppwriteError(tablesDb.createStringColumn({ ...at, key: 'a', size: 3, required: false, xdefault: 'toolong' }), 400, 'column_value_invalid', 'Value must be a valid string and no longer than 3 chars');
    await expectAppwriteError(tablesDb.createEnumColumn({ ...at, key: 'a', elements: ['x'], required: false, xdefault: 'y' }), 400, 'column_value_invalid', 'Default value not found in elements');
    await expectAppwriteError(tablesDb.createEmailColumn({ ...at, key: 'a', required: false, xdefault: 'not-an-email' }), 400, 'general_argument_invalid');
    await expectAppwriteError(tablesDb.createBooleanColumn({ ...at, key: 'a', required: false, xdefault: 'yes' as unknown as boolean }), 400, 'general_argument_invalid', 'Invalid `default` param: Value must be a valid boolean or null');
    await expectAppwriteError(tablesDb.createStringColumn({ ...at, key: '$bad', size: 5, required: false }), 400, 'general_argument_invalid');
    await expectAppwriteError(tablesDb.createStringColumn({ ...at, key: 'x'.repeat(37), size: 5, required: false }), 400, 'general_argument_invalid');
    await tablesDb.createStringColumn({ ...at, key: 'a', size: 5, required: false });
    await expectAppwriteError(tablesDb.createIntegerColumn({ ...at, key: 'a', required: false }), 409, 'column_already_exists', "Column with the requested key 'a' already exists. Column keys must be unique, try again with a different key.");
    await expectAppwriteError(tablesDb.createPointColumn({ ...at, key: 'spot', required: false }), 501, 'general_not_implemented');
  });

  it('encrypts string and varchar columns of at least 150 characters, and every text type', async () => {
    const tablesDb = await emptyTable();
    const tooSmall = 'Size too small. Encrypted strings require a minimum size of 150 characters.';
    await expectAppwriteError(tablesDb.createStringColumn({ ...at, key: 's', size: 149, required: false, encrypt: true }), 400, 'general_bad_request', tooSmall);
    // Checked before the default's length.
    await expectAppwriteError(tablesDb.createVarcharColumn({ ...at, key: 'v', size: 10, required: false, encrypt: true, xdefault: 'x'.repeat(20) }), 400, 'general_bad_request', tooSmall);
    await tablesDb.createStringColumn({ ...at, key: 's', size: 150, required: false, encrypt: true });
    await tablesDb.createVarcharColumn({ ...at, key: 'v', size: 150, required: false, encrypt: true });
    await tablesDb.createTextColumn({ ...at, key: 'text', required: false, encrypt: true });
    await tablesDb.createMediumtextColumn({ ...at, key: 'medium', required: false, encrypt: true });
    await tablesDb.createLongtextColumn({ ...at, key: 'long', required: false, encrypt: true });
    await waitForSchema(tablesDb, 'db', 't');
    const columns = await tablesDb.getTable(at);
    expect(columns.columns.map((column) => [column.key, (column as { encrypt?: boolean }).encrypt])).toEqual([['s', true], ['v', true], ['text', true], ['medium', true], ['long', true]]);
    const row = await tablesDb.createRow({ ...at, rowId: 'r', data: { s: 'secret', v: 'hidden', text: 'text' } });
    expect(row).toMatchObject({ s: 'secret', v: 'hidden', text: 'text' });
  });

  it('keeps a processing column out of the row schema until it is available', async () => {
    const tablesDb = await emptyTable();
    fixture.emu.setColumnDelay(60_000);
    await tablesDb.createStringColumn({ ...at, key: 'slow', size: 10, required: false });
    await expectAppwriteError(tablesDb.createRow({ ...at, rowId: ID.unique(), data: { slow: 'x' } }), 400, 'row_invalid_structure', 'Invalid document structure: Unknown attribute: "slow"');
    await expectAppwriteError(tablesDb.listRows({ ...at, queries: [Query.equal('slow', 'x')] }), 400, 'general_query_invalid', 'Invalid query: Attribute not found in schema: slow');
    await expectAppwriteError(tablesDb.createIndex({ ...at, key: 'by_slow', type: TablesDBIndexType.Key, columns: ['slow'] }), 400, 'column_not_available', "The requested column 'slow' is not yet available. Please try again later.");
    await expectAppwriteError(tablesDb.updateStringColumn({ ...at, key: 'slow', required: false, xdefault: 'd' }), 400, 'column_not_available');
    expect((await tablesDb.getColumn({ ...at, key: 'slow' })).status).toBe('processing');
  });

  it('becomes available after the column delay and then accepts values', async () => {
    const tablesDb = await emptyTable();
    fixture.emu.setColumnDelay(15);
    await tablesDb.createIntegerColumn({ ...at, key: 'n', required: false });
    await waitUntil(async () => String((await tablesDb.getColumn({ ...at, key: 'n' })).status) === 'available');
    expect((await tablesDb.createRow({ ...at, rowId: 'r', data: { n: 4 } })).n).toBe(4);
  });

  it('ends a column failed when failNextColumn says so', async () => {
    const tablesDb = await emptyTable();
    fixture.emu.failNextColumn('t', 'broken', 'Disk full');
    await tablesDb.createStringColumn({ ...at, key: 'broken', size: 5, required: false });
    await waitUntil(async () => String((await tablesDb.getColumn({ ...at, key: 'broken' })).status) !== 'processing');
    expect(await tablesDb.getColumn({ ...at, key: 'broken' })).toMatchObject({ status: 'failed', error: 'Disk full' });
  });

  it('updates a column (200): required, default, bounds, size and rename', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', [
      { key: 'name', type: 'string', size: 20, required: false },
      { key: 'n', type: 'integer', required: false, min: 0, max: 10 },
    ]);
    await tablesDb.createRow({ ...at, rowId: 'r', data: { name: 'abcdef', n: 2 } });
    expect(await tablesDb.updateIntegerColumn({ ...at, key: 'n', required: false, xdefault: 7, max: 100 })).toMatchObject({ min: 0, max: 100, default: 7 });
    // The type's extreme bound (what Appwrite stores for "no bound") clears a bound; an absent one keeps it.
    const cleared = await tablesDb.updateIntegerColumn({ ...at, key: 'n', required: false, xdefault: 7, min: -9223372036854775808n });
    expect(cleared).toMatchObject({ min: -9223372036854775808n, max: 100 });
    await expectAppwriteError(tablesDb.updateIntegerColumn({ ...at, key: 'n', required: true, xdefault: 7 }), 400, 'column_default_unsupported');
    // Appwrite never compares the route's type with the column's: the column's range format refuses a boolean.
    await expectAppwriteError(tablesDb.updateBooleanColumn({ ...at, key: 'n', required: false, xdefault: false }), 400, 'column_value_invalid');
    await expectAppwriteError(tablesDb.updateStringColumn({ ...at, key: 'name', required: false, xdefault: 'd', size: 3 }), 400, 'column_invalid_resize');
    await expectAppwriteError(tablesDb.updateStringColumn({ ...at, key: 'missing', required: false, xdefault: 'd' }), 404, 'column_not_found', "Column with the requested key 'missing' could not be found.");
    const renamed = await tablesDb.updateStringColumn({ ...at, key: 'name', required: false, xdefault: 'none', newKey: 'title' });
    expect(renamed).toMatchObject({ key: 'title', default: 'none', size: 20 });
    expect(await tablesDb.getRow({ ...at, rowId: 'r' })).toMatchObject({ title: 'abcdef', n: 2 });
  });

  it('updates as Appwrite does: the column keeps its type, a cleared default still fills new rows, no encrypt is reported', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', [
      { key: 'name', type: 'string', size: 20, required: false },
      { key: 'code', type: 'string', size: 5, required: false },
    ]);
    await tablesDb.createUrlColumn({ ...at, key: 'site', required: false, xdefault: 'https://a.test' });
    await tablesDb.createVarcharColumn({ ...at, key: 'vc', size: 10, required: false });
    await waitForSchema(tablesDb, 'db', 't');
    // listColumns sets `encrypt` only for `string` columns; getColumn for every string-like one.
    expect((await tablesDb.listColumns(at)).columns.find((column) => column.key === 'vc')).toMatchObject({ encrypt: null });
    expect(await tablesDb.getColumn({ ...at, key: 'vc' })).toMatchObject({ encrypt: false });
    // An update's answer carries no `encrypt`, and its default is not measured against the size.
    expect(await tablesDb.updateStringColumn({ ...at, key: 'code', required: false, xdefault: 'longer than five' }))
      .toMatchObject({ size: 5, default: 'longer than five', encrypt: null });
    // The route's type is not compared with the column's: the integer model answers for a url column.
    expect(await tablesDb.updateIntegerColumn({ ...at, key: 'site', required: false, xdefault: null as never }))
      .toMatchObject({ key: 'site', type: 'string', min: null, max: null, default: null });
    expect(await tablesDb.getColumn({ ...at, key: 'site' })).toMatchObject({ format: 'url', default: null });
    // utopia's schema kept the previous default: a new row still receives it.
    expect(await tablesDb.createRow({ ...at, rowId: 'r', data: { name: 'n', code: 'c' } })).toMatchObject({ site: 'https://a.test' });
    // `size` is optional on update: a string update of a url column without it changes no size.
    expect(await tablesDb.updateStringColumn({ ...at, key: 'site', required: false, xdefault: null as never })).toMatchObject({ key: 'site', default: null });
    // Metadata lists describe `size` by its type only, so utopia checks it as a 32-bit integer.
    await expectAppwriteError(tablesDb.listColumns({ ...at, queries: [Query.equal('size', 3_000_000_000)] }), 400, 'general_argument_invalid',
      'Invalid `queries` param: Invalid query: Query value is invalid for attribute "size"');
    // A rename onto an existing key is reported under the column's own key.
    await expectAppwriteError(tablesDb.updateStringColumn({ ...at, key: 'code', required: false, xdefault: null as never, newKey: 'name' }), 409,
      'column_already_exists', "Column with the requested key 'code' already exists. Column keys must be unique, try again with a different key.");
    await expectAppwriteError(tablesDb.updateEmailColumn({ ...at, key: 'site', required: false, xdefault: 'bad' }), 400,
      'general_argument_invalid', 'Invalid `default` param: Value must be a valid email address or null');
  });

  it('deletes a column (204) and its values; indexes lose it, and one left empty is dropped', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', [
      { key: 'a', type: 'string', size: 20, required: false },
      { key: 'b', type: 'string', size: 20, required: false },
    ], {
      indexes: [
        { key: 'by_a', type: 'key', attributes: ['a'] },
        { key: 'by_b_a', type: 'key', attributes: ['b', 'a'], orders: ['ASC', 'DESC'] },
      ],
    });
    await tablesDb.createRow({ ...at, rowId: 'r', data: { a: 'x', b: 'y' } });
    // Appwrite 1.9 deletes an indexed column: the worker removes it from every index (Workers/Databases.php).
    expect(await tablesDb.deleteColumn({ ...at, key: 'a' })).toEqual({ message: '' });
    await waitUntil(async () => (await tablesDb.listColumns(at)).total === 1);
    const { indexes } = await tablesDb.listIndexes(at);
    expect(indexes).toMatchObject([{ key: 'by_b_a', columns: ['b'], orders: ['ASC'] }]);
    expect(await tablesDb.deleteColumn({ ...at, key: 'b' })).toEqual({ message: '' });
    await waitUntil(async () => (await tablesDb.listColumns(at)).total === 0);
    expect((await tablesDb.listIndexes(at)).total).toBe(0);
    const row = await tablesDb.getRow({ ...at, rowId: 'r' });
    expect(row).not.toHaveProperty('a');
    expect(row).not.toHaveProperty('b');
    await expectAppwriteError(tablesDb.getColumn({ ...at, key: 'b' }), 404, 'column_not_found');
  });
});
