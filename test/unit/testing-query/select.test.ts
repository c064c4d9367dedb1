import { describe, expect, it } from 'vitest';
import { applySelect } from '../../../src/testing/store/query/index.js';
import { q, Query, row } from './fixtures.js';

describe('applySelect', () => {
  const stored = { ...row(7, { name: 'Ann', age: 3, tags: ['x'] }), $tableId: 'people', $databaseId: 'main' };

  it('returns the row unchanged without select or with *', () => {
    expect(applySelect(stored, [])).toBe(stored);
    expect(applySelect(stored, q(Query.select(['name', '*'])))).toBe(stored);
  });

  it('keeps the selected columns and always the system fields', () => {
    expect(applySelect(stored, q(Query.select(['name'])))).toEqual({
      $id: 'r7', $sequence: 7, $createdAt: stored.$createdAt, $updatedAt: stored.$updatedAt, $permissions: [],
      $tableId: 'people', $databaseId: 'main', name: 'Ann',
    });
  });

  it('merges several select queries and ignores dotted relationship paths', () => {
    const picked = applySelect(stored, q(Query.select(['name']), Query.select(['age', 'author.name'])));
    expect(Object.keys(picked).filter((k) => !k.startsWith('$'))).toEqual(['name', 'age']);
  });
});
