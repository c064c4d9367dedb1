import { describe, expect, it } from 'vitest';
import { validateQueries, type QueryContext } from '../../../src/testing/store/query/index.js';
import { errorOf, q, Query, table } from './fixtures.js';

function messageOf(queries: string[], context: QueryContext = 'list'): string | null {
  try {
    validateQueries(q(...queries), table, { context });
    return null;
  } catch (error) {
    expect((error as { type: string }).type).toBe('general_query_invalid');
    expect((error as { code: number }).code).toBe(400);
    return (error as Error).message;
  }
}

describe('validateQueries: attributes', () => {
  it('accepts available columns and the system attributes', () => {
    expect(messageOf([
      Query.equal('name', 'a'), Query.equal('$id', 'r1'), Query.equal('$sequence', 1), Query.equal('$sequence', '2'),
      Query.greaterThan('$createdAt', '2024-01-01'), Query.lessThan('$updatedAt', '2030-01-01T00:00:00+02:00'),
      Query.orderDesc('$createdAt'), Query.orderAsc('age'),
    ])).toBeNull();
  });

  it('rejects unknown and still-processing columns', () => {
    expect(messageOf([Query.equal('nope', 'a')])).toBe('Invalid query: Attribute not found in schema: nope');
    expect(messageOf([Query.equal('pending', 'a')])).toBe('Invalid query: Attribute not found in schema: pending');
    expect(messageOf([Query.orderAsc('nope')])).toBe('Invalid query: Attribute not found in schema: nope');
    expect(messageOf([Query.equal('$permissions', 'x')])).toBe('Invalid query: Attribute not found in schema: $permissions');
    expect(messageOf([Query.equal('author.name', 'x')])).toBe('Invalid query: Attribute not found in schema: author');
    expect(messageOf([Query.orderAsc('name.first')])).toBe('Invalid query: Cannot order by nested attribute: name');
  });

  it('rejects encrypted columns', () => {
    expect(messageOf([Query.equal('secret', 'a')])).toBe('Invalid query: Cannot query encrypted attribute: secret');
  });
});

describe('validateQueries: value counts', () => {
  it.each([
    [Query.equal('name', []), 'Equal queries require at least one value.'],
    [Query.contains('name', []), 'Contains queries require at least one value.'],
    ['{"method":"containsAll","attribute":"tags","values":[[]]}', 'ContainsAll queries require at least one value.'],
    ['{"method":"notEqual","attribute":"name","values":["a","b"]}', 'NotEqual queries require exactly one value.'],
    ['{"method":"lessThan","attribute":"age","values":[]}', 'LessThan queries require exactly one value.'],
    ['{"method":"startsWith","attribute":"name","values":["a","b"]}', 'StartsWith queries require exactly one value.'],
    ['{"method":"between","attribute":"age","values":[1]}', 'Between queries require exactly two values.'],
    ['{"method":"notBetween","attribute":"age","values":[1,2,3]}', 'NotBetween queries require exactly two values.'],
    [Query.or([Query.equal('name', 'a')]), 'Or queries require at least two queries'],
    [Query.and([Query.equal('name', 'a')]), 'And queries require at least two queries'],
    [Query.or([Query.equal('name', 'a'), Query.limit(1)]), 'Or queries can only contain filter queries'],
  ])('%s -> %s', (raw, message) => {
    expect(messageOf([raw])).toBe(`Invalid query: ${message}`);
  });

  it('accepts up to 500 values in one filter', () => {
    const values = Array.from({ length: 500 }, (_, i) => `v${i}`);
    expect(messageOf([Query.equal('name', values)])).toBeNull();
    expect(messageOf([Query.equal('name', [...values, 'x'])]))
      .toBe('Invalid query: Query on attribute has greater than 500 values: name');
  });

  it('validates nested queries before the group', () => {
    expect(messageOf([Query.or([Query.equal('nope', 1), Query.equal('name', 'a')])]))
      .toBe('Invalid query: Attribute not found in schema: nope');
    expect(messageOf([Query.or([Query.equal('name', 'a'), Query.and([Query.equal('age', 1), Query.isNull('bio')])])])).toBeNull();
  });
});

