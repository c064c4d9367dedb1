import { Query, RelationMutate, RelationshipType, type TablesDB } from 'node-appwrite';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator, waitForSchema } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const databaseId = 'db';

async function relate(tablesDb: TablesDB, tableId: string, options: {
  relatedTableId: string; type: RelationshipType; key: string; twoWay?: boolean; twoWayKey?: string; onDelete?: RelationMutate;
}): Promise<void> {
  await tablesDb.createRelationshipColumn({ databaseId, tableId, ...options });
  await waitForSchema(tablesDb, databaseId, tableId);
  await waitForSchema(tablesDb, databaseId, options.relatedTableId);
}

beforeEach(async () => {
  const tablesDb = fixture.tablesDb();
  for (const [id, key] of [['authors', 'name'], ['profiles', 'bio'], ['books', 'title'], ['tags', 'label'], ['reviews', 'text']] as const) {
    await createTable(tablesDb, id, [{ key, type: 'string', size: 64, required: false }]);
  }
  await relate(tablesDb, 'authors', { relatedTableId: 'profiles', type: RelationshipType.OneToOne, key: 'profile', onDelete: RelationMutate.Cascade });
  await relate(tablesDb, 'authors', { relatedTableId: 'books', type: RelationshipType.OneToMany, key: 'books', twoWay: true, twoWayKey: 'author', onDelete: RelationMutate.Restrict });
  await relate(tablesDb, 'books', { relatedTableId: 'tags', type: RelationshipType.ManyToMany, key: 'tags', twoWay: true, twoWayKey: 'books', onDelete: RelationMutate.SetNull });
  await relate(tablesDb, 'reviews', { relatedTableId: 'books', type: RelationshipType.ManyToOne, key: 'book', onDelete: RelationMutate.Cascade });
});

describe('emulator relationships: columns', () => {
  it('creates the parent column (202 processing, then available) and the two-way partner on the related table', async () => {
    const tablesDb = fixture.tablesDb();
    expect(await tablesDb.getColumn({ databaseId, tableId: 'books', key: 'author' })).toMatchObject({
      type: 'relationship', status: 'available', relatedTable: 'authors', relationType: 'oneToMany', twoWay: true, twoWayKey: 'books', side: 'child',
    });
    await expectAppwriteError(tablesDb.getColumn({ databaseId, tableId: 'profiles', key: 'authors' }), 404, 'column_not_found');
  });

  it('refuses a missing table, a taken key, a second manyToMany between a pair and an index on a relationship', async () => {
    const tablesDb = fixture.tablesDb();
    await expectAppwriteError(tablesDb.createRelationshipColumn({ databaseId, tableId: 'authors', relatedTableId: 'nope', type: RelationshipType.OneToOne, key: 'x' }), 404, 'table_not_found');
    await expectAppwriteError(tablesDb.createRelationshipColumn({ databaseId, tableId: 'authors', relatedTableId: 'tags', type: RelationshipType.OneToMany, key: 'books' }), 409, 'column_already_exists');
    await expectAppwriteError(tablesDb.createRelationshipColumn({ databaseId, tableId: 'tags', relatedTableId: 'books', type: RelationshipType.ManyToMany, key: 'more' }), 409, 'column_already_exists');
    await expectAppwriteError(tablesDb.createIndex({ databaseId, tableId: 'reviews', key: 'i', type: 'key' as never, columns: ['book'] }), 400, 'column_type_invalid');
  });

  it('updates onDelete on both sides and deletes a two-way relationship with its partner', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.updateRelationshipColumn({ databaseId, tableId: 'authors', key: 'books', onDelete: RelationMutate.Cascade });
    expect(await tablesDb.getColumn({ databaseId, tableId: 'books', key: 'author' })).toMatchObject({ onDelete: 'cascade' });
    await tablesDb.deleteColumn({ databaseId, tableId: 'authors', key: 'books' });
    await waitForSchema(tablesDb, databaseId, 'authors');
    await waitForSchema(tablesDb, databaseId, 'books');
    await expectAppwriteError(tablesDb.getColumn({ databaseId, tableId: 'books', key: 'author' }), 404, 'column_not_found');
  });
});

