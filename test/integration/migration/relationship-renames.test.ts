import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../src/errors/migration-error.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import { useEmulator } from '../../helpers/emulator.js';
import { runIn, useProjectDir } from './cli-harness.js';
import { DATABASE, ormFor, writes } from './migration-fixtures.js';

const fixture = useEmulator({ columnDelayMs: 20, resetBetweenTests: true });
const project = useProjectDir();

/** authors <- books (manyToOne, two-way), books <-> tags (manyToMany, two-way), books -> covers (oneToOne, one-way). */
const authors = { name: 'authors', schema: { name: { type: 'string', size: 64, required: true } } } as const satisfies TableDefinition;
const tags = { name: 'tags', schema: { label: { type: 'string', size: 32, required: true } } } as const satisfies TableDefinition;
const covers = { name: 'covers', schema: { color: { type: 'string', size: 16 } } } as const satisfies TableDefinition;
const books = {
  name: 'books',
  schema: {
    title: { type: 'string', size: 128, required: true },
    author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'books', onDelete: 'setNull' },
    tags: { type: 'relationship', table: 'tags', relation: 'manyToMany', twoWay: true, twoWayKey: 'books', onDelete: 'setNull' },
    cover: { type: 'relationship', table: 'covers', relation: 'oneToOne', onDelete: 'cascade' },
  },
} as const satisfies TableDefinition;

/** Seeds author a1, tags t1 and t2, cover c1, and book k1 linked to all of them (through the ORM). */
async function seed(): Promise<void> {
  const db = await ormFor(fixture.emu).init([authors, tags, covers, books]);
  await db.table('authors').create({ name: 'Ann' }, { id: 'a1' });
  await db.table('tags').create({ label: 'one' }, { id: 't1' });
  await db.table('tags').create({ label: 'two' }, { id: 't2' });
  await db.table('covers').create({ color: 'red' }, { id: 'c1' });
  await db.table('books').create({ title: 'Book', author: 'a1', tags: ['t1', 't2'], cover: 'c1' }, { id: 'k1' });
  await db.close();
}

const column = (tableId: string, key: string) => fixture.tablesDb().getColumn({ databaseId: DATABASE, tableId, key });

