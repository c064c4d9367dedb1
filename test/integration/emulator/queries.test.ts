import { Query } from 'node-appwrite';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

/* SDK-level conformance of the query engine: one representative case per method, and its main error. */

const fixture = useEmulator();
const at = { databaseId: 'db', tableId: 'books' } as const;

beforeAll(async () => {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 'books', [
    { key: 'title', type: 'string', size: 100, required: true },
    { key: 'pages', type: 'integer', required: false },
    { key: 'rating', type: 'double', required: false },
    { key: 'tags', type: 'string', size: 20, required: false, array: true },
    { key: 'published', type: 'datetime', required: false },
    { key: 'summary', type: 'string', size: 1000, required: false },
  ], { indexes: [{ key: 'ft_summary', type: 'fulltext', attributes: ['summary'] }] });
  await tablesDb.createRows({
    ...at,
    rows: [
      { $id: 'dune', title: 'Dune', pages: 412, rating: 4.5, tags: ['scifi', 'classic'], published: '1965-08-01', summary: 'Desert planet politics' },
      { $id: 'emma', title: 'Emma', pages: 474, rating: 3.9, tags: ['classic'], published: '1815-12-23', summary: 'Matchmaking in a village' },
      { $id: 'neuro', title: 'Neuromancer', pages: 271, rating: 4.1, tags: ['scifi', 'cyberpunk'], published: '1984-07-01', summary: 'Hackers and artificial intelligence' },
      { $id: 'blank', title: 'Untitled draft', pages: null, rating: null, tags: [], published: null, summary: null },
    ],
  });
});

async function ids(queries: string[]): Promise<string[]> {
  return (await fixture.tablesDb().listRows({ ...at, queries })).rows.map((row) => row.$id);
}

