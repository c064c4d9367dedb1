import { ID, Query } from 'node-appwrite';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 'items' } as const;

beforeEach(async () => {
  await createTable(fixture.tablesDb(), 'items', [
    { key: 'title', type: 'string', size: 10, required: true },
    { key: 'n', type: 'integer', required: false },
    { key: 'stars', type: 'integer', required: false, min: 1, max: 5 },
    { key: 'price', type: 'double', required: false, default: 9.5 },
    { key: 'on', type: 'boolean', required: false },
    { key: 'at', type: 'datetime', required: false },
    { key: 'kind', type: 'string', size: 1, format: 'enum', elements: ['a', 'b'], required: false },
    { key: 'mail', type: 'string', size: 254, format: 'email', required: false },
    { key: 'site', type: 'string', size: 2000, format: 'url', required: false },
    { key: 'ip', type: 'string', size: 39, format: 'ip', required: false },
    { key: 'tags', type: 'string', size: 5, required: false, array: true },
  ]);
});

describe('emulator rows: create and read', () => {
  it('creates a row (201) with system fields, defaults, nulls and empty arrays', async () => {
    const tablesDb = fixture.tablesDb();
    const row = await tablesDb.createRow({ ...at, rowId: ID.unique(), data: { title: 'Pen', at: '2024-05-01' } });
    expect(row.$id).toMatch(/^[0-9a-f]{20}$/);
    expect(row).toMatchObject({
      $sequence: '1', $tableId: 'items', $databaseId: 'db', $permissions: [],
      title: 'Pen', n: null, price: 9.5, on: null, at: '2024-05-01T00:00:00.000+00:00', tags: [],
    });
    expect(row.$createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    expect(row.$updatedAt).toBe(row.$createdAt);
    expect(fixture.emu.requests.list({ operation: 'createRow' })[0]?.status).toBe(201);
    const second = await tablesDb.createRow({ ...at, rowId: 'unique()', data: { title: 'Ink', at: '2024-05-01T12:00:00+02:00' } });
    expect(second).toMatchObject({ $sequence: '2', at: '2024-05-01T10:00:00.000+00:00' });
    expect(second.$id).toMatch(/^[0-9a-f]{20}$/);
    expect(await tablesDb.getRow({ ...at, rowId: row.$id })).toEqual(row);
  });

  it('ignores read-only system fields and keeps $createdAt/$updatedAt for an API key', async () => {
    const row = await fixture.tablesDb().createRow({
      ...at, rowId: 'r1',
      data: { title: 'Old', $sequence: '99', $tableId: 'x', $createdAt: '2020-01-01T00:00:00.000+00:00', $updatedAt: '2021-01-01T00:00:00.000+00:00' },
    });
    expect(row).toMatchObject({ $id: 'r1', $sequence: '1', $tableId: 'items', $createdAt: '2020-01-01T00:00:00.000+00:00', $updatedAt: '2021-01-01T00:00:00.000+00:00' });
  });

  it.each([
    [{ title: 'x', nope: 1 }, 'Invalid document structure: Unknown attribute: "nope"'],
    [{ n: 1 }, 'Invalid document structure: Missing required attribute "title"'],
    [{ title: null }, 'Invalid document structure: Missing required attribute "title"'],
    // An inline integer without size is 32-bit, and without min/max has no range format ("type").
    [{ title: 'x', n: 'one' }, 'Invalid document structure: Attribute "n" has invalid type. Value must be a valid signed 32-bit integer between -2,147,483,648 and 2,147,483,647'],
    [{ title: 'x', n: 1.5 }, 'Invalid document structure: Attribute "n" has invalid type. Value must be a valid signed 32-bit integer between -2,147,483,648 and 2,147,483,647'],
    [{ title: 'far too long' }, 'Invalid document structure: Attribute "title" has invalid type. Value must be a valid string and no longer than 10 chars'],
    [{ title: 'x', stars: 6 }, 'Invalid document structure: Attribute "stars" has invalid format. Value must be a valid range between 1 and 5'],
    // An inline double without min/max has no range format, so the label is `type`.
    [{ title: 'x', price: '1' }, 'Invalid document structure: Attribute "price" has invalid type. Value must be a valid float'],
    [{ title: 'x', on: 'yes' }, 'Invalid document structure: Attribute "on" has invalid type. Value must be a valid boolean'],
    [{ title: 'x', at: 'soon' }, 'Invalid document structure: Attribute "at" has invalid type. Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.'],
    [{ title: 'x', at: '0999-12-31' }, 'Invalid document structure: Attribute "at" has invalid type. Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.'],
    [{ title: 'x', kind: 'c' }, 'Invalid document structure: Attribute "kind" has invalid format. Value must be one of (a, b)'],
    [{ title: 'x', mail: 'nope' }, 'Invalid document structure: Attribute "mail" has invalid format. Value must be a valid email address'],
    [{ title: 'x', site: 'ftp:/x' }, 'Invalid document structure: Attribute "site" has invalid format. Value must be a valid URL'],
    [{ title: 'x', ip: '300.1.1.1' }, 'Invalid document structure: Attribute "ip" has invalid format. Value must be a valid IP address'],
    [{ title: 'x', tags: 'a' }, 'Invalid document structure: Attribute "tags" must be an array'],
    [{ title: 'x', tags: ['ok', 'toolong'] }, 'Invalid document structure: Attribute "tags[\'1\']" has invalid type. Value must be a valid string and no longer than 5 chars'],
  ])('refuses invalid data %j with row_invalid_structure', async (data, message) => {
    await expectAppwriteError(fixture.tablesDb().createRow({ ...at, rowId: ID.unique(), data }), 400, 'row_invalid_structure', message);
  });

  it('answers 409 for a duplicate ID and 404 for a missing row', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 'a' } });
    await expectAppwriteError(tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 'b' } }), 409, 'row_already_exists',
      "Row with the requested ID 'r1' already exists. Try again with a different ID or use ID.unique() to generate a unique ID.");
    await expectAppwriteError(tablesDb.getRow({ ...at, rowId: 'r2' }), 404, 'row_not_found', "Row with the requested ID 'r2' could not be found.");
    await expectAppwriteError(tablesDb.getRow({ databaseId: 'db', tableId: 'nope', rowId: 'r1' }), 404, 'table_not_found');
  });

  it('gets a row with select (system fields always kept) and refuses other queries', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 'a', n: 3 } });
    const row = await tablesDb.getRow({ ...at, rowId: 'r1', queries: [Query.select(['n'])] });
    expect(Object.keys(row).sort()).toEqual(['$createdAt', '$databaseId', '$id', '$permissions', '$sequence', '$tableId', '$updatedAt', 'n']);
    await expectAppwriteError(tablesDb.getRow({ ...at, rowId: 'r1', queries: [Query.equal('n', 3)] }), 400, 'general_query_invalid');
  });

  it('lists 25 rows by default, counts all matches (capped at 5000) and honours total=false', async () => {
    const tablesDb = fixture.tablesDb();
    for (let batch = 0; batch < 51; batch++) {
      await tablesDb.createRows({ ...at, rows: Array.from({ length: 100 }, (_, i) => ({ title: `t${batch * 100 + i}` })) });
    }
    const page = await tablesDb.listRows(at);
    expect(page.total).toBe(5000);
    expect(page.rows).toHaveLength(25);
    expect(page.rows[0]).toMatchObject({ $sequence: '1', title: 't0' });
    const later = await tablesDb.listRows({ ...at, queries: [Query.limit(2), Query.offset(5050)] });
    expect(later).toMatchObject({ total: 5000, rows: [{ title: 't5050' }, { title: 't5051' }] });
    expect((await tablesDb.listRows({ ...at, total: false })).total).toBe(0);
  });
});

