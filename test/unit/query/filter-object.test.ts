import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/errors/query-error.js';
import { appwriteDate, filterNodes, orderNodes } from '../../../src/query/filter-object.js';

describe('filterNodes', () => {
  it('turns values, lists and null into equal / isNull', () => {
    expect(filterNodes({ category: 'office', price: [1, 2], deletedAt: null, skipped: undefined })).toEqual([
      { method: 'equal', attribute: 'category', values: ['office'] },
      { method: 'equal', attribute: 'price', values: [1, 2] },
      { method: 'isNull', attribute: 'deletedAt' },
    ]);
  });

  it('sends dates in the format Appwrite returns', () => {
    const date = new Date('2024-01-02T03:04:05.678Z');
    expect(appwriteDate(date)).toBe('2024-01-02T03:04:05.678+00:00');
    expect(filterNodes({ ts: date })).toEqual([{ method: 'equal', attribute: 'ts', values: ['2024-01-02T03:04:05.678+00:00'] }]);
  });

  it.each([{ a: [] }, { a: { nested: 1 } }, { a: Number.NaN }, { a: new Date('nope') }])('rejects %o', (filter) => {
    expect(() => filterNodes(filter as never, 'products')).toThrow(QueryError);
  });
});

describe('orderNodes', () => {
  it('reads a leading - as descending', () => {
    expect(orderNodes(['-price', 'name', '+stock'])).toEqual([
      { method: 'orderDesc', attribute: 'price' },
      { method: 'orderAsc', attribute: 'name' },
      { method: 'orderAsc', attribute: 'stock' },
    ]);
    expect(orderNodes('-price')).toEqual([{ method: 'orderDesc', attribute: 'price' }]);
  });

  it('rejects an empty column', () => {
    expect(() => orderNodes(['-'])).toThrow(QueryError);
  });
});
