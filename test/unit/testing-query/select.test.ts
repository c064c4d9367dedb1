import { describe, expect, it } from 'vitest';
import { selectedColumns } from '../../../src/testing/http/routes/row-context.js';
import { wireRow } from '../../../src/testing/http/serialize.js';
import { column, q, Query, row, table } from './fixtures.js';

describe('select on a table without relationships', () => {
  const columns = [column('name', 'string', { size: 100 }), column('age', 'integer'), column('tags', 'string', { array: true, size: 20 })];
  const stored = row(7, { name: 'Ann', age: 3, tags: ['x'] });

  it('keeps every column without select or with *', () => {
    expect(selectedColumns(columns, [])).toBe(columns);
    expect(selectedColumns(columns, q(Query.select(['name', '*'])))).toBe(columns);
  });

  it('keeps the selected columns and always the system fields', () => {
    expect(wireRow(stored, table, selectedColumns(columns, q(Query.select(['name']))))).toEqual({
      $id: 'r7', $sequence: '7', $createdAt: stored.$createdAt, $updatedAt: stored.$updatedAt, $permissions: [],
      $tableId: 'people', $databaseId: 'main', name: 'Ann',
    });
  });

  it('merges several select queries and ignores dotted relationship paths', () => {
    const picked = selectedColumns(columns, q(Query.select(['name']), Query.select(['age', 'author.name'])));
    expect(picked.map((entry) => entry.key)).toEqual(['name', 'age']);
  });
});
