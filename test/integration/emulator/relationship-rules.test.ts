import { RelationMutate, RelationshipType } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator, waitForSchema } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

/*
 * utopia-php/database puts a unique index on each stored side of a oneToOne relationship (`_index_<key>`,
 * Database.php 5.3.17 createRelationship), so a second row linking the same partner fails as a duplicate,
 * which Appwrite answers 409 `row_already_exists` naming the written row (Documents/Create.php, Update.php).
 */
const fixture = useEmulator({ resetBetweenTests: true });
const people = { databaseId: 'db', tableId: 'people' } as const;
const passports = { databaseId: 'db', tableId: 'passports' } as const;
const duplicate = (id: string): string =>
  `Row with the requested ID '${id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID.`;

async function tables(twoWay: boolean): Promise<ReturnType<typeof fixture.tablesDb>> {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 'people', [{ key: 'name', type: 'string', size: 20, required: false }]);
  await createTable(tablesDb, 'passports', [{ key: 'no', type: 'string', size: 20, required: false }]);
  await tablesDb.createRelationshipColumn({
    ...people, relatedTableId: 'passports', type: RelationshipType.OneToOne, twoWay, key: 'passport', twoWayKey: 'owner',
    onDelete: RelationMutate.SetNull,
  });
  await waitForSchema(tablesDb, 'db', 'people');
  await tablesDb.createRow({ ...passports, rowId: 'pp1', data: { no: 'X1' } });
  await tablesDb.createRow({ ...people, rowId: 'p1', data: { name: 'a', passport: 'pp1' } });
  return tablesDb;
}

describe('oneToOne partners are unique', () => {
  it('refuses a second parent row linking the same row, and leaves nothing written', async () => {
    const tablesDb = await tables(false);
    await expectAppwriteError(tablesDb.createRow({ ...people, rowId: 'p2', data: { name: 'b', passport: 'pp1' } }), 409, 'row_already_exists', duplicate('p2'));
    await expectAppwriteError(tablesDb.getRow({ ...people, rowId: 'p2' }), 404, 'row_not_found');
    await tablesDb.createRow({ ...people, rowId: 'p3', data: { name: 'c' } });
    await expectAppwriteError(tablesDb.updateRow({ ...people, rowId: 'p3', data: { name: 'd', passport: 'pp1' } }), 409, 'row_already_exists', duplicate('p3'));
    expect((await tablesDb.getRow({ ...people, rowId: 'p3' })).name).toBe('c');
    // Linking a row's own partner again is no conflict.
    expect((await tablesDb.updateRow({ ...people, rowId: 'p1', data: { passport: 'pp1' } })).$id).toBe('p1');
  });

  it('refuses, from the child side of a two-way one, a parent that already has a partner', async () => {
    const tablesDb = await tables(true);
    await expectAppwriteError(tablesDb.createRow({ ...passports, rowId: 'pp2', data: { no: 'X2', owner: 'p1' } }), 409, 'row_already_exists', duplicate('pp2'));
    await tablesDb.createRow({ ...people, rowId: 'p2', data: { name: 'b' } });
    const linked = await tablesDb.createRow({ ...passports, rowId: 'pp3', data: { no: 'X3', owner: 'p2' } });
    expect(linked.$id).toBe('pp3');
  });
});

describe('links to missing rows on ends that are not a column of the row', () => {
  it('drops a manyToMany ID of a missing row: the row is not linked once created (Database.php 5.3.17:6015-6019)', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 'posts', [{ key: 'title', type: 'string', size: 20, required: false }]);
    await createTable(tablesDb, 'tags', [{ key: 'label', type: 'string', size: 20, required: false }]);
    await tablesDb.createRelationshipColumn({
      databaseId: 'db', tableId: 'posts', relatedTableId: 'tags', type: RelationshipType.ManyToMany, twoWay: true, key: 'tags', twoWayKey: 'posts',
      onDelete: RelationMutate.SetNull,
    });
    await waitForSchema(tablesDb, 'db', 'posts');
    await tablesDb.createRow({ databaseId: 'db', tableId: 'tags', rowId: 't1', data: { label: 'one' } });
    const post = await tablesDb.createRow({ databaseId: 'db', tableId: 'posts', rowId: 'p1', data: { title: 'a', tags: ['t1', 'later'] } });
    expect((post.tags as { $id: string }[]).map((tag) => tag.$id)).toEqual(['t1']);
    const later = await tablesDb.createRow({ databaseId: 'db', tableId: 'tags', rowId: 'later', data: { label: 'two' } });
    expect(later.posts).toEqual([]);
  });
});