describe('renamedFrom on relationship fields (push)', () => {
  it('renames the declared side of one-way and two-way relationships in place: links kept, partners follow', async () => {
    await seed();
    const renamed = {
      ...books,
      schema: {
        title: books.schema.title,
        writer: { ...books.schema.author, renamedFrom: 'author' },
        labels: { ...books.schema.tags, renamedFrom: 'tags' },
        jacket: { ...books.schema.cover, renamedFrom: 'cover' },
      },
    } as const satisfies TableDefinition;
    fixture.emu.requests.clear();
    const orm = ormFor(fixture.emu);
    expect((await orm.plan([authors, tags, covers, renamed])).text).toBe([
      '~ column books.author renamed to writer (links kept)',
      '~ column books.tags renamed to labels (links kept)',
      '~ column books.cover renamed to jacket (links kept)',
    ].join('\n'));
    const db = await orm.init([authors, tags, covers, renamed]);
    expect(writes(fixture.emu)).toEqual(['updateRelationshipColumn 200', 'updateRelationshipColumn 200', 'updateRelationshipColumn 200']);
    expect(fixture.emu.requests.list({ operation: 'updateRelationshipColumn' }).map((entry) => entry.body)).toEqual([
      { onDelete: 'setNull', newKey: 'writer' }, { onDelete: 'setNull', newKey: 'labels' }, { onDelete: 'cascade', newKey: 'jacket' },
    ]);

    const book = await db.table('books').getOrFail('k1', { with: ['writer', 'labels', 'jacket'] });
    expect(book.writer?.name).toBe('Ann');
    expect(book.labels.map((tag) => tag.$id).sort()).toEqual(['t1', 't2']);
    expect(book.jacket?.color).toBe('red');
    // The related tables' sides point at the new keys and still read the links.
    expect(await column('authors', 'books')).toMatchObject({ side: 'child', twoWayKey: 'writer' });
    expect(await column('tags', 'books')).toMatchObject({ side: 'child', twoWayKey: 'labels' });
    expect((await db.table('authors').getOrFail('a1', { with: ['books'] })).books.map((row) => row.$id)).toEqual(['k1']);
    expect((await db.table('tags').getOrFail('t2', { with: ['books'] })).books.map((row) => row.$id)).toEqual(['k1']);
    expect((await db.table('books').query({ writer: 'a1' })).map((row) => row.$id)).toEqual(['k1']);
    // The one-way relationship keeps its onDelete: deleting the book still cascades to its cover.
    await db.table('books').delete('k1');
    expect(await db.table('covers').get('c1')).toBeNull();
    await db.close();

    fixture.emu.requests.clear();
    await ormFor(fixture.emu).init([authors, tags, covers, renamed]);
    expect(fixture.emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
  });

  it('renames the related table\'s side with twoWayKeyRenamedFrom, alone or with the declared side, and sets onDelete on the way', async () => {
    await seed();
    const renamed = {
      ...books,
      schema: {
        title: books.schema.title,
        writer: { ...books.schema.author, renamedFrom: 'author', twoWayKey: 'works', twoWayKeyRenamedFrom: 'books', onDelete: 'restrict' },
        tags: { ...books.schema.tags, twoWayKey: 'items', twoWayKeyRenamedFrom: 'books' },
        cover: books.schema.cover,
      },
    } as const satisfies TableDefinition;
    fixture.emu.requests.clear();
    const orm = ormFor(fixture.emu);
    expect((await orm.plan([authors, tags, covers, renamed])).text).toBe([
      '~ column authors.books renamed to works (links kept)',
      '~ column tags.books renamed to items (links kept)',
      '~ column books.author renamed to writer (links kept): onDelete "setNull" -> "restrict"',
    ].join('\n'));
    const db = await orm.init([authors, tags, covers, renamed]);
    expect(fixture.emu.requests.list({ operation: 'updateRelationshipColumn' }).map((entry) => [entry.tableId, entry.path.split('/').at(-2), entry.body])).toEqual([
      ['authors', 'books', { onDelete: 'restrict', newKey: 'works' }],
      ['tags', 'books', { onDelete: 'setNull', newKey: 'items' }],
      ['books', 'author', { onDelete: 'restrict', newKey: 'writer' }],
    ]);
    expect(writes(fixture.emu)).toHaveLength(3);
    expect(await column('books', 'writer')).toMatchObject({ side: 'parent', twoWayKey: 'works', onDelete: 'restrict' });
    expect(await column('authors', 'works')).toMatchObject({ side: 'child', twoWayKey: 'writer', onDelete: 'restrict' });
    expect(await column('books', 'tags')).toMatchObject({ twoWayKey: 'items' });

    const ann = await db.table('authors').getOrFail('a1', { with: ['works'] });
    expect(ann.works.map((row) => row.$id)).toEqual(['k1']);
    expect((await db.table('tags').getOrFail('t1', { with: ['items'] })).items.map((row) => row.$id)).toEqual(['k1']);
    expect((await db.table('books').getOrFail('k1', { with: ['writer'] })).writer?.$id).toBe('a1');
    // restrict now applies to the author.
    await expect(db.table('authors').delete('a1')).rejects.toThrow(/referenced by another row/);
    await db.close();

    fixture.emu.requests.clear();
    await ormFor(fixture.emu).init([authors, tags, covers, renamed]);
    expect(fixture.emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
  });

  it('refuses, before any write, renamedFrom naming a column of another type, and a new key the related table already uses', async () => {
    await seed();
    // A string field cannot become a relationship in place (nor the other way round).
    const fromString = { ...books, schema: { ...books.schema, titled: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWayKey: 'titles', renamedFrom: 'title' } } } as const satisfies TableDefinition;
    const { title: _title, ...rest } = fromString.schema;
    fixture.emu.requests.clear();
    const refused = ormFor(fixture.emu).init([authors, tags, covers, { ...fromString, schema: rest }]);
    await expect(refused).rejects.toThrow(MigrationError);
    await expect(refused).rejects.toThrow(
      '! refused: rename books.titled: renamedFrom "title" names a string column, and a relationship can only be renamed from a column of its own type (change the declaration)',
    );
    const toString = { ...books, schema: { ...books.schema, cover: undefined, coverName: { type: 'string', size: 64, renamedFrom: 'cover' } } };
    const { cover: _cover, ...others } = toString.schema;
    await expect(ormFor(fixture.emu).init([authors, tags, covers, { ...books, schema: others } as TableDefinition]))
      .rejects.toThrow('! refused: rename books.coverName: renamedFrom "cover" names a relationship(oneToOne covers) column, and a string field can only be renamed from a column of its own type');

    // authors gets a column "legacy" outside the declarations: the books side cannot be renamed onto it.
    await fixture.tablesDb().createStringColumn({ databaseId: DATABASE, tableId: 'authors', key: 'legacy', size: 8, required: false });
    const onto = { ...books, schema: { ...books.schema, author: { ...books.schema.author, twoWayKey: 'legacy', twoWayKeyRenamedFrom: 'books' } } } as const satisfies TableDefinition;
    const withLegacy = { ...authors, schema: { ...authors.schema } };
    await expect(ormFor(fixture.emu).init([withLegacy, tags, covers, onto])).rejects.toThrow(
      '! refused: rename books.author: its key on authors cannot become "legacy": authors already has a column or relationship key "legacy" (change the declaration)',
    );
    expect(writes(fixture.emu)).toEqual(['createStringColumn 202']);
  });
});

describe('relationship renames in migration files', () => {
  const cli = (argv: readonly string[]) => runIn(fixture, project.path(), argv);
  const schemaModule = (writer: string, extra: string): string => `
export const authors = { name: 'authors', schema: { name: { type: 'string', size: 64, required: true } } } as const;
export const books = {
  name: 'books',
  schema: {
    title: { type: 'string', size: 128, required: true },
    ${writer}: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, ${extra} onDelete: 'setNull' },
  },
} as const;
`;

  it('generate writes renameColumn for both sides (reverse in down); migrate keeps the links, rollback restores the keys', async () => {
    await project.create();
    await project.write('appwrite-orm.config.json', JSON.stringify({ schema: 'src/schema.ts' }));
    await project.write('src/schema.ts', schemaModule('author', `twoWayKey: 'books',`));
    expect((await cli(['generate', 'create'])).code).toBe(0);
    expect((await cli(['migrate'])).code).toBe(0);
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ databaseId: DATABASE, tableId: 'authors', rowId: 'a1', data: { name: 'Ann' } });
    await tablesDb.createRow({ databaseId: DATABASE, tableId: 'books', rowId: 'k1', data: { title: 'Book', author: 'a1' } });

    await project.write('src/renamed.ts', schemaModule('writer', `renamedFrom: 'author', twoWayKey: 'works', twoWayKeyRenamedFrom: 'books',`));
    const generated = await cli(['generate', 'rename_writer', '--schema', 'src/renamed.ts']);
    expect(generated.code, generated.stderr).toBe(0);
    const file = (await readdir(join(project.path(), 'migrations'))).find((name) => name.endsWith('_rename_writer.ts')) ?? '';
    const source = await readFile(join(project.path(), 'migrations', file), 'utf8');
    expect(source).toContain(`export async function up(m: Migrator): Promise<void> {
  await m.renameColumn('authors', 'books', 'works');
  await m.renameColumn('books', 'author', 'writer');
}`);
    expect(source).toContain(`export async function down(m: Migrator): Promise<void> {
  await m.renameColumn('books', 'writer', 'author');
  await m.renameColumn('authors', 'works', 'books');
}`);
    expect((await cli(['migrate'])).code).toBe(0);
    expect(await tablesDb.getRow({ databaseId: DATABASE, tableId: 'books', rowId: 'k1' })).toMatchObject({ writer: 'a1' });
    expect(await column('authors', 'works')).toMatchObject({ twoWayKey: 'writer', onDelete: 'setNull' });
    expect((await cli(['generate', 'again', '--schema', 'src/renamed.ts'])).stdout).toContain('No changes');

    expect((await cli(['migrate', '--rollback', '--yes'])).code).toBe(0);
    expect(await tablesDb.getRow({ databaseId: DATABASE, tableId: 'books', rowId: 'k1' })).toMatchObject({ author: 'a1' });
    expect(await column('authors', 'books')).toMatchObject({ twoWayKey: 'author', onDelete: 'setNull' });
  });

  it('m.renameColumn refuses a key the table already uses before sending anything', async () => {
    await project.create();
    await project.write('appwrite-orm.config.json', JSON.stringify({ schema: 'src/schema.ts' }));
    await project.write('src/schema.ts', schemaModule('author', `twoWayKey: 'books',`));
    expect((await cli(['generate', 'create'])).code).toBe(0);
    expect((await cli(['migrate'])).code).toBe(0);
    await project.write(`migrations/29990101T000000_onto_title.ts`, `import type { Migrator } from 'appwrite-orm';
export async function up(m: Migrator) {
  await m.renameColumn('books', 'author', 'title');
}
export async function down(m: Migrator) {}
`);
    fixture.emu.requests.clear();
    const run = await cli(['migrate']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Column books.author cannot be renamed to "title": books already has a column or relationship key "title"');
    expect(fixture.emu.requests.count({ operation: 'updateRelationshipColumn' })).toBe(0);
  });
});

