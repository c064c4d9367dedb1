import { Client, Permission, Role, TablesDB } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 'notes' } as const;
const columns = [{ key: 'text', type: 'string', size: 50, required: true }];

function user(id: string, labels: string[] = []): TablesDB {
  return fixture.tablesDb({ jwt: fixture.emu.createJwt(id, { labels }) });
}

describe('emulator authentication', () => {
  it('answers 404 project_not_found for another project and 401 user_unauthorized for another key', async () => {
    const wrongProject = new TablesDB(new Client().setEndpoint(fixture.emu.endpoint).setProject('other').setKey(fixture.emu.apiKey));
    await expectAppwriteError(wrongProject.list(), 404, 'project_not_found');
    await expectAppwriteError(fixture.tablesDb({ apiKey: 'wrong' }).list(), 401, 'user_unauthorized', 'The current user is not authorized to perform the requested action.');
  });

  it('refuses unknown JWTs (401) and runs a key sent with a JWT as the key', async () => {
    await expectAppwriteError(fixture.tablesDb({ jwt: 'forged' }).listRows(at), 401, 'user_jwt_invalid', 'Failed to verify JWT. Invalid token: Incomplete segments');
    await expectAppwriteError(fixture.tablesDb({ jwt: 'a.b.c' }).listRows(at), 401, 'user_jwt_invalid', 'Failed to verify JWT. Invalid token: Signature failed');
    await createTable(fixture.tablesDb(), 'notes', columns);
    await fixture.tablesDb().createRow({ ...at, rowId: 'n1', data: { text: 'x' } });
    const both = new Client().setEndpoint(fixture.emu.endpoint).setProject(fixture.emu.projectId).setKey(fixture.emu.apiKey).setJWT(fixture.emu.createJwt('u1'));
    expect(await new TablesDB(both).listRows(at)).toMatchObject({ total: 1, rows: [{ $id: 'n1' }] });
  });

  it('keeps databases, tables, columns and indexes to API keys (401 general_unauthorized_scope)', async () => {
    await createTable(fixture.tablesDb(), 'notes', columns);
    await expectAppwriteError(user('u1').list(), 401, 'general_unauthorized_scope', 'User (role: users) missing scopes (["databases.read"])');
    await expectAppwriteError(user('u1').createTable({ databaseId: 'db', tableId: 'x', name: 'X' }), 401, 'general_unauthorized_scope');
    await expectAppwriteError(fixture.tablesDb('guest').listColumns(at), 401, 'general_unauthorized_scope');
  });
});

describe('emulator permissions for users', () => {
  it('needs the table create permission; a user row defaults to read/update/delete for that user', async () => {
    await createTable(fixture.tablesDb(), 'notes', columns);
    await expectAppwriteError(user('u1').createRow({ ...at, rowId: 'n1', data: { text: 'x' } }), 401, 'user_unauthorized');
    await fixture.tablesDb().updateTable({ ...at, permissions: [Permission.create(Role.users())] });
    const row = await user('u1').createRow({ ...at, rowId: 'n1', data: { text: 'x' } });
    expect(row.$permissions).toEqual(['read("user:u1")', 'update("user:u1")', 'delete("user:u1")']);
    expect((await fixture.tablesDb().createRow({ ...at, rowId: 'n2', data: { text: 'y' } })).$permissions).toEqual([]);
  });

  it('refuses a user granting roles they do not hold', async () => {
    await createTable(fixture.tablesDb(), 'notes', columns, { permissions: [Permission.create(Role.users())] });
    await expectAppwriteError(
      user('u1').createRow({ ...at, rowId: 'n1', data: { text: 'x' }, permissions: [Permission.read(Role.user('u2'))] }),
      401,
      'user_unauthorized',
      /^Permissions must be one of: \(any, users, user:u1, user:u1\/unverified, users\/unverified\)$/,
    );
  });

  it('gives users the verified or unverified roles, as Appwrite does', async () => {
    await createTable(fixture.tablesDb(), 'notes', columns, { permissions: [Permission.create(Role.users('verified'))] });
    await expectAppwriteError(user('u1').createRow({ ...at, rowId: 'n1', data: { text: 'x' } }), 401, 'user_unauthorized',
      'Missing "create" permission for role "users/verified". Only "["any","users","user:u1","user:u1\\/unverified","users\\/unverified"]" scopes are allowed and "["users\\/verified"]" was given.');
    const verified = fixture.tablesDb({ jwt: fixture.emu.createJwt('u2', { verified: true }) });
    const row = await verified.createRow({ ...at, rowId: 'n2', data: { text: 'x' }, permissions: [Permission.read(Role.user('u2', 'verified'))] });
    expect(row.$permissions).toEqual(['read("user:u2/verified")']);
  });

  it('with rowSecurity, lists, gets, updates and deletes only what the row permissions allow', async () => {
    await createTable(fixture.tablesDb(), 'notes', columns, { permissions: [Permission.create(Role.users())], rowSecurity: true });
    await user('alice').createRow({ ...at, rowId: 'a1', data: { text: 'alice 1' } });
    await user('alice').createRow({ ...at, rowId: 'a2', data: { text: 'alice 2' } });
    await user('bob').createRow({ ...at, rowId: 'b1', data: { text: 'bob' } });
    await fixture.tablesDb().createRow({ ...at, rowId: 'vip', data: { text: 'vip' }, permissions: [Permission.read(Role.label('vip'))] });
    const alice = await user('alice').listRows(at);
    expect(alice).toMatchObject({ total: 2, rows: [{ $id: 'a1' }, { $id: 'a2' }] });
    expect((await user('bob', ['vip']).listRows(at)).rows.map((row) => row.$id)).toEqual(['b1', 'vip']);
    await expectAppwriteError(user('bob').getRow({ ...at, rowId: 'a1' }), 404, 'row_not_found');
    await expectAppwriteError(user('bob').updateRow({ ...at, rowId: 'a1', data: { text: 'mine' } }), 401, 'user_unauthorized');
    await expectAppwriteError(user('bob').deleteRow({ ...at, rowId: 'a1' }), 401, 'user_unauthorized');
    expect((await user('alice').updateRow({ ...at, rowId: 'a1', data: { text: 'edited' } })).text).toBe('edited');
    await user('alice').deleteRow({ ...at, rowId: 'a2' });
    expect((await fixture.tablesDb().listRows(at)).total).toBe(3);
  });

  it('without rowSecurity, table permissions decide: no read means 401 on list', async () => {
    await createTable(fixture.tablesDb(), 'notes', columns);
    await fixture.tablesDb().createRow({ ...at, rowId: 'n1', data: { text: 'x' }, permissions: [Permission.read(Role.any())] });
    await expectAppwriteError(user('u1').listRows(at), 401, 'user_unauthorized');
    await expectAppwriteError(user('u1').getRow({ ...at, rowId: 'n1' }), 404, 'row_not_found');
    await fixture.tablesDb().updateTable({ ...at, permissions: [Permission.read(Role.any())] });
    expect((await fixture.tablesDb('guest').listRows(at)).total).toBe(1);
    expect((await user('u1').getRow({ ...at, rowId: 'n1' })).text).toBe('x');
  });

  it('hides a disabled table from users (404) but not from the API key', async () => {
    await createTable(fixture.tablesDb(), 'notes', columns, { permissions: [Permission.read(Role.any())] });
    await fixture.tablesDb().updateTable({ ...at, enabled: false });
    await expectAppwriteError(user('u1').listRows(at), 404, 'table_not_found');
    expect((await fixture.tablesDb().listRows(at)).total).toBe(0);
  });
});
