import fc from 'fast-check';
import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/errors/query-error.js';
import { QueryNormalizer } from '../../../src/query/query-normalizer.js';

const COLUMNS = ['a', 'b', 'price', 'name', 'tags'] as const;
const normalizer = (): QueryNormalizer => new QueryNormalizer({ table: 'products', columns: new Set(COLUMNS) });

describe('QueryNormalizer', () => {
  it('gives Query, legacy and filter-object spellings the same canonical strings', () => {
    const n = normalizer();
    const fromQuery = n.normalize([Query.equal('price', 5), Query.equal('name', ['x', 'y'])]);
    expect(n.normalize(['equal("name", ["x", "y"])', 'equal("price", 5)'])).toEqual(fromQuery);
    expect(n.normalize({ name: ['x', 'y'], price: 5 })).toEqual(fromQuery);
  });

  it('orders filters, then select, orders, cursor, limit, offset, keeping order priority', () => {
    const n = normalizer();
    const out = n.normalize([
      Query.offset(10), Query.limit(5), Query.orderDesc('price'), Query.orderAsc('name'), Query.equal('b', 1),
      Query.select(['name']), Query.cursorAfter('r1'), Query.equal('a', 1),
    ]);
    expect(out).toEqual([
      Query.equal('a', 1), Query.equal('b', 1), Query.select(['name']), Query.orderDesc('price'), Query.orderAsc('name'),
      Query.cursorAfter('r1'), Query.limit(5), Query.offset(10),
    ]);
  });

  it('drops duplicate filters and reads a single string', () => {
    const n = normalizer();
    expect(n.normalize([Query.equal('a', 1), 'equal("a", 1)'])).toEqual([Query.equal('a', 1)]);
    expect(n.normalize('equal("a", 1)')).toEqual([Query.equal('a', 1)]);
    expect(n.normalize(undefined)).toEqual([]);
    expect(n.normalize([])).toEqual([]);
  });

  it('canonicalises and/or children and allows system columns', () => {
    const n = normalizer();
    const one = n.normalize([Query.or([Query.equal('a', 1), Query.equal('b', 2)])]);
    expect(n.normalize([Query.or([Query.equal('b', 2), Query.equal('a', 1)])])).toEqual(one);
    expect(n.normalize([Query.equal('$id', ['x']), Query.orderDesc('$createdAt')])).toHaveLength(2);
  });

  it.each([
    ['not json', '{"method":'],
    ['unknown method', '{"method":"like","attribute":"a","values":[1]}'],
    ['unknown column', Query.equal('nope', 1)],
    ['missing value', '{"method":"equal","attribute":"a"}'],
    ['two values for notEqual', '{"method":"notEqual","attribute":"a","values":[1,2]}'],
    ['limit 0', Query.limit(0)],
    ['negative offset', Query.offset(-1)],
    ['or with one child', Query.or([Query.equal('a', 1)])],
    ['order nested in or', '{"method":"or","values":[{"method":"orderAsc","attribute":"a"},{"method":"equal","attribute":"a","values":[1]}]}'],
    ['object value', '{"method":"equal","attribute":"a","values":[{"x":1}]}'],
    ['bad legacy', 'equal("a", '],
  ])('rejects %s before any request, naming the query', (_name, query) => {
    const n = normalizer();
    expect(() => n.normalize([query])).toThrow(QueryError);
    expect(() => n.normalize([query])).toThrow(query.slice(0, 20));
  });

  it('rejects a non-string in a query list', () => {
    expect(() => normalizer().normalize([42] as never)).toThrow(QueryError);
  });
});

const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.boolean(),
);
const equality = fc.uniqueArray(
  fc.record({ column: fc.constantFrom(...COLUMNS), values: fc.array(value, { minLength: 1, maxLength: 3 }) }),
  { selector: (f) => f.column, maxLength: 5 },
);
const extras = fc.record({
  order: fc.array(fc.record({ column: fc.constantFrom(...COLUMNS), desc: fc.boolean() }), { maxLength: 2 }),
  limit: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
  offset: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
});
const legacyValue = (v: string | number | boolean): string => JSON.stringify(v);

describe('canonicalisation properties', () => {
  it('is idempotent and spelling-independent', () => {
    fc.assert(
      fc.property(equality, extras, fc.integer(), (filters, { order, limit, offset }, seed) => {
        const n = normalizer();
        const tail = [
          ...order.map((o) => (o.desc ? Query.orderDesc(o.column) : Query.orderAsc(o.column))),
          ...(limit === undefined ? [] : [Query.limit(limit)]),
          ...(offset === undefined ? [] : [Query.offset(offset)]),
        ];
        const legacyTail = [
          ...order.map((o) => `${o.desc ? 'orderDesc' : 'orderAsc'}(${JSON.stringify(o.column)})`),
          ...(limit === undefined ? [] : [`limit(${limit})`]),
          ...(offset === undefined ? [] : [`offset(${offset})`]),
        ];
        const queries = [...filters.map((f) => Query.equal(f.column, f.values)), ...tail];
        const legacy = [...filters.map((f) => `equal(${JSON.stringify(f.column)}, [${f.values.map(legacyValue).join(', ')}])`), ...legacyTail];
        const shuffled = shuffle(filters.map((f) => Query.equal(f.column, f.values)), seed).concat(tail);

        const canonical = n.normalize(queries);
        expect(n.normalize(canonical)).toEqual(canonical);
        expect(normalizer().normalize(legacy)).toEqual(canonical);
        expect(normalizer().normalize(shuffled)).toEqual(canonical);
        if (tail.length === 0) {
          const object = Object.fromEntries(filters.map((f) => [f.column, f.values]));
          expect(normalizer().normalize(object)).toEqual(canonical);
        }
      }),
      { numRuns: 300 },
    );
  });
});

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