describe('relationship renames and the shared cache', () => {
  it('rows cached in Redis before a rename of the related side are not served after it', async () => {
    const oneToOne = {
      ...books,
      schema: { title: books.schema.title, cover: { type: 'relationship', table: 'covers', relation: 'oneToOne', twoWay: true, twoWayKey: 'book', onDelete: 'setNull' } },
    } as const satisfies TableDefinition;
    const renamed = { ...oneToOne, schema: { ...oneToOne.schema, cover: { ...oneToOne.schema.cover, twoWayKey: 'edition', twoWayKeyRenamedFrom: 'book' } } } as const satisfies TableDefinition;
    const cache = { redis: 'redis://127.0.0.1:6379', l2: { prefix: `test-${randomUUID()}:`, timeout: 5_000 } };
    const first = await ormFor(fixture.emu, { cache }).init([covers, oneToOne]);
    await first.table('covers').create({ color: 'red' }, { id: 'c1' });
    await first.table('books').create({ title: 'Book', cover: 'c1' }, { id: 'k1' });
    expect(await first.table('covers').getOrFail('c1')).toMatchObject({ book: 'k1' });
    await first.close();

    const second = await ormFor(fixture.emu, { cache }).init([covers, renamed]);
    const cover = await second.table('covers').getOrFail('c1');
    expect(cover).toMatchObject({ edition: 'k1' });
    expect(cover).not.toHaveProperty('book');
    await second.close();
  });
});