describe('emulator relationships: renames (newKey), as utopia updateRelationship makes them', () => {
  beforeEach(async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ databaseId, tableId: 'profiles', rowId: 'p1', data: { bio: 'b' } });
    await tablesDb.createRow({ databaseId, tableId: 'tags', rowId: 't1', data: { label: 'one' } });
    await tablesDb.createRow({ databaseId, tableId: 'authors', rowId: 'a1', data: { name: 'Ann', profile: 'p1', books: [{ $id: 'k1', title: 'B1', tags: ['t1'] }] } });
    await tablesDb.createRow({ databaseId, tableId: 'reviews', rowId: 'v1', data: { text: 'good', book: 'k1' } });
  });

  it('renames the parent side of each relation type: links kept, the partner\'s twoWayKey follows, rows read under the new key', async () => {
    const tablesDb = fixture.tablesDb();
    const renamed = await tablesDb.updateRelationshipColumn({ databaseId, tableId: 'authors', key: 'books', onDelete: RelationMutate.Restrict, newKey: 'works' });
    expect(renamed).toMatchObject({ key: 'works', side: 'parent', twoWayKey: 'author', onDelete: 'restrict' });
    expect(await tablesDb.getColumn({ databaseId, tableId: 'books', key: 'author' })).toMatchObject({ twoWayKey: 'works', side: 'child' });
    await tablesDb.updateRelationshipColumn({ databaseId, tableId: 'books', key: 'tags', onDelete: RelationMutate.SetNull, newKey: 'labels' });
    expect(await tablesDb.getColumn({ databaseId, tableId: 'tags', key: 'books' })).toMatchObject({ twoWayKey: 'labels', onDelete: 'setNull' });
    await tablesDb.updateRelationshipColumn({ databaseId, tableId: 'authors', key: 'profile', onDelete: RelationMutate.Cascade, newKey: 'bio' });
    await tablesDb.updateRelationshipColumn({ databaseId, tableId: 'reviews', key: 'book', onDelete: RelationMutate.Cascade, newKey: 'subject' });
    await expectAppwriteError(tablesDb.getColumn({ databaseId, tableId: 'authors', key: 'books' }), 404, 'column_not_found');
    const author = await tablesDb.getRow({ databaseId, tableId: 'authors', rowId: 'a1', queries: [Query.select(['*', 'works.*', 'works.labels.*', 'bio.*'])] });
    expect(author).toMatchObject({ bio: { $id: 'p1' }, works: [{ $id: 'k1', labels: [{ $id: 't1' }] }] });
    expect(await tablesDb.getRow({ databaseId, tableId: 'reviews', rowId: 'v1' })).toMatchObject({ subject: 'k1' });
    expect(await tablesDb.getRow({ databaseId, tableId: 'books', rowId: 'k1' })).toMatchObject({ author: 'a1' });
    const filtered = await tablesDb.listRows({ databaseId, tableId: 'reviews', queries: [Query.equal('subject', ['k1'])] });
    expect(filtered.rows.map((row) => row.$id)).toEqual(['v1']);
  });

  it('renames the child side by its own key: the parent\'s twoWayKey follows, the links stay', async () => {
    const tablesDb = fixture.tablesDb();
    expect(await tablesDb.updateRelationshipColumn({ databaseId, tableId: 'books', key: 'author', onDelete: RelationMutate.Restrict, newKey: 'writer' }))
      .toMatchObject({ key: 'writer', side: 'child', twoWayKey: 'books' });
    expect(await tablesDb.getColumn({ databaseId, tableId: 'authors', key: 'books' })).toMatchObject({ twoWayKey: 'writer', side: 'parent' });
    await tablesDb.updateRelationshipColumn({ databaseId, tableId: 'tags', key: 'books', onDelete: RelationMutate.SetNull, newKey: 'items' });
    expect(await tablesDb.getRow({ databaseId, tableId: 'books', rowId: 'k1' })).toMatchObject({ writer: 'a1' });
    expect(await tablesDb.getRow({ databaseId, tableId: 'tags', rowId: 't1', queries: [Query.select(['*', 'items.*'])] })).toMatchObject({ items: [{ $id: 'k1' }] });
    const author = await tablesDb.getRow({ databaseId, tableId: 'authors', rowId: 'a1', queries: [Query.select(['*', 'books.*'])] });
    expect(author).toMatchObject({ books: [{ $id: 'k1' }] });
  });

  it('answers a key the table already uses (a column, its own key, another relationship, a one-way relationship\'s hidden key) with a bare 500, as Appwrite does', async () => {
    const tablesDb = fixture.tablesDb();
    for (const newKey of ['name', 'books', 'profile']) {
      await expectAppwriteError(tablesDb.updateRelationshipColumn({ databaseId, tableId: 'authors', key: 'books', onDelete: RelationMutate.Restrict, newKey }), 500, 'general_unknown');
    }
    expect(await tablesDb.getColumn({ databaseId, tableId: 'authors', key: 'books' })).toMatchObject({ key: 'books', twoWayKey: 'author' });
    // The hidden side of reviews.book (one-way) is books' key "reviews".
    await expectAppwriteError(tablesDb.updateRelationshipColumn({ databaseId, tableId: 'books', key: 'author', newKey: 'reviews' }), 500, 'general_unknown');
  });

  it('leaving onDelete out reports restrict on both sides while the previous action is still enforced', async () => {
    const tablesDb = fixture.tablesDb();
    const answer = await tablesDb.updateRelationshipColumn({ databaseId, tableId: 'books', key: 'tags', newKey: 'labels' });
    expect(answer).toMatchObject({ key: 'labels', onDelete: 'restrict' });
    expect(await tablesDb.getColumn({ databaseId, tableId: 'tags', key: 'books' })).toMatchObject({ twoWayKey: 'labels', onDelete: 'restrict' });
    // setNull still applies: deleting the tag unlinks it from the book instead of being refused.
    await tablesDb.deleteRow({ databaseId, tableId: 'tags', rowId: 't1' });
    expect(await tablesDb.getRow({ databaseId, tableId: 'books', rowId: 'k1', queries: [Query.select(['*', 'labels.*'])] })).toMatchObject({ labels: [] });
  });
});

