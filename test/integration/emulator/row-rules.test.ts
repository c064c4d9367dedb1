import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

/*
 * Row writes against Appwrite 1.9's rules beyond the recorded exchanges (Documents/Create.php and Update.php
 * of appwrite 1.9.0, utopia-php/database 5.3.17 Database::updateDocument).
 */
const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 't' } as const;
const KEY_MESSAGE = 'Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. '
  + "Can't start with a special char";

async function table(): Promise<ReturnType<typeof fixture.tablesDb>> {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 't', [{ key: 'title', type: 'string', size: 20, required: false }]);
  return tablesDb;
}

describe('createRows: each row checked as Documents/Create.php:359-378 does', () => {
  it('refuses an invalid $id with CustomId\'s message as 400 general_bad_request', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.createRows({ ...at, rows: [{ $id: 'ok1', title: 'a' }, { $id: '_bad', title: 'b' }] }),
      400, 'general_bad_request', KEY_MESSAGE,
    );
    await expectAppwriteError(
      tablesDb.createRows({ ...at, rows: [{ $id: 'x'.repeat(37), title: 'a' }] }),
      400, 'general_bad_request', KEY_MESSAGE,
    );
    expect((await tablesDb.listRows(at)).total).toBe(0);
  });

  it('checks $permissions with utopia\'s Permissions validator (400 general_bad_request, its own message)', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.createRows({ ...at, rows: [{ $id: 'r1', title: 'a', $permissions: ['read("nobody")'] }] }),
      400, 'general_bad_request', 'Role "nobody" is not allowed. Must be one of: any, guests, users, user, team, member, label.',
    );
  });

  it('keeps a create permission on a row, and expands write into update and delete (Permission::aggregate)', async () => {
    const tablesDb = await table();
    const created = await tablesDb.createRows({
      ...at,
      rows: [{ $id: 'r1', title: 'a', $permissions: ['create("any")', 'write("users")', 'read("any")'] }],
    });
    expect(created.rows[0]?.$permissions).toEqual(['create("any")', 'update("users")', 'delete("users")', 'read("any")']);
  });
});

describe('single-row routes take the row ID from the path', () => {
  it('ignores an invalid $id inside createRow data (Create.php:372 overwrites it with rowId)', async () => {
    const tablesDb = await table();
    const row = await tablesDb.createRow({ ...at, rowId: 'r1', data: { $id: '_not valid', title: 'a' } });
    expect(row.$id).toBe('r1');
    const updated = await tablesDb.updateRow({ ...at, rowId: 'r1', data: { $id: '_not valid', title: 'b' } });
    expect(updated).toMatchObject({ $id: 'r1', title: 'b' });
  });
});

describe('updateRow with an API key and system dates (Database.php 5.3.17:6098-6210)', () => {
  it('sets a new $createdAt and moves $updatedAt, even when no column changes', async () => {
    const tablesDb = await table();
    const row = await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 'a' } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await tablesDb.updateRow({ ...at, rowId: 'r1', data: { $createdAt: '2001-02-03T04:05:06.000+00:00' } });
    expect(updated.$createdAt).toBe('2001-02-03T04:05:06.000+00:00');
    expect(updated.$updatedAt > row.$updatedAt).toBe(true);
    const dated = await tablesDb.updateRow({ ...at, rowId: 'r1', data: { $updatedAt: '2002-01-01T00:00:00.000+00:00' } });
    expect(dated.$updatedAt).toBe('2002-01-01T00:00:00.000+00:00');
    expect((await tablesDb.getRow({ ...at, rowId: 'r1' })).$createdAt).toBe('2001-02-03T04:05:06.000+00:00');
  });
});

describe('email columns: utopia-php/emails Validator\\Email (trim, lower-case, PHP FILTER_VALIDATE_EMAIL)', () => {
  it('takes what PHP takes and refuses what it refuses', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 'mail', [{ key: 'email', type: 'string', size: 254, format: 'email', required: false }]);
    const where = { databaseId: 'db', tableId: 'mail' } as const;
    const accepted = [' padded@example.com ', 'UPPER@EXAMPLE.COM', 'a+tag@sub.example.co.uk', 'x@[127.0.0.1]', 'x@b.c1'];
    for (const [index, email] of accepted.entries()) {
      const row = await tablesDb.createRow({ ...where, rowId: `ok${index}`, data: { email } });
      expect(row.email).toBe(email);
    }
    const refused = ['a..b@example.com', '.a@example.com', 'a.@example.com', 'a@localhost', 'a@example.123', 'a@-x.com', 'é@example.com'];
    for (const email of refused) {
      await expectAppwriteError(
        tablesDb.createRow({ ...where, rowId: 'bad', data: { email } }),
        400, 'row_invalid_structure', 'Invalid document structure: Attribute "email" has invalid format. Value must be a valid email address',
      );
    }
  });
});