describe('emulator queries through the SDK', () => {
  it.each([
    ['equal (several values = IN)', [Query.equal('title', ['Dune', 'Emma'])], ['dune', 'emma']],
    ['equal is case-insensitive like the default collation', [Query.equal('title', 'dune')], ['dune']],
    ['notEqual', [Query.notEqual('title', 'Dune')], ['emma', 'neuro', 'blank']],
    ['lessThan', [Query.lessThan('pages', 412)], ['neuro']],
    ['lessThanEqual', [Query.lessThanEqual('pages', 412)], ['dune', 'neuro']],
    ['greaterThan', [Query.greaterThan('rating', 4.1)], ['dune']],
    ['greaterThanEqual', [Query.greaterThanEqual('rating', 4.1)], ['dune', 'neuro']],
    ['between (inclusive)', [Query.between('pages', 271, 412)], ['dune', 'neuro']],
    ['notBetween', [Query.notBetween('pages', 271, 412)], ['emma']],
    ['isNull', [Query.isNull('pages')], ['blank']],
    ['isNotNull', [Query.isNotNull('pages')], ['dune', 'emma', 'neuro']],
    ['startsWith', [Query.startsWith('title', 'Neu')], ['neuro']],
    ['notStartsWith', [Query.notStartsWith('title', 'D')], ['emma', 'neuro', 'blank']],
    ['endsWith', [Query.endsWith('title', 'ma')], ['emma']],
    ['notEndsWith', [Query.notEndsWith('title', 'e')], ['emma', 'neuro', 'blank']],
    ['contains on a string (substring)', [Query.contains('title', 'man')], ['neuro']],
    ['contains on an array (element)', [Query.contains('tags', 'classic')], ['dune', 'emma']],
    ['containsAny', [Query.containsAny('tags', ['cyberpunk', 'classic'])], ['dune', 'emma', 'neuro']],
    ['containsAll', [Query.containsAll('tags', ['scifi', 'classic'])], ['dune']],
    ['notContains', [Query.notContains('tags', 'scifi')], ['emma', 'blank']],
    ['search (fulltext index)', [Query.search('summary', 'planet')], ['dune']],
    ['notSearch', [Query.isNotNull('summary'), Query.notSearch('summary', 'planet')], ['emma', 'neuro']],
    ['or', [Query.or([Query.equal('title', 'Emma'), Query.lessThan('pages', 300)])], ['emma', 'neuro']],
    ['and', [Query.and([Query.contains('tags', 'scifi'), Query.greaterThan('pages', 300)])], ['dune']],
    ['createdBefore (lessThan on $createdAt)', [Query.createdBefore('2999-01-01T00:00:00.000+00:00')], ['dune', 'emma', 'neuro', 'blank']],
    ['datetime comparison', [Query.greaterThan('published', '1900-01-01')], ['dune', 'neuro']],
    ['$id', [Query.equal('$id', 'emma')], ['emma']],
    ['orderAsc (nulls first)', [Query.orderAsc('pages')], ['blank', 'neuro', 'dune', 'emma']],
    ['orderDesc', [Query.orderDesc('rating')], ['dune', 'neuro', 'emma', 'blank']],
    ['limit and offset', [Query.limit(2), Query.offset(1)], ['emma', 'neuro']],
    ['cursorAfter', [Query.cursorAfter('emma')], ['neuro', 'blank']],
    ['cursorBefore', [Query.cursorBefore('neuro'), Query.limit(1)], ['emma']],
  ])('%s', async (_name, queries, expected) => {
    expect(await ids(queries)).toEqual(expected);
  });

  it('orderRandom returns every row', async () => {
    expect((await ids([Query.orderRandom()])).sort()).toEqual(['blank', 'dune', 'emma', 'neuro']);
  });

  it('select keeps the selected columns and the system fields', async () => {
    const { rows } = await fixture.tablesDb().listRows({ ...at, queries: [Query.select(['title']), Query.equal('$id', 'dune')] });
    expect(rows[0]).toMatchObject({ $id: 'dune', $sequence: '1', title: 'Dune' });
    expect(rows[0]).not.toHaveProperty('pages');
  });

  it.each([
    ['an unknown attribute', [Query.equal('nope', 1)], 'Invalid query: Attribute not found in schema: nope'],
    ['a value of the wrong type', [Query.equal('pages', 'many')], /Invalid query: Query value is invalid for attribute "pages"/],
    ['a legacy string query', ['equal("title", ["Dune"])'], 'Invalid query: Syntax error'],
    ['an unknown method', ['{"method":"near","attribute":"title","values":["x"]}'], /Invalid query method: near/],
    ['regex (not a method utopia parses)', [Query.regex('title', '^[DE]')], 'Invalid query method: regex'],
    ['limit(0)', [Query.limit(0)], /limit/i],
    ['or with a single query', ['{"method":"or","values":[{"method":"equal","attribute":"title","values":["Dune"]}]}'], /Or queries require at least two queries/],
    ['search without a fulltext index', [Query.search('title', 'dune')], 'Searching by attribute "title" requires a fulltext index.'],
    ['between with one value', ['{"method":"between","attribute":"pages","values":[1]}'], /Between queries require exactly two values/],
    ['a non-contains method on an array column', [Query.equal('tags', 'classic')], /because it is an array/],
    ['exists on the SQL adapter', [Query.exists(['title'])], /./],
    ['elemMatch on the SQL adapter', [Query.elemMatch('tags', [Query.equal('x', 1)])], /./],
  ])('refuses %s with 400 general_query_invalid', async (_name, queries, message) => {
    await expectAppwriteError(fixture.tablesDb().listRows({ ...at, queries }), 400, 'general_query_invalid', message);
  });

  it('refuses a cursor on a missing row with general_cursor_not_found', async () => {
    await expectAppwriteError(fixture.tablesDb().listRows({ ...at, queries: [Query.cursorAfter('ghost')] }), 400, 'general_cursor_not_found');
  });

  it('refuses more than 100 queries with general_argument_invalid', async () => {
    const queries = Array.from({ length: 101 }, () => Query.isNotNull('title'));
    await expectAppwriteError(fixture.tablesDb().listRows({ ...at, queries }), 400, 'general_argument_invalid');
  });
});
