import { describe, expect, it } from 'vitest';
import { filterRows } from '../../../src/testing/store/query/index.js';
import { errorOf, q, Query, row, table } from './fixtures.js';

const rows = [
  row(1, { name: 'Alice', age: 30, score: 1.5, active: true, born: '1990-05-01T10:00:00.000+00:00', tags: ['red', 'blue'], nums: [1, 2], bio: 'Loves hiking and mountains' }),
  row(2, { name: 'bob', age: 25, score: 2, active: false, born: '1995-01-01T00:00:00.000+00:00', tags: ['Green'], nums: [3], bio: 'Database engineer, writes SQL' }),
  row(3, { name: 'Élodie', age: 35, score: null, active: true, born: '1985-12-31T23:00:00.000-02:00', tags: [], nums: [], bio: 'The quick brown fox' }),
  row(4, { name: 'al_100%', age: null, score: 0, active: null, born: null, tags: null, nums: null, bio: null }),
  row(5, { name: 'ALICE ', age: 30, score: -1, active: false, born: '2000-02-29T12:00:00.000+00:00', tags: ['blue'], nums: [2, 20], bio: 'hiker' }),
];

const ids = (...queries: string[]): string[] => filterRows(rows, q(...queries), table).map((r) => r.$id);

describe('comparison filters', () => {
  it('equal with several values is IN, under a case- and accent-insensitive collation', () => {
    expect(ids(Query.equal('name', 'alice'))).toEqual(['r1', 'r5']);
    expect(ids(Query.equal('name', ['ELODIE', 'BOB']))).toEqual(['r2', 'r3']);
    expect(ids(Query.equal('age', [25, 35]))).toEqual(['r2', 'r3']);
    expect(ids(Query.equal('active', true))).toEqual(['r1', 'r3']);
    expect(ids(Query.equal('$id', 'R2'))).toEqual(['r2']);
    expect(ids(Query.equal('$sequence', '3'))).toEqual(['r3']);
  });

  it('equality ignores trailing spaces (PAD SPACE collation)', () => {
    expect(ids(Query.equal('name', 'alice   '))).toEqual(['r1', 'r5']);
    expect(ids(Query.endsWith('name', 'alice'))).toEqual(['r1']);
  });

  it('notEqual never matches NULL', () => {
    expect(ids(Query.notEqual('age', 30))).toEqual(['r2', 'r3']);
    expect(ids(Query.notEqual('active', true))).toEqual(['r2', 'r5']);
  });

  it('orders numbers numerically and strings by the collation', () => {
    expect(ids(Query.lessThan('age', 30))).toEqual(['r2']);
    expect(ids(Query.lessThanEqual('age', 30))).toEqual(['r1', 'r2', 'r5']);
    expect(ids(Query.greaterThan('score', 0))).toEqual(['r1', 'r2']);
    expect(ids(Query.greaterThanEqual('score', 0))).toEqual(['r1', 'r2', 'r4']);
    expect(ids(Query.greaterThan('name', 'b'))).toEqual(['r2', 'r3']);
    // utf8mb4_general_ci weighs letters as upper case, so '_' (0x5F) sorts after every letter.
    expect(ids(Query.greaterThan('name', 'alicf'))).toEqual(['r2', 'r3', 'r4']);
  });

  it('compares datetimes by instant', () => {
    expect(ids(Query.lessThan('born', '1986-01-01T00:00:00Z'))).toEqual([]);
    expect(ids(Query.lessThanEqual('born', '1986-01-01T01:00:00Z'))).toEqual(['r3']);
    expect(ids(Query.greaterThan('born', '1995-01-01 00:00:00'))).toEqual(['r5']);
    expect(ids(Query.between('born', '1990-01-01', '1995-01-01T02:00:00+02:00'))).toEqual(['r1', 'r2']);
    expect(ids(Query.createdBefore('2024-01-01T00:00:03Z'))).toEqual(['r1', 'r2']);
  });

  it('between is inclusive; notBetween excludes NULL', () => {
    expect(ids(Query.between('age', 25, 30))).toEqual(['r1', 'r2', 'r5']);
    expect(ids(Query.between('age', 30, 25))).toEqual([]);
    expect(ids(Query.notBetween('age', 26, 34))).toEqual(['r2', 'r3']);
  });

  it('isNull and isNotNull', () => {
    expect(ids(Query.isNull('age'))).toEqual(['r4']);
    expect(ids(Query.isNotNull('tags'))).toEqual(['r1', 'r2', 'r3', 'r5']);
    expect(ids(Query.isNull('bio'), Query.isNull('tags'))).toEqual(['r4']);
  });
});