describe('validateQueries: value types', () => {
  const invalid = (key: string): string => `Invalid query: Query value is invalid for attribute "${key}"`;

  it.each([
    [Query.equal('name', 5), 'name'],
    [Query.equal('age', '5'), 'age'],
    [Query.equal('age', 1.5), 'age'],
    [Query.equal('age', 2147483648), 'age'],
    [Query.equal('score', '1.5'), 'score'],
    [Query.equal('active', 1), 'active'],
    [Query.equal('active', 'true'), 'active'],
    [Query.equal('born', 'yesterday-ish'), 'born'],
    [Query.equal('born', ''), 'born'],
    // The MariaDB adapter's range: 1000-01-01 00:00:00 to 9999-12-31 23:59:59.
    [Query.equal('born', '0999-12-31T23:59:59Z'), 'born'],
    [Query.lessThan('$createdAt', '0500-01-01'), '$createdAt'],
    [Query.equal('$id', 1), '$id'],
    [Query.equal('$sequence', 0), '$sequence'],
    [Query.equal('$sequence', 'abc'), '$sequence'],
    [Query.contains('tags', [1]), 'tags'],
    [Query.between('age', 1, 'x'), 'age'],
  ])('%s is rejected', (raw, key) => {
    expect(messageOf([raw])).toBe(invalid(key));
  });

  it('accepts well-typed values', () => {
    expect(messageOf([
      Query.equal('age', 2147483647), Query.equal('big', 2 ** 40), Query.equal('score', 3), Query.equal('score', 2.5),
      Query.equal('active', false), Query.equal('born', '2024-05-01 10:00:00'), Query.equal('born', '2024-05-01T10:00:00.123+05:30'),
      Query.contains('nums', [1, 2]), Query.equal('bio', ''),
      Query.equal('born', '1000-01-01T00:00:00Z'), Query.lessThan('born', '9999-12-31T23:59:59Z'),
    ])).toBeNull();
  });
});

describe('validateQueries: methods per column', () => {
  it('allows only contains-like and null checks on arrays', () => {
    expect(messageOf([Query.equal('tags', 'a')])).toBe('Invalid query: Cannot query equal on attribute "tags" because it is an array.');
    expect(messageOf([Query.startsWith('tags', 'a')])).toBe('Invalid query: Cannot query startsWith on attribute "tags" because it is an array.');
    expect(messageOf([Query.containsAny('tags', ['a']), Query.containsAll('tags', ['a']), Query.notContains('nums', [1]),
      Query.isNull('tags'), Query.isNotNull('nums')])).toBeNull();
  });

  it('allows contains on strings only among scalar columns', () => {
    expect(messageOf([Query.contains('age', [1])]))
      .toBe('Invalid query: Cannot query contains on attribute "age" because it is not an array, string, or object.');
    expect(messageOf([Query.notContains('score', [1])]))
      .toBe('Invalid query: Cannot query notContains on attribute "score" because it is not an array, string, or object.');
    expect(messageOf([Query.contains('name', 'a'), Query.notContains('bio', 'b')])).toBeNull();
  });

  it('needs a fulltext index on exactly the searched column', () => {
    expect(messageOf([Query.search('bio', 'hello'), Query.notSearch('bio', 'x')])).toBeNull();
    expect(messageOf([Query.search('name', 'hello')])).toBe('Searching by attribute "name" requires a fulltext index.');
    expect(messageOf([Query.or([Query.search('name', 'a'), Query.equal('age', 1)])]))
      .toBe('Searching by attribute "name" requires a fulltext index.');
    const processing = { ...table, indexes: table.indexes.map((i) => ({ ...i, status: 'processing' as const })) };
    expect(() => validateQueries(q(Query.search('bio', 'x')), processing, { context: 'list' }))
      .toThrow('Searching by attribute "bio" requires a fulltext index.');
  });

  it('rejects what the MariaDB adapter cannot run', () => {
    expect(messageOf([Query.exists(['name'])])).toBe('Invalid query: Attribute not found in schema: ');
    expect(messageOf(['{"method":"exists","attribute":"name","values":["name"]}']))
      .toBe('Invalid query: Exists queries are not supported by this database');
    expect(messageOf([Query.elemMatch('tags', [Query.equal('name', 'x')])])).toBe('Invalid query: elemMatch is not supported by the database');
    expect(messageOf([Query.crosses('name', [1, 2])]))
      .toBe('Invalid query: Spatial query "crosses" cannot be applied on non-spatial attribute: name');
    expect(messageOf([Query.distanceLessThan('name', [1, 2], 5)]))
      .toBe('Invalid query: Spatial query "distanceLessThan" cannot be applied on non-spatial attribute: name');
    expect(messageOf([Query.vectorDot('score', [1, 2])])).toBe('Invalid query: Vector queries can only be used on vector attributes');
  });
});

