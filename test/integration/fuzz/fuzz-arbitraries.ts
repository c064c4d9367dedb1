import fc from 'fast-check';
import { encodeBridgeMessage } from '../../../src/bridge/bridge-message.js';

/** The fuzzed table: one column of each kind the ORM validates. */
export const items = {
  name: 'items',
  schema: {
    title: { type: 'string', required: true, size: 16 },
    n: { type: 'integer', min: 0, max: 100 },
    price: { type: 'float' },
    at: { type: 'datetime' },
    site: { type: 'url' },
    mail: { type: 'email' },
    host: { type: 'ip' },
    kind: { type: 'enum', enum: ['a', 'b'] },
    tags: { type: 'string', array: true, size: 8 },
    flag: { type: 'boolean' },
  },
} as const;

export const COLUMNS = Object.keys(items.schema);
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'prototype', '__defineGetter__'];
const HALF_EMOJI = '👍'.slice(0, 1);

/** Values that probe every validator: edge dates and URLs, lone surrogates, non-data types. */
const tricky = fc.constantFrom<unknown>(
  'javascript:alert(1)', 'mailto:team@example.com', 'https://example.com/x', 'https://exa mple.com', 'ftp://files.example.com',
  'March 7, 2024', 'tomorrow', '10000-01-01T00:00:00Z', '0999-12-31', '2024-02-30', '9999-12-31T23:59:59Z', '2024-03-07T10:00:00+02:00',
  new Date('+010000-01-01T00:00:00Z'), new Date(Number.NaN), new Date('2024-03-07T00:00:00Z'), new Date(-30_000_000_000_000),
  HALF_EMOJI, `a${HALF_EMOJI}b`, '👍', 'a@b.co', 'not-mail', '1.2.3.4', '::1', '999.1.1.1', 'a', 'b', 'c',
  Number.NaN, Number.POSITIVE_INFINITY, -1, 101, 2 ** 53, 1.5, 10n, 2n ** 70n,
  () => 1, Symbol('s'), new Map([['title', 'x']]), new Set([1]), Object.create(null) as object, [], [[]], { $ne: 1 },
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: tricky },
  fc.string({ maxLength: 20 }),
  fc.integer({ min: -5, max: 200 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

const value: fc.Arbitrary<unknown> = fc.oneof({ weight: 5, arbitrary: scalar }, fc.array(scalar, { maxLength: 3 }));

const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...COLUMNS) }, fc.constantFrom(...PROTOTYPE_NAMES, '$id', '$permissions', 'extra'));

/** Values of each column's own kind, many on the edge of what Appwrite takes: the ORM and the server must agree. */
const nearValidFields: Record<string, fc.Arbitrary<unknown>> = {
  title: fc.oneof(fc.string({ maxLength: 18 }), fc.string({ unit: 'grapheme', maxLength: 18 }), fc.constantFrom('ok', `x${HALF_EMOJI}`, '👍'.repeat(9))),
  n: fc.oneof(fc.integer({ min: -3, max: 103 }), fc.constantFrom(1.5, 2 ** 53, null)),
  price: fc.oneof(fc.double(), fc.constant(null)),
  at: fc.oneof(fc.date({ min: new Date(-31_000_000_000_000), max: new Date(260_000_000_000_000) }), fc.date().map((date) => (Number.isNaN(date.getTime()) ? 'x' : date.toISOString())),
    fc.constantFrom('March 7, 2024', '7 Mar 2024 10:00', 'Thu, 07 Mar 2024 10:00:00 GMT', '2024-03-07 10:00:00', '1000-01-01T00:00:00Z', '2024-13-01', '2024-03-07T10:00:00+14:00')),
  site: fc.oneof(fc.webUrl(), fc.constantFrom('mailto:a@b.co', 'news:comp.lang', 'file:///x', 'javascript:alert(1)', 'http://[::1]/', 'https://a-.com', 'http://x.com:70000')),
  mail: fc.oneof(fc.emailAddress(), fc.constantFrom('a@b', 'a@b.co', 'a b@c.co', 'a@-b.co')),
  host: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('1.2.3', '::ffff:1.2.3.4', '01.2.3.4')),
  kind: fc.constantFrom('a', 'b', 'c'),
  tags: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  flag: fc.oneof(fc.boolean(), fc.constant(0)),
};
/** A valid title and one more field, so that most rows are sent and the server's answer is put to the test. */
const nearValidRow: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  ...Object.entries(nearValidFields).map(([name, field]) => fc.tuple(field, fc.constantFrom('ok', 'title')).map(([fieldValue, title]) => (name === 'title' ? { title: fieldValue } : { title, [name]: fieldValue }))),
);

