import { describe, expect, it } from 'vitest';
import type { StoredRow } from '../../../src/testing/store/model.js';
import { filterRows, runListQuery } from '../../../src/testing/store/query/index.js';
import { errorOf, q, Query, row, table } from './fixtures.js';

const rows = [
  row(1, { name: 'b', age: 30, score: 1 }),
  row(2, { name: 'A', age: 20, score: 1 }),
  row(3, { name: 'c', age: null, score: 2 }),
  row(4, { name: 'a', age: 30, score: 2 }),
  row(5, { name: 'B', age: 10, score: 1 }),
];
const byId = new Map(rows.map((r) => [r.$id, r]));
const findRow = (id: string): StoredRow | undefined => byId.get(id);

function list(...queries: string[]): { ids: string[]; total: number } {
  const result = runListQuery(rows, q(...queries), table, { findRow });
  return { ids: result.rows.map((r) => r.$id), total: result.total };
}

describe('ordering', () => {
  it('defaults to $sequence order', () => {
    const shuffled = [rows[3], rows[0], rows[4], rows[2], rows[1]] as StoredRow[];
    expect(runListQuery(shuffled, [], table, { findRow }).rows.map((r) => r.$id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('orders NULL first ascending and last descending', () => {
    expect(list(Query.orderAsc('age')).ids).toEqual(['r3', 'r5', 'r2', 'r1', 'r4']);
    expect(list(Query.orderDesc('age')).ids).toEqual(['r1', 'r4', 'r2', 'r5', 'r3']);
  });

  it('breaks ties with $sequence ascending, also for case-insensitive string ties', () => {
    expect(list(Query.orderAsc('name')).ids).toEqual(['r2', 'r4', 'r1', 'r5', 'r3']);
    expect(list(Query.orderDesc('name')).ids).toEqual(['r3', 'r1', 'r5', 'r2', 'r4']);
  });

  it('applies several orders in turn', () => {
    expect(list(Query.orderDesc('score'), Query.orderAsc('age')).ids).toEqual(['r3', 'r4', 'r5', 'r2', 'r1']);
  });

  it('does not append $sequence when ordering by $id', () => {
    expect(list(Query.orderDesc('$id')).ids).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
    expect(list(Query.orderDesc('$sequence')).ids).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
  });

  it('orderRandom returns every row once', () => {
    expect(list(Query.orderRandom()).ids.sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

});

describe('limit, offset and total', () => {
  it('defaults to 25 rows and counts all matches', () => {
    const many = Array.from({ length: 60 }, (_, i) => row(i + 1, { age: i }));
    const result = runListQuery(many, [], table, { findRow });
    expect(result.rows).toHaveLength(25);
    expect(result.total).toBe(60);
  });

  it('slices with offset and limit; total ignores them', () => {
    expect(list(Query.limit(2), Query.offset(1))).toEqual({ ids: ['r2', 'r3'], total: 5 });
    expect(list(Query.offset(10))).toEqual({ ids: [], total: 5 });
    expect(list(Query.equal('score', 1), Query.limit(1))).toEqual({ ids: ['r1'], total: 3 });
  });

  it('keeps only the first limit and offset', () => {
    expect(list(Query.limit(1), Query.limit(3)).ids).toEqual(['r1']);
    expect(list(Query.offset(3), Query.offset(0)).ids).toEqual(['r4', 'r5']);
  });

  it('caps total at 5000', () => {
    const many = Array.from({ length: 5003 }, (_, i) => row(i + 1));
    const result = runListQuery(many, q(Query.limit(1)), table, { findRow });
    expect(result.total).toBe(5000);
  });
});

describe('cursors', () => {
  it('cursorAfter continues after the cursor row in the requested order', () => {
    expect(list(Query.cursorAfter('r2'), Query.limit(2))).toEqual({ ids: ['r3', 'r4'], total: 5 });
    expect(list(Query.orderAsc('name'), Query.cursorAfter('r4')).ids).toEqual(['r1', 'r5', 'r3']);
    expect(list(Query.orderDesc('score'), Query.cursorAfter('r4')).ids).toEqual(['r1', 'r2', 'r5']);
  });

  it('cursorBefore returns the rows just before the cursor, in order', () => {
    expect(list(Query.cursorBefore('r4'), Query.limit(2)).ids).toEqual(['r2', 'r3']);
    expect(list(Query.orderAsc('name'), Query.cursorBefore('r5'), Query.limit(2)).ids).toEqual(['r4', 'r1']);
    expect(list(Query.cursorBefore('r1')).ids).toEqual([]);
  });

  it('a cursor excludes rows whose order value is NULL, as SQL comparisons do', () => {
    expect(list(Query.orderDesc('age'), Query.cursorAfter('r2')).ids).toEqual(['r5']);
  });

  it('fails when the cursor row is missing', () => {
    expect(errorOf(() => list(Query.cursorAfter('ghost')))).toEqual({
      type: 'general_cursor_not_found', code: 400, message: "Row 'ghost' for the 'cursor' value not found.",
    });
  });

  it('fails when the cursor row has NULL in an order column', () => {
    expect(errorOf(() => list(Query.orderAsc('age'), Query.cursorAfter('r3')))).toEqual({
      type: 'database_query_order_null', code: 400,
      message: "The order column 'age' had a null value. Cursor pagination requires all rows order column values are non-null.",
    });
  });

  it('ignores the cursor with orderRandom alone (no keyset condition applies)', () => {
    expect(list(Query.orderRandom(), Query.cursorAfter('r2')).ids).toHaveLength(5);
  });

  it('pairs order attributes and directions by position, as Appwrite does, when orderRandom comes first', () => {
    // Attributes [score, $sequence] pair with directions [RANDOM, ASC]: the keyset condition is
    // "score equal to the cursor's AND $sequence greater".
    expect(list(Query.orderRandom(), Query.orderAsc('score'), Query.cursorAfter('r1')).ids.sort()).toEqual(['r2', 'r5']);
    expect(errorOf(() => list(Query.orderRandom(), Query.orderAsc('age'), Query.cursorAfter('r3'))).type)
      .toBe('database_query_order_null');
  });
});

describe('filterRows for bulk mutations', () => {
  it('returns every match, with no default limit', () => {
    const many = Array.from({ length: 60 }, (_, i) => row(i + 1, { age: i % 2 }));
    expect(filterRows(many, q(Query.equal('age', 1)), table)).toHaveLength(30);
  });

  it('honours order, offset and limit', () => {
    const ids = filterRows(rows, q(Query.orderAsc('age'), Query.offset(1), Query.limit(2)), table).map((r) => r.$id);
    expect(ids).toEqual(['r5', 'r2']);
  });
});

describe('scale', () => {
  it('pages a 10,000-row table without quadratic work', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => row(i + 1, { name: `n${i % 97}`, age: i % 50 }));
    const index = new Map(many.map((r) => [r.$id, r]));
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) {
      runListQuery(many, q(Query.equal('age', 7), Query.orderAsc('name'), Query.cursorAfter('r5008'), Query.limit(50)), table,
        { findRow: (id) => index.get(id) });
      runListQuery(many, q(Query.limit(100), Query.offset(i * 100)), table, { findRow: (id) => index.get(id) });
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
