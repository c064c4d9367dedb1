import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });

describe('emulator databases', () => {
  it('creates, gets, lists, updates and deletes a database', async () => {
    const tablesDb = fixture.tablesDb();
    const created = await tablesDb.create({ databaseId: 'main', name: 'Main' });
    expect(created).toMatchObject({ $id: 'main', name: 'Main', enabled: true, type: 'tablesdb' });
    expect(created.$createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    expect(await tablesDb.get({ databaseId: 'main' })).toMatchObject({ $id: 'main', name: 'Main' });
    const updated = await tablesDb.update({ databaseId: 'main', name: 'Renamed', enabled: false });
    expect(updated).toMatchObject({ name: 'Renamed', enabled: false });
    expect(await tablesDb.list()).toMatchObject({ total: 1, databases: [{ $id: 'main', name: 'Renamed' }] });
    expect(await tablesDb.delete({ databaseId: 'main' })).toEqual({ message: '' });
    await expectAppwriteError(tablesDb.get({ databaseId: 'main' }), 404, 'database_not_found', "Database with the requested ID 'main' could not be found.");
  });

  it('generates an ID for unique() and refuses a duplicate ID with 409', async () => {
    const tablesDb = fixture.tablesDb();
    const generated = await tablesDb.create({ databaseId: 'unique()', name: 'Generated' });
    expect(generated.$id).toMatch(/^[0-9a-f]{20}$/);
    await tablesDb.create({ databaseId: 'main', name: 'Main' });
    await expectAppwriteError(tablesDb.create({ databaseId: 'main', name: 'Again' }), 409, 'database_already_exists');
  });

  it('validates the database ID like Appwrite', async () => {
    await expectAppwriteError(
      fixture.tablesDb().create({ databaseId: '_bad', name: 'Bad' }),
      400,
      'general_argument_invalid',
      "Invalid `databaseId` param: Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char",
    );
  });

  it('lists with queries, search and total=false', async () => {
    const tablesDb = fixture.tablesDb();
    for (const [databaseId, name] of [['a', 'Shop'], ['b', 'Blog'], ['c', 'Shop archive']] as const) {
      await tablesDb.create({ databaseId, name });
    }
    expect((await tablesDb.list({ queries: [Query.equal('name', 'Shop')] })).databases.map((db) => db.$id)).toEqual(['a']);
    expect((await tablesDb.list({ search: 'shop' })).databases.map((db) => db.$id)).toEqual(['a', 'c']);
    const page = await tablesDb.list({ queries: [Query.limit(1), Query.offset(1)], total: false });
    expect(page).toMatchObject({ total: 0, databases: [{ $id: 'b' }] });
  });
});
