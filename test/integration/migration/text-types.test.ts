import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/errors/query-error.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import { useEmulator } from '../../helpers/emulator.js';
import { DATABASE, ormFor, writes } from './migration-fixtures.js';

const fixture = useEmulator({ columnDelayMs: 20, resetBetweenTests: true });

const articles = {
  name: 'articles',
  schema: {
    title: { type: 'string', required: true, size: 128 },
    sku: { type: 'varchar', size: 32, required: true },
    body: { type: 'text' },
    summary: { type: 'mediumtext', default: 'none' },
    archive: { type: 'longtext' },
    secret: { type: 'varchar', size: 200, encrypt: true },
    notes: { type: 'text', array: true },
  },
  indexes: [
    { key: 'by_sku', type: 'unique', attributes: ['sku'] },
    { key: 'by_body', type: 'key', attributes: ['body', 'title'], lengths: [100, 64] },
  ],
} as const satisfies TableDefinition;

describe('varchar, text, mediumtext and longtext fields', () => {
  it('are created on a new table by their own routes, then written, read and queried; a second init plans nothing', async () => {
    const { emu } = fixture;
    const db = await ormFor(emu).init([articles]);
    expect(writes(emu)).toEqual([
      'create 201', 'createTable 201', 'createVarcharColumn 202', 'createTextColumn 202', 'createMediumtextColumn 202', 'createLongtextColumn 202',
      'createVarcharColumn 202', 'createTextColumn 202', 'createIndex 202', 'createIndex 202',
    ]);
    const table = await fixture.tablesDb().getTable({ databaseId: DATABASE, tableId: 'articles' });
    expect(table.columns).toMatchObject([
      { key: 'title', type: 'string', size: 128 },
      { key: 'sku', type: 'varchar', size: 32, required: true },
      { key: 'body', type: 'text', encrypt: false },
      { key: 'summary', type: 'mediumtext', default: 'none' },
      { key: 'archive', type: 'longtext' },
      { key: 'secret', type: 'varchar', size: 200, encrypt: true },
      { key: 'notes', type: 'text', array: true },
    ]);
    expect(table.indexes).toMatchObject([{ key: 'by_sku', columns: ['sku'] }, { key: 'by_body', columns: ['body', 'title'], lengths: [100, 64] }]);

    const long = 'x'.repeat(70_000);
    const articlesTable = db.table('articles');
    const row = await articlesTable.create({ title: 'A', sku: 'a-1', body: 'hello world', archive: long, secret: 's3cret', notes: ['n1', 'n2'] }, { id: 'a' });
    expect(row).toMatchObject({ sku: 'a-1', body: 'hello world', summary: 'none', secret: 's3cret', notes: ['n1', 'n2'] });
    expect((await articlesTable.get('a'))?.archive).toHaveLength(70_000);
    expect((await articlesTable.query({ sku: 'a-1' })).map((found) => found.$id)).toEqual(['a']);
    await expect(articlesTable.create({ title: 'B', sku: 'x'.repeat(33) })).rejects.toThrow(/field "sku": Too big: expected string to have <=32 characters/);

    emu.requests.clear();
    await ormFor(emu).init([articles]);
    expect(emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
  });

  it('updates and queries every text type: equal, startsWith, contains, ordering, and an index with lengths', async () => {
    const { emu } = fixture;
    const db = await ormFor(emu).init([articles]);
    const table = db.table('articles');
    await table.create({ title: 'A', sku: 'a-1', body: 'alpha body', summary: 'alpha sum', archive: 'alpha arch' }, { id: 'a' });
    await table.create({ title: 'B', sku: 'b-1', body: 'beta body', summary: 'beta sum', archive: 'beta arch' }, { id: 'b' });
    const updated = await table.update('b', { body: 'gamma body', summary: 'gamma sum', archive: 'gamma arch', sku: 'g-1' });
    expect(updated).toMatchObject({ body: 'gamma body', summary: 'gamma sum', archive: 'gamma arch', sku: 'g-1' });
    for (const field of ['sku', 'body', 'summary', 'archive'] as const) {
      const value = field === 'sku' ? 'g-1' : `gamma ${field === 'body' ? 'body' : field === 'summary' ? 'sum' : 'arch'}`;
      expect((await table.query({ [field]: value })).map((row) => row.$id), field).toEqual(['b']);
      expect((await table.find([Query.startsWith(field, field === 'sku' ? 'a' : 'alpha')])).map((row) => row.$id), field).toEqual(['a']);
      expect((await table.find([Query.contains(field, field === 'sku' ? '-' : 'a'), Query.orderDesc(field)])).map((row) => row.$id), field).toEqual(['b', 'a']);
    }
    // by_body (body with lengths, title) serves a filter on both.
    expect((await table.find([Query.equal('body', 'alpha body'), Query.equal('title', 'A')])).map((row) => row.$id)).toEqual(['a']);
    // Long values past varchar sizes live in the text types.
    await table.update('a', { summary: 'm'.repeat(70_000) });
    expect((await table.get('a'))?.summary).toHaveLength(70_000);
  });

  it('refuses queries on an encrypted field before any request', async () => {
    const { emu } = fixture;
    const db = await ormFor(emu).init([articles]);
    emu.requests.clear();
    const table = db.table('articles');
    await expect(table.query({ secret: 'x' })).rejects.toThrow(QueryError);
    await expect(table.query({}, { orderBy: 'secret' })).rejects.toThrow(/column "secret" is encrypted: Appwrite cannot filter or order by an encrypted column/);
    await expect(table.find([Query.startsWith('secret', 'x')])).rejects.toThrow(/column "secret" is encrypted/);
    await expect(table.count({ secret: 'x' })).rejects.toThrow(QueryError);
    expect(emu.requests.count()).toBe(0);
    // Selecting it is fine: Appwrite returns the decrypted value.
    await table.create({ title: 'A', sku: 'a', secret: 'hidden' }, { id: 'a' });
    expect(await table.query({ sku: 'a' }, { select: ['secret'] })).toMatchObject([{ secret: 'hidden' }]);
  });
});

describe('renames', () => {
  const before = {
    name: 'people',
    schema: { fullName: { type: 'string', size: 100, required: true }, bio: { type: 'text' } },
    indexes: [{ key: 'by_name', type: 'key', attributes: ['fullName'] }],
  } as const satisfies TableDefinition;
  const after = {
    name: 'people',
    schema: { displayName: { type: 'string', size: 120, required: true, renamedFrom: 'fullName' }, about: { type: 'text', renamedFrom: 'bio' } },
    indexes: [{ key: 'by_name', type: 'key', attributes: ['displayName'] }],
  } as const satisfies TableDefinition;

  it('a field with renamedFrom keeps its rows: the column is renamed in place (no delete), its index follows', async () => {
    const { emu } = fixture;
    const first = await ormFor(emu).init([before]);
    await first.table('people').create({ fullName: 'Ada Lovelace', bio: 'Analyst' }, { id: 'ada' });
    emu.requests.clear();
    const db = await ormFor(emu).init([after]);
    expect(writes(emu)).toEqual(['updateStringColumn 200', 'updateTextColumn 200']);
    expect(emu.requests.list({ operation: 'updateStringColumn' })[0]?.body).toMatchObject({ newKey: 'displayName', size: 120, required: true });
    expect(await db.table('people').get('ada')).toMatchObject({ displayName: 'Ada Lovelace', about: 'Analyst' });
    expect((await db.table('people').query({ displayName: 'Ada Lovelace' })).map((row) => row.$id)).toEqual(['ada']);
    const table = await fixture.tablesDb().getTable({ databaseId: DATABASE, tableId: 'people' });
    expect(table.indexes).toMatchObject([{ key: 'by_name', columns: ['displayName'] }]);
    emu.requests.clear();
    await ormFor(emu).init([after]);
    expect(emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
  });
});
