import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredRow } from '../../../src/testing/store/model.js';
import { runListQuery } from '../../../src/testing/store/query/index.js';
import { q, Query, row, table } from './fixtures.js';

const NAMES = ['a', 'A', 'b', 'á', 'B ', 'c'];

const rowsArb = fc.array(
  fc.record({
    name: fc.constantFrom(...NAMES),
    age: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    score: fc.constantFrom(0, 0.5, 1, -2),
  }),
  { maxLength: 40 },
).map((data) => data.map((d, i) => row(i + 1, d)));

const orderArb = fc.array(
  fc.record({ attribute: fc.constantFrom('name', 'score', '$id', 'age'), desc: fc.boolean() }),
  { maxLength: 2 },
);
const pageArb = fc.integer({ min: 1, max: 7 });

function run(rows: StoredRow[], queries: string[]): string[] {
  const byId = new Map(rows.map((r) => [r.$id, r]));
  return runListQuery(rows, q(...queries), table, { findRow: (id) => byId.get(id) }).rows.map((r) => r.$id);
}

const orderQueries = (orders: { attribute: string; desc: boolean }[]): string[] =>
  orders.map((o) => (o.desc ? Query.orderDesc(o.attribute) : Query.orderAsc(o.attribute)));

describe('paging properties', () => {
  it('limit/offset pages together return every row exactly once, in the full order', () => {
    fc.assert(fc.property(rowsArb, orderArb, pageArb, (rows, orders, size) => {
      const order = orderQueries(orders);
      const full = run(rows, [...order, Query.limit(1000)]);
      expect([...full].sort()).toEqual(rows.map((r) => r.$id).sort());
      const paged: string[] = [];
      for (let offset = 0; offset < rows.length; offset += size) {
        paged.push(...run(rows, [...order, Query.limit(size), Query.offset(offset)]));
      }
      expect(paged).toEqual(full);
    }));
  });

  it('cursorAfter paging walks the same order as one big page', () => {
    const nonNullOrders = orderArb.map((orders) => orders.filter((o) => o.attribute !== 'age'));
    fc.assert(fc.property(rowsArb, nonNullOrders, pageArb, (rows, orders, size) => {
      const order = orderQueries(orders);
      const full = run(rows, [...order, Query.limit(1000)]);
      const paged: string[] = [];
      for (let guard = 0; guard <= rows.length; guard += 1) {
        const last = paged[paged.length - 1];
        const page = run(rows, [...order, Query.limit(size), ...(last === undefined ? [] : [Query.cursorAfter(last)])]);
        paged.push(...page);
        if (page.length < size) break;
      }
      expect(paged).toEqual(full);
    }));
  });

  it('cursorBefore paging from the end walks the order backwards page by page', () => {
    fc.assert(fc.property(rowsArb.filter((rows) => rows.length > 0), fc.constantFrom('name', 'score'), fc.boolean(), pageArb,
      (rows, attribute, desc, size) => {
        const order = orderQueries([{ attribute, desc }]);
        const full = run(rows, [...order, Query.limit(1000)]);
        const lastId = full[full.length - 1] as string;
        const pages: string[][] = [];
        let first = lastId;
        for (let guard = 0; guard <= rows.length; guard += 1) {
          const page = run(rows, [...order, Query.limit(size), Query.cursorBefore(first)]);
          if (page.length === 0) break;
          pages.unshift(page);
          first = page[0] as string;
        }
        expect([...pages.flat(), lastId]).toEqual(full);
      }));
  });
});