/** A row's data as a hostile caller may pass it: mostly field maps, sometimes not an object of fields at all. */
export const rowData: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: nearValidRow },
  { weight: 6, arbitrary: fc.dictionary(key, value, { maxKeys: 4 }) },
  fc.dictionary(key, value, { maxKeys: 3 }).map((fields) => JSON.parse(`{"__proto__":{"title":"x"},${JSON.stringify({ title: 'ok', ...fields }, (_k, v: unknown) => (typeof v === 'bigint' ? 1 : v)).slice(1)}`) as unknown),
  fc.constantFrom<unknown>(null, 5, 'row', [], [{ title: 'x' }], new Date(), new Map([['title', 'x']]), Object.create({ title: 'x' }) as object),
);

const methods = fc.constantFrom(
  'equal', 'notEqual', 'lessThan', 'greaterThan', 'between', 'contains', 'search', 'isNull', 'startsWith', 'and', 'or', 'select', 'limit',
  'offset', 'orderAsc', 'cursorAfter', 'regex', 'exists', 'elemMatch', 'distanceLessThan', 'vectorDot', 'createdBefore',
  ...PROTOTYPE_NAMES, 'eval', 'Equal', '',
);

const jsonQuery: fc.Arbitrary<string> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ method: methods, attribute: fc.oneof(key, fc.string({ maxLength: 5 })), values: fc.array(value, { maxLength: 3 }) }, { requiredKeys: ['method'] }),
    fc.record({ method: fc.constantFrom('and', 'or'), values: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
  ),
})).node.map((node) => JSON.stringify(node, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null');

const legacyQuery: fc.Arbitrary<string> = fc.tuple(methods, fc.array(fc.oneof(fc.constantFrom('"title"', '"n"', '1', 'true', 'null', '[1, 2]', '"x"', `"${HALF_EMOJI}"`), fc.string({ maxLength: 6 })), { maxLength: 3 }))
  .map(([method, args]) => `${method}(${args.join(', ')})`);

const deep = fc.tuple(fc.integer({ min: 90, max: 20_000 }), fc.boolean()).map(([depth, json]) => (json
  ? `${'{"method":"or","values":[{"method":"isNull","attribute":"n"},'.repeat(depth)}{"method":"isNull","attribute":"n"}${']}'.repeat(depth)}`
  : `${'or([isNull("n"), '.repeat(depth)}isNull("n")${'])'.repeat(depth)}`));

const queryString = fc.oneof(jsonQuery, legacyQuery, fc.string({ maxLength: 30 }), deep);

/** What `find()` may be given by a hostile caller: query strings, lists of them, filter objects, anything else. */
export const queryInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: queryString },
  { weight: 2, arbitrary: fc.array(queryString, { maxLength: 3 }) },
  { weight: 3, arbitrary: fc.dictionary(key, value, { maxKeys: 3 }) },
  fc.array(value, { maxLength: 2 }),
  fc.constantFrom<unknown>(5, true, new Date(), new Map(), () => 'equal("n", 1)', Symbol('q')),
);

/** Raw channel payloads: garbage, near-misses and well-formed messages naming tables this instance never declared. */
export function bridgePayload(db: string): fc.Arbitrary<string> {
  const table = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, '*', 'items', 'other'), fc.string({ minLength: 1, maxLength: 12 }));
  const origin = fc.oneof(fc.constantFrom('intruder', '__proto__', 'constructor'), fc.string({ minLength: 1, maxLength: 8 }));
  const message = fc.record({ origin, table, seq: fc.integer({ min: 1, max: 1_000 }) })
    .map(({ origin: from, table: name, seq }) => encodeBridgeMessage({ v: 1, origin: from, db, table: name, seq }));
  return fc.oneof(
    { weight: 6, arbitrary: message },
    fc.string({ maxLength: 40 }),
    fc.json({ maxDepth: 3 }),
    fc.constantFrom('{"v":1,"origin":"x","db":"' + db + '","table":"__proto__","seq":1,"__proto__":{"table":"items"}}', '{"__proto__":{"v":1}}', 'null', '[]'),
  );
}