describe('emulator rows: update, upsert, delete, increment', () => {
  it('updates a row partially (200) and refuses an empty payload', async () => {
    const tablesDb = fixture.tablesDb();
    const created = await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 'a', n: 1, tags: ['x'] } });
    const updated = await tablesDb.updateRow({ ...at, rowId: 'r1', data: { n: 2 } });
    expect(updated).toMatchObject({ title: 'a', n: 2, tags: ['x'], $sequence: created.$sequence, $createdAt: created.$createdAt });
    expect(updated.$updatedAt >= created.$updatedAt).toBe(true);
    await expectAppwriteError(tablesDb.updateRow({ ...at, rowId: 'r1', data: {} }), 400, 'row_missing_payload',
      'The row data and permissions are missing. You must provide either row data or permissions to be updated.');
    await expectAppwriteError(tablesDb.updateRow({ ...at, rowId: 'r1', data: { title: null } }), 400, 'row_invalid_structure', 'Invalid document structure: Missing required attribute "title"');
    await expectAppwriteError(tablesDb.updateRow({ ...at, rowId: 'zz', data: { n: 1 } }), 404, 'row_not_found');
    const permitted = await tablesDb.updateRow({ ...at, rowId: 'r1', permissions: ['read("any")', 'write("users")'] });
    expect(permitted.$permissions).toEqual(['read("any")', 'update("users")', 'delete("users")']);
  });

  it('upserts (200): creates a new row; an existing one keeps omitted optional columns but needs its required ones', async () => {
    const tablesDb = fixture.tablesDb();
    const created = await tablesDb.upsertRow({ ...at, rowId: 'r1', data: { title: 'a', n: 1 } });
    expect(created).toMatchObject({ $id: 'r1', $sequence: '1', title: 'a', n: 1, price: 9.5 });
    const merged = await tablesDb.upsertRow({ ...at, rowId: 'r1', data: { title: 'b' } });
    expect(merged).toMatchObject({ $id: 'r1', $sequence: '1', title: 'b', n: 1 });
    await expectAppwriteError(tablesDb.upsertRow({ ...at, rowId: 'r1', data: { n: 5 } }), 400, 'row_invalid_structure',
      'Invalid document structure: Missing required attribute "title"');
    expect(fixture.emu.requests.list({ operation: 'upsertRow' }).map((entry) => entry.status)).toEqual([200, 200, 400]);
  });

  it('deletes a row (204, empty body)', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 'a' } });
    expect(await tablesDb.deleteRow({ ...at, rowId: 'r1' })).toEqual({ message: '' });
    expect(fixture.emu.requests.list({ operation: 'deleteRow' })[0]?.status).toBe(204);
    await expectAppwriteError(tablesDb.deleteRow({ ...at, rowId: 'r1' }), 404, 'row_not_found');
  });

  it('increments and decrements numeric columns within bounds', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 'a', n: 5 } });
    expect((await tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'n' })).n).toBe(6);
    expect((await tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'n', value: 4, max: 10 })).n).toBe(10);
    await expectAppwriteError(tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'n', value: 1, max: 10 }), 400, 'column_limit_exceeded');
    expect((await tablesDb.decrementRowColumn({ ...at, rowId: 'r1', column: 'n', value: 3, min: 0 })).n).toBe(7);
    await expectAppwriteError(tablesDb.decrementRowColumn({ ...at, rowId: 'r1', column: 'n', value: 8, min: 0 }), 400, 'column_limit_exceeded');
    expect((await tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'price', value: 0.5 })).price).toBe(10);
    await expectAppwriteError(tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'title' }), 400, 'attribute_type_invalid');
    // A missing column and a missing row are both utopia NotFoundExceptions, reported without the key.
    const notFound = "Column with the requested key '%s' could not be found.";
    await expectAppwriteError(tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'nope' }), 404, 'column_not_found', notFound);
    await expectAppwriteError(tablesDb.incrementRowColumn({ ...at, rowId: 'zz', column: 'n' }), 404, 'column_not_found', notFound);
  });

  it('increments a NULL column: answers the new value, stores nothing (Appwrite adds in SQL)', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 'a' } });
    expect((await tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'n', value: 3 })).n).toBe(3);
    expect((await tablesDb.getRow({ ...at, rowId: 'r1' })).n).toBeNull();
    const before = (await tablesDb.getRow({ ...at, rowId: 'r1' })).$updatedAt;
    expect((await tablesDb.decrementRowColumn({ ...at, rowId: 'r1', column: 'n', value: 1, min: -5 })).n).toBe(-1);
    expect(await tablesDb.getRow({ ...at, rowId: 'r1' })).toMatchObject({ n: null, $updatedAt: before });
  });

  it('increments an integer by a fraction: answers the exact sum, stores it rounded; column bounds do not apply', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 'a', n: 1, stars: 5 } });
    expect((await tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'n', value: 1.5 })).n).toBe(2.5);
    expect((await tablesDb.getRow({ ...at, rowId: 'r1' })).n).toBe(3);
    expect((await tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'stars', value: 10 })).stars).toBe(15);
    await expectAppwriteError(tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: 'n', value: 0 }), 400, 'general_argument_invalid', 'Value must be numeric and greater than 0');
  });
});