describe('validateQueries: limit, offset, cursor, select', () => {
  const MAX = '9,223,372,036,854,775,807';

  it('checks limit and offset ranges', () => {
    expect(messageOf([Query.limit(1), Query.offset(0), Query.limit(100000)])).toBeNull();
    expect(messageOf([Query.limit(0)])).toBe(`Invalid query: Invalid limit: Value must be a valid range between 1 and ${MAX}`);
    expect(messageOf([Query.offset(-1)])).toBe(`Invalid query: Invalid offset: Value must be a valid range between 0 and ${MAX}`);
    expect(messageOf(['{"method":"limit","values":["x"]}'])).toBe('Invalid query: Invalid limit: Value must be a valid number');
    expect(messageOf(['{"method":"limit","values":["10"]}'])).toBeNull();
  });

  it('checks the cursor id first, without the prefix', () => {
    expect(messageOf([Query.equal('nope', 1), Query.cursorAfter('_bad')])).toBe(
      "Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start with a leading underscore",
    );
    expect(messageOf([Query.cursorBefore('x'.repeat(37))])).toMatch(/^Invalid cursor: /);
    expect(messageOf([Query.cursorAfter('row-1.a_b')])).toBeNull();
  });

  it('checks select values', () => {
    expect(messageOf([Query.select(['name', '$id', '$permissions', '*'])])).toBeNull();
    expect(messageOf(['{"method":"select","values":[]}'])).toBe('Invalid query: No attributes selected');
    expect(messageOf([Query.select(['name', 'name'])])).toBe('Invalid query: Duplicate attributes selected');
    expect(messageOf([Query.select(['nope'])])).toBe('Invalid query: Attribute not found in schema: nope');
  });

  it('allows only select in the get context', () => {
    expect(messageOf([Query.select(['name'])], 'get')).toBeNull();
    expect(messageOf([Query.equal('name', 'a')], 'get')).toBe('Invalid query method: equal');
    expect(messageOf([Query.limit(1)], 'get')).toBe('Invalid query method: limit');
  });

  it('allows filters, order, limit, offset and cursors in the mutation context (the route then fails on a cursor)', () => {
    expect(messageOf([Query.equal('name', 'a'), Query.orderDesc('age'), Query.limit(2), Query.offset(1)], 'mutation')).toBeNull();
    expect(messageOf([Query.cursorAfter('r1')], 'mutation')).toBeNull();
    expect(messageOf([Query.search('name', 'a')], 'mutation')).toBe('Searching by attribute "name" requires a fulltext index.');
  });

  it('throws an ApiError', () => {
    expect(errorOf(() => validateQueries(q(Query.equal('nope', 1)), table, { context: 'list' })))
      .toEqual({ type: 'general_query_invalid', message: 'Invalid query: Attribute not found in schema: nope', code: 400 });
  });
});