describe('LIKE filters on strings', () => {
  it('startsWith, endsWith, contains and their negations', () => {
    expect(ids(Query.startsWith('name', 'AL'))).toEqual(['r1', 'r4', 'r5']);
    expect(ids(Query.notStartsWith('name', 'al'))).toEqual(['r2', 'r3']);
    expect(ids(Query.endsWith('name', 'ICE'))).toEqual(['r1']);
    expect(ids(Query.notEndsWith('name', 'e'))).toEqual(['r2', 'r4', 'r5']);
    expect(ids(Query.contains('name', 'lod'))).toEqual(['r3']);
    expect(ids(Query.contains('name', ['xyz', 'OB']))).toEqual(['r2']);
    expect(ids(Query.notContains('bio', ['hik', 'fox']))).toEqual(['r2']);
  });

  it('escapes % and _ in values', () => {
    expect(ids(Query.contains('name', '_'))).toEqual(['r4']);
    expect(ids(Query.endsWith('name', '100%'))).toEqual(['r4']);
    expect(ids(Query.contains('name', '%'))).toEqual(['r4']);
    expect(ids(Query.startsWith('name', 'a.'))).toEqual([]);
  });

  it('is accent-insensitive', () => {
    expect(ids(Query.startsWith('name', 'elo'))).toEqual(['r3']);
    expect(ids(Query.contains('name', 'ÉLO'))).toEqual(['r3']);
  });

  it('containsAll on a string column is a plain LIKE of each value, as the MariaDB adapter builds it', () => {
    expect(ids(Query.containsAll('name', ['BOB']))).toEqual(['r2']);
    expect(ids(Query.containsAll('name', ['bo']))).toEqual([]);
  });
});

describe('array columns', () => {
  it('contains and containsAny match any element exactly', () => {
    expect(ids(Query.contains('tags', 'blue'))).toEqual(['r1', 'r5']);
    expect(ids(Query.containsAny('tags', ['green', 'Green']))).toEqual(['r2']);
    expect(ids(Query.contains('nums', [2]))).toEqual(['r1', 'r5']);
    expect(ids(Query.contains('tags', 'bl'))).toEqual([]);
  });

  it('containsAll needs every value; notContains excludes NULL', () => {
    expect(ids(Query.containsAll('tags', ['red', 'blue']))).toEqual(['r1']);
    expect(ids(Query.containsAll('nums', [2, 20]))).toEqual(['r5']);
    expect(ids(Query.notContains('tags', ['blue']))).toEqual(['r2', 'r3']);
  });
});

describe('search', () => {
  it('search matches words, the last one as a prefix', () => {
    expect(ids(Query.search('bio', 'hiking'))).toEqual(['r1']);
    expect(ids(Query.search('bio', 'hik'))).toEqual(['r1', 'r5']);
    expect(ids(Query.search('bio', 'SQL fox'))).toEqual(['r2', 'r3']);
    expect(ids(Query.search('bio', 'database+'))).toEqual(['r2']);
  });

  it('search ignores stopwords and short words, which are not indexed, except as the prefix', () => {
    expect(ids(Query.search('bio', 'the'))).toEqual([]);
    expect(ids(Query.search('bio', 'qu'))).toEqual(['r3']);
    expect(ids(Query.search('bio', 'the xyz'))).toEqual([]);
    expect(ids(Query.search('bio', 'an xyz'))).toEqual([]);
  });

  it('a quoted search is an exact phrase', () => {
    expect(ids(Query.search('bio', '"quick brown"'))).toEqual(['r3']);
    expect(ids(Query.search('bio', '"brown quick"'))).toEqual([]);
    expect(ids(Query.search('bio', '""'))).toEqual([]);
  });

  it('notSearch is the complement, NULL included', () => {
    expect(ids(Query.notSearch('bio', 'hik'))).toEqual(['r2', 'r3', 'r4']);
  });

  it('regex is not a method Appwrite 1.9 parses', () => {
    expect(errorOf(() => ids(Query.regex('name', '^al')))).toMatchObject({ type: 'general_query_invalid', code: 400, message: 'Invalid query method: regex' });
  });
});

describe('logical groups', () => {
  it('and, or and nesting', () => {
    expect(ids(Query.or([Query.equal('age', 25), Query.equal('name', 'élodie')]))).toEqual(['r2', 'r3']);
    expect(ids(Query.and([Query.equal('age', 30), Query.equal('active', false)]))).toEqual(['r5']);
    expect(ids(Query.or([Query.isNull('age'), Query.and([Query.equal('age', 30), Query.contains('tags', 'red')])]))).toEqual(['r1', 'r4']);
  });

  it('top-level filters are AND-ed', () => {
    expect(ids(Query.equal('age', 30), Query.startsWith('name', 'alice'))).toEqual(['r1', 'r5']);
    expect(ids(Query.equal('age', 30), Query.lessThan('score', 0))).toEqual(['r5']);
  });
});