describe('emulator relationships: rows', () => {
  beforeEach(async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ databaseId, tableId: 'profiles', rowId: 'p1', data: { bio: 'b' } });
    await tablesDb.createRow({ databaseId, tableId: 'tags', rowId: 't1', data: { label: 'one' } });
    await tablesDb.createRow({ databaseId, tableId: 'authors', rowId: 'a1', data: { name: 'Ann', profile: 'p1', books: [{ $id: 'k1', title: 'B1', tags: ['t1'] }] } });
  });

  it('loads related rows only when select names them, up to the depth limit', async () => {
    const tablesDb = fixture.tablesDb();
    const plain = await tablesDb.getRow({ databaseId, tableId: 'authors', rowId: 'a1' });
    expect(plain).toMatchObject({ profile: 'p1' });
    expect(plain).not.toHaveProperty('books');
    const loaded = await tablesDb.getRow({ databaseId, tableId: 'authors', rowId: 'a1', queries: [Query.select(['*', 'books.*', 'books.tags.*'])] });
    expect(loaded).toMatchObject({ profile: 'p1', books: [{ $id: 'k1', title: 'B1', tags: [{ $id: 't1', label: 'one' }] }] });
    const listed = await tablesDb.listRows({ databaseId, tableId: 'books', queries: [Query.equal('author', ['a1']), Query.select(['*', 'author.*'])] });
    expect(listed.rows[0]).toMatchObject({ $id: 'k1', author: { $id: 'a1', name: 'Ann' } });
    await expectAppwriteError(tablesDb.listRows({ databaseId, tableId: 'authors', queries: [Query.equal('books', ['k1'])] }), 400, 'general_query_invalid',
      'Invalid query: Cannot query on virtual relationship attribute');
    // A relationship is queried by ID (at most 255 characters); a path's values are the related table's to check.
    await expectAppwriteError(tablesDb.listRows({ databaseId, tableId: 'books', queries: [Query.equal('author', ['a'.repeat(256)])] }), 400,
      'general_query_invalid', 'Invalid query: Query value is invalid for attribute "author"');
    await expect(tablesDb.listRows({ databaseId, tableId: 'books', queries: [Query.equal('author.name', [5])] })).resolves.toBeDefined();
  });

  it('restricts, cascades and sets null on delete', async () => {
    const tablesDb = fixture.tablesDb();
    await expectAppwriteError(tablesDb.deleteRow({ databaseId, tableId: 'authors', rowId: 'a1' }), 403, 'row_delete_restricted');
    await tablesDb.createRow({ databaseId, tableId: 'reviews', rowId: 'v1', data: { text: 'ok', book: 'k1' } });
    await tablesDb.deleteRow({ databaseId, tableId: 'tags', rowId: 't1' });
    const book = await tablesDb.getRow({ databaseId, tableId: 'books', rowId: 'k1', queries: [Query.select(['*', 'tags.*'])] });
    expect(book).toMatchObject({ tags: [] });
    await tablesDb.deleteRow({ databaseId, tableId: 'books', rowId: 'k1' });
    await expectAppwriteError(tablesDb.getRow({ databaseId, tableId: 'reviews', rowId: 'v1' }), 404, 'row_not_found');
    await tablesDb.deleteRow({ databaseId, tableId: 'authors', rowId: 'a1' });
    await expectAppwriteError(tablesDb.getRow({ databaseId, tableId: 'profiles', rowId: 'p1' }), 404, 'row_not_found');
  });

  it('refuses the bulk routes on tables with relationship columns', async () => {
    const tablesDb = fixture.tablesDb();
    await expectAppwriteError(tablesDb.createRows({ databaseId, tableId: 'tags', rows: [{ $id: 't9', label: 'x' }] }), 400, 'general_bad_request',
      'Bulk create is not supported for tablesDB with relationship columns');
    await expectAppwriteError(tablesDb.deleteRows({ databaseId, tableId: 'books' }), 400, 'general_bad_request',
      'Bulk delete is not supported for tablesDB with relationship attributes');
  });
});
