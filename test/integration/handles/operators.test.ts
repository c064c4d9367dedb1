import { Operator as AppwriteOperator } from 'node-appwrite';
import { beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { Operator } from '../../../src/schema/operator.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import type { Database } from '../../../src/server/database.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';

/** One field of every type an operator applies to, and the ones none applies to. */
const items = {
  name: 'items',
  schema: {
    title: { type: 'string', required: true, size: 64 },
    code: { type: 'varchar', size: 32 },
    body: { type: 'text' },
    summary: { type: 'mediumtext' },
    archive: { type: 'longtext' },
    stock: { type: 'integer', min: 0, max: 1000, default: 10 },
    price: { type: 'float', default: 2 },
    active: { type: 'boolean', default: false },
    endsAt: { type: 'datetime' },
    tags: { type: 'string', array: true, size: 16 },
    scores: { type: 'integer', array: true },
    ratios: { type: 'float', array: true },
    flags: { type: 'boolean', array: true },
    days: { type: 'datetime', array: true },
    levels: { type: 'enum', enum: ['low', 'mid', 'high'], array: true },
    codes: { type: 'varchar', size: 16, array: true },
    notes: { type: 'text', array: true },
    pages: { type: 'mediumtext', array: true },
    books: { type: 'longtext', array: true },
    mails: { type: 'email', array: true },
    links: { type: 'url', array: true },
    ips: { type: 'ip', array: true },
    mood: { type: 'enum', enum: ['calm', 'busy'] },
    contact: { type: 'email' },
  },
} as const satisfies TableDefinition;

const fixture = useEmulator({ columnDelayMs: 0 });
let db: Database<readonly [typeof items]>;

beforeEach(async () => {
  fixture.emu.reset();
  const orm = new ServerORM({ endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId: 'shop', autoMigrate: true });
  db = await orm.init([items] as const);
  fixture.emu.requests.clear();
});

/** Applies each change in turn to row `id` and returns the field's value after each (as the returned row holds it). */
async function steps<K extends keyof typeof items.schema>(id: string, field: K, changes: readonly unknown[]): Promise<unknown[]> {
  const table = db.table('items');
  const seen: unknown[] = [];
  for (const change of changes) seen.push((await table.update(id, { [field]: change }))[field]);
  return seen;
}

describe('operators end to end (real SDK, local server)', () => {
  it('applies every numeric operator to integer and float fields, bounds clamping', async () => {
    const table = db.table('items');
    await table.create({ title: 'n' }, { id: 'n' });
    expect(await steps('n', 'stock', [
      Operator.increment(5), Operator.decrement(20, 0), Operator.increment(8), Operator.multiply(3), Operator.divide(4),
      Operator.modulo(4), Operator.power(3), Operator.multiply(1000, 100), Operator.increment(),
    ])).toEqual([15, 0, 8, 24, 6, 2, 8, 100, 101]);
    expect(await steps('n', 'price', [
      Operator.increment(0.5), Operator.multiply(4), Operator.divide(4), Operator.power(2), Operator.modulo(2), Operator.decrement(10, 0.1),
    ])).toEqual([2.5, 10, 2.5, 6.25, 0.25, 0.1]);
  });

  it('applies stringConcat and stringReplace to string, varchar, text, mediumtext and longtext fields (NULL counts as "")', async () => {
    const table = db.table('items');
    await table.create({ title: 'Pen' }, { id: 's' });
    for (const field of ['title', 'code', 'body', 'summary', 'archive'] as const) {
      const [concat, replaced] = await steps('s', field, [Operator.stringConcat('-x'), Operator.stringReplace('x', 'yz')]);
      const start = field === 'title' ? 'Pen' : '';
      expect([concat, replaced], field).toEqual([`${start}-x`, `${start}-yz`]);
    }
  });

  it('toggles a boolean field and moves a datetime field by days, or to now', async () => {
    const table = db.table('items');
    await table.create({ title: 'd', endsAt: '2030-01-01T00:00:00.000Z' }, { id: 'd' });
    expect(await steps('d', 'active', [Operator.toggle(), Operator.toggle()])).toEqual([true, false]);
    const [added, subtracted] = await steps('d', 'endsAt', [Operator.dateAddDays(3), Operator.dateSubDays(1)]);
    expect([Date.parse(String(added)), Date.parse(String(subtracted))]).toEqual([Date.parse('2030-01-04T00:00:00Z'), Date.parse('2030-01-03T00:00:00Z')]);
    const before = Date.now() - 1_000;
    const [now] = await steps('d', 'endsAt', [Operator.dateSetNow()]);
    expect(Date.parse(String(now))).toBeGreaterThanOrEqual(before);
    expect(Date.parse(String(now))).toBeLessThan(Date.parse('2030-01-01T00:00:00Z'));
  });

  it('applies every array operator to string, integer, float, boolean, datetime and enum arrays', async () => {
    const table = db.table('items');
    await table.create({ title: 'a', tags: ['b'], scores: [5], ratios: [0.5], flags: [true], days: ['2030-01-02T00:00:00.000Z'], levels: ['mid'] }, { id: 'a' });
    expect(await steps('a', 'tags', [
      Operator.arrayAppend(['c', 'c']), Operator.arrayPrepend(['a']), Operator.arrayInsert(1, 'z'), Operator.arrayRemove('z'),
      Operator.arrayUnique(), Operator.arrayIntersect(['a', 'c']), Operator.arrayDiff(['a']), Operator.arrayFilter('equal', 'c'),
    ])).toEqual([['b', 'c', 'c'], ['a', 'b', 'c', 'c'], ['a', 'z', 'b', 'c', 'c'], ['a', 'b', 'c', 'c'], ['a', 'b', 'c'], ['a', 'c'], ['c'], ['c']]);
    expect(await steps('a', 'scores', [Operator.arrayAppend([1, 9]), Operator.arrayFilter('greaterThan', 4), Operator.arrayPrepend([0]), Operator.arrayFilter('lessThanEqual', 5)]))
      .toEqual([[5, 1, 9], [5, 9], [0, 5, 9], [0, 5]]);
    expect(await steps('a', 'ratios', [Operator.arrayAppend([1.5]), Operator.arrayRemove(0.5)])).toEqual([[0.5, 1.5], [1.5]]);
    expect(await steps('a', 'flags', [Operator.arrayAppend([false, true]), Operator.arrayUnique(), Operator.arrayDiff([true])])).toEqual([[true, false, true], [true, false], [false]]);
    const [days] = await steps('a', 'days', [Operator.arrayAppend([new Date('2030-01-03T00:00:00Z')])]);
    expect((days as string[]).map((day) => Date.parse(day))).toEqual([Date.parse('2030-01-02T00:00:00Z'), Date.parse('2030-01-03T00:00:00Z')]);
    expect(await steps('a', 'levels', [Operator.arrayAppend(['high']), Operator.arrayIntersect(['high', 'low'])])).toEqual([['mid', 'high'], ['high']]);
  });

  it.each([
    ['tags', ['a', 'b', 'c']],
    ['scores', [1, 2, 3]],
    ['ratios', [0.5, 1.5, 2.5]],
    ['levels', ['low', 'mid', 'high']],
    ['codes', ['a', 'b', 'c']],
    ['notes', ['one', 'two', 'three']],
    ['pages', ['p1', 'p2', 'p3']],
    ['books', ['b1', 'b2', 'b3']],
    ['mails', ['a@x.io', 'b@x.io', 'c@x.io']],
    ['links', ['https://a.io', 'https://b.io', 'https://c.io']],
    ['ips', ['10.0.0.1', '10.0.0.2', '10.0.0.3']],
  ] as const)('applies each array operator to %s', async (field, [a, b, c]) => {
    await db.table('items').create({ title: field, [field]: [a, b] }, { id: field });
    const seen = await steps(field, field, [
      Operator.arrayAppend([c, c]), Operator.arrayPrepend([a]), Operator.arrayInsert(1, b), Operator.arrayRemove(a), Operator.arrayUnique(),
      Operator.arrayIntersect([c]), Operator.arrayDiff([c]), Operator.arrayAppend([a, b]), Operator.arrayFilter('equal', a), Operator.arrayFilter('isNotNull'),
    ]);
    expect(seen).toEqual([[a, b, c, c], [a, a, b, c, c], [a, b, a, b, c, c], [b, b, c, c], [b, c], [c], [], [a, b], [a], [a]]);
  });

  it('applies the array operators that compare nothing to datetime arrays', async () => {
    const [a, b] = ['2030-01-01T00:00:00.000Z', new Date('2030-01-02T00:00:00Z')] as const;
    await db.table('items').create({ title: 'days', days: [a] }, { id: 'days' });
    const seen = await steps('days', 'days', [
      Operator.arrayAppend([b]), Operator.arrayPrepend([b]), Operator.arrayInsert(1, a), Operator.arrayFilter('isNotNull'),
    ]);
    // Datetimes come back in Appwrite's own format: compare instants.
    const [x, y] = [Date.parse(a), b.getTime()];
    expect(seen.map((list) => (list as string[]).map((item) => Date.parse(item)))).toEqual([[x, y], [y, x, y], [y, x, x, y], [y, x, x, y]]);
  });

  it('sends the operators in the wire form node-appwrite writes, mixed with plain values', async () => {
    const table = db.table('items');
    await table.create({ title: 'w' }, { id: 'w' });
    fixture.emu.requests.clear();
    const row = await table.update('w', { stock: Operator.decrement(1, 0), tags: Operator.arrayAppend(['sale']), title: 'W' });
    expect(row).toMatchObject({ stock: 9, tags: ['sale'], title: 'W' });
    const [sent] = fixture.emu.requests.list({ operation: 'updateRow' });
    expect(sent?.body).toEqual({ data: { stock: AppwriteOperator.decrement(1, 0), tags: AppwriteOperator.arrayAppend(['sale']), title: 'W' } });
  });

  it('takes operators in upsert (existing and new rows), bulkUpsert, bulkUpdate and updateWhere', async () => {
    const table = db.table('items');
    await table.create({ title: 'u', stock: 1 }, { id: 'u' });
    expect(await table.upsert('u', { title: 'u', stock: Operator.increment(2) })).toMatchObject({ stock: 3 });
    expect(await table.upsert('fresh', { title: Operator.stringConcat('new'), tags: Operator.arrayAppend(['x']) })).toMatchObject({ title: 'new', tags: ['x'] });
    const upserted = await table.bulkUpsert([{ $id: 'u', title: 'u', stock: Operator.multiply(2) }, { $id: 'v', title: 'v', stock: 4 }]);
    expect(upserted.map((row) => row.stock)).toEqual([6, 4]);
    const updated = await table.bulkUpdate([{ id: 'u', data: { stock: Operator.increment(1) } }, { id: 'v', data: { stock: Operator.increment(1) } }]);
    expect(updated.map((row) => row.stock)).toEqual([7, 5]);
    expect(fixture.emu.requests.count({ operation: 'updateRows' })).toBe(1);
    expect(await table.updateWhere({ title: ['u', 'v'] }, { stock: Operator.increment(10), active: Operator.toggle() })).toBe(2);
    expect((await table.query({ title: ['u', 'v'] }, { orderBy: 'title' })).map((row) => [row.stock, row.active])).toEqual([[17, true], [15, true]]);
  });

  it('invalidates cached reads like any write; the returned row is what Appwrite computed', async () => {
    const table = db.table('items');
    await table.create({ title: 'c' }, { id: 'c' });
    expect((await table.get('c'))?.stock).toBe(10);
    expect((await table.get('c'))?.stock).toBe(10);
    expect(fixture.emu.requests.count({ operation: 'getRow' })).toBe(1);
    const returned = await table.update('c', { stock: Operator.increment(5) });
    expect(returned.stock).toBe(15);
    expect((await table.get('c'))?.stock).toBe(15);
    expect(fixture.emu.requests.count({ operation: 'getRow' })).toBe(2);
  });
});

describe('operators refused before any request', () => {
  const refusals: readonly [string, Record<string, unknown>, RegExp][] = [
    ['numeric on text', { title: Operator.increment(1) }, /field "title": increment applies to integer and float fields; this is a string field/],
    ['text on a number', { stock: Operator.stringConcat('x') }, /field "stock": stringConcat applies to text fields .*; this is a integer field/],
    ['toggle on a datetime', { endsAt: Operator.toggle() }, /field "endsAt": toggle applies to boolean fields/],
    ['date on a boolean', { active: Operator.dateAddDays(1) }, /field "active": dateAddDays applies to datetime fields/],
    ['array on a scalar', { stock: Operator.arrayAppend([1]) }, /field "stock": arrayAppend applies to array fields/],
    ['scalar on an array', { tags: Operator.stringConcat('x') }, /field "tags": stringConcat applies to text fields .*; this is an array of string/],
    ['text on an enum', { mood: Operator.stringConcat('x') }, /field "mood": stringConcat applies to text fields/],
    ['text on an email', { contact: Operator.stringReplace('a', 'b') }, /field "contact": stringReplace applies to text fields/],
    ['unknown field', { nope: Operator.toggle() }, /field "nope": unknown field/],
    ['wrong item type', { tags: Operator.arrayAppend([1]) }, /field "tags": arrayAppend: item 1 does not fit the field/],
    ['enum item', { levels: Operator.arrayRemove('max') }, /field "levels": arrayRemove: the value "max" does not fit the field/],
    ['32-bit items', { scores: Operator.arrayAppend([2 ** 31]) }, /field "scores": arrayAppend: item 2147483648 is outside Appwrite's 32-bit range/],
    ['item too long', { tags: Operator.arrayAppend(['x'.repeat(17)]) }, /field "tags": arrayAppend: item .* does not fit the field: Too big/],
    ['division by 0', { stock: Operator.divide(0) }, /field "stock": divide: divide by 0/],
    ['modulo by 0', { price: Operator.modulo(0) }, /field "price": modulo: modulo by 0/],
    ['fractional step on an integer', { stock: Operator.increment(1.5) }, /field "stock": increment: the operand must be a whole number on an integer field/],
    ['bound beyond max', { stock: Operator.increment(1, 5000) }, /field "stock": increment: the bound 5000 is above the field's max 1000/],
    ['not finite', { price: Operator.multiply(Number.NaN) }, /field "price": multiply: the operand must be a finite number, got NaN/],
    ['fractional days', { endsAt: Operator.dateAddDays(0.5) }, /field "endsAt": dateAddDays: the number of days must be a whole number/],
    ['filter condition', { scores: Operator.arrayFilter('contains' as 'equal', 1) }, /field "scores": arrayFilter: unknown condition "contains"/],
    ['isNull with a value', { scores: Operator.arrayFilter('isNull', 1) }, /field "scores": arrayFilter: isNull takes no value/],
    ['comparing datetimes', { days: Operator.arrayRemove(new Date()) }, /field "days": arrayRemove: it compares items as stored text, .*not supported on datetime arrays/],
    ['unique datetimes', { days: Operator.arrayUnique() }, /field "days": arrayUnique: it compares items as stored text/],
    ['empty intersect', { tags: Operator.arrayIntersect([]) }, /field "tags": arrayIntersect: arrayIntersect needs at least one value/],
    ['negative index', { tags: Operator.arrayInsert(-1, 'x') }, /field "tags": arrayInsert: the index must be a whole number >= 0/],
    ['text beyond the size', { code: Operator.stringConcat('x'.repeat(33)) }, /field "code": stringConcat: the text .* does not fit the field/],
    ['text on a url', { links: Operator.stringConcat('x') }, /field "links": stringConcat applies to text fields .*; this is an array of url/],
    ['bad email item', { mails: Operator.arrayAppend(['not-an-email']) }, /field "mails": arrayAppend: item "not-an-email" does not fit the field/],
    ['bad ip item', { ips: Operator.arrayPrepend(['999.1.1.1']) }, /field "ips": arrayPrepend: item "999.1.1.1" does not fit the field/],
    ['varchar item too long', { codes: Operator.arrayInsert(0, 'x'.repeat(17)) }, /field "codes": arrayInsert: .* does not fit the field/],
    ['toggle on an array', { flags: Operator.toggle() }, /field "flags": toggle applies to boolean fields; this is an array of boolean/],
    ['numeric on an array', { scores: Operator.increment(1) }, /field "scores": increment applies to integer and float fields; this is an array of integer/],
    ['date on an array', { days: Operator.dateSetNow() }, /field "days": dateSetNow applies to datetime fields; this is an array of datetime/],
  ];

  it.each(refusals)('refuses %s, naming table, field and operator', async (_name, data, message) => {
    const error = await db.table('items').update('x', data as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^Invalid row for table "items": /);
    expect((error as ValidationError).message).toMatch(message);
    expect(fixture.emu.requests.count()).toBe(0);
  });

  it('refuses operators in create, and a row changed twice by bulkUpdate with an operator on a field set before', async () => {
    const table = db.table('items');
    await expect(table.create({ title: 'x', stock: Operator.increment(1) } as never)).rejects.toThrow(/field "stock": increment: create stores the values it is given/);
    await expect(table.bulkCreate([{ title: 'x', stock: Operator.increment(1) } as never])).rejects.toThrow(ValidationError);
    await expect(table.bulkUpdate([{ id: 'x', data: { stock: 1 } }, { id: 'x', data: { stock: Operator.increment(1) } }]))
      .rejects.toThrow(/\(row 1\): field "stock": row "x" is changed twice and this change applies increment to a field an earlier change sets/);
    expect(fixture.emu.requests.list().filter((entry) => entry.method !== 'GET' && entry.operation !== 'createTransaction' && entry.operation !== 'updateTransaction')).toEqual([]);
  });

  it("still refuses node-appwrite's operator strings (plain text shaped like an operator), pointing at Operator", async () => {
    const error = await db.table('items').update('x', { title: AppwriteOperator.stringConcat('x') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('Operator-shaped value in update() for table "items"');
    expect((error as ValidationError).message).toContain('use Operator from appwrite-orm');
    expect(fixture.emu.requests.count()).toBe(0);
  });
});
