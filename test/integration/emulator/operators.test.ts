import { Operator, Permission, Role } from 'node-appwrite';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator, waitForSchema } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 'items' } as const;

beforeEach(async () => {
  await createTable(fixture.tablesDb(), 'items', [
    { key: 'title', type: 'string', size: 20, required: true },
    { key: 'n', type: 'integer', required: false },
    { key: 'level', type: 'integer', required: false, min: 0, max: 10, default: 5 },
    { key: 'big', type: 'integer', size: 8, required: false },
    { key: 'note', type: 'string', size: 100, required: false },
    { key: 'on', type: 'boolean', required: false },
    { key: 'tags', type: 'string', size: 10, required: false, array: true },
  ]);
});

describe('operators (executed on update and upsert, stored as text on create)', () => {
  it('updateRow runs operators on the stored values and answers the computed row', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 't', n: 1, tags: ['a'], on: true, level: 1 } });
    expect((await tablesDb.updateRow({ ...at, rowId: 'r1', data: { n: Operator.increment(7) } })).n).toBe(8);
    expect((await tablesDb.updateRow({ ...at, rowId: 'r1', data: { level: Operator.increment(20, 10) } })).level).toBe(10);
    expect((await tablesDb.updateRow({ ...at, rowId: 'r1', data: { tags: Operator.arrayAppend(['z']) } })).tags).toEqual(['a', 'z']);
    expect((await tablesDb.updateRow({ ...at, rowId: 'r1', data: { on: Operator.toggle() } })).on).toBe(false);
    expect((await tablesDb.updateRow({ ...at, rowId: 'r1', data: { note: Operator.stringConcat('start') } })).note).toBe('start');
    expect(await tablesDb.getRow({ ...at, rowId: 'r1' })).toMatchObject({ n: 8, level: 10, tags: ['a', 'z'], on: false, note: 'start' });
  });

  it('keeps operator-shaped text on create and refuses an operator that does not fit its column', async () => {
    const tablesDb = fixture.tablesDb();
    const text = Operator.stringConcat('X');
    expect((await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 't', note: text } })).note).toBe(text);
    expect((await tablesDb.updateRow({ ...at, rowId: 'r1', data: { note: Operator.stringConcat('!') } })).note).toBe(`${text}!`);
    await expectAppwriteError(tablesDb.updateRow({ ...at, rowId: 'r1', data: { note: Operator.increment(1) } }), 400, 'row_invalid_structure',
      "Invalid document structure: Cannot apply increment operator to non-numeric field 'note'");
    await expectAppwriteError(tablesDb.updateRow({ ...at, rowId: 'r1', data: { n: '{"method":"increment","values":"x"}' } }), 400, 'general_bad_request',
      'Invalid operator for attribute "n": Invalid operator values. Must be an array, got string');
  });

  it('upsertRow computes operators from the default on a new row; updateRows per matched row', async () => {
    const tablesDb = fixture.tablesDb();
    expect((await tablesDb.upsertRow({ ...at, rowId: 'u1', data: { title: 'u', level: Operator.increment(2) } })).level).toBe(7);
    await tablesDb.createRow({ ...at, rowId: 'u2', data: { title: 'v', n: 10 } });
    const result = await tablesDb.updateRows({ ...at, data: { n: Operator.increment(1) } });
    expect(result.rows.map((row) => row.n as unknown)).toEqual([1, 11]);
  });
});

describe('operators: each family\'s refusals and Appwrite\'s quirks, over HTTP', () => {
  const quirks = { databaseId: 'db', tableId: 'quirks' } as const;
  beforeEach(async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 'quirks', [
      { key: 'n', type: 'integer', required: false },
      { key: 'x', type: 'double', required: false },
      { key: 'note', type: 'string', size: 8, required: false },
      { key: 'on', type: 'boolean', required: false },
      { key: 'when', type: 'datetime', required: false },
      { key: 'tags', type: 'string', size: 10, required: false, array: true },
      { key: 'nums', type: 'integer', required: false, array: true },
    ]);
    await tablesDb.createTextColumn({ ...quirks, key: 'body', required: false });
    await tablesDb.createMediumtextColumn({ ...quirks, key: 'medium', required: false });
    await tablesDb.createLongtextColumn({ ...quirks, key: 'long', required: false });
    await tablesDb.createVarcharColumn({ ...quirks, key: 'code', size: 4, required: false });
    await waitForSchema(tablesDb, 'db', 'quirks');
    await tablesDb.createRow({ ...quirks, rowId: 'q', data: { n: null } });
  });

  const update = (data: Record<string, unknown>) => fixture.tablesDb().updateRow({ ...quirks, rowId: 'q', data });
  const refused = (data: Record<string, unknown>, message: string) => expectAppwriteError(update(data), 400, 'row_invalid_structure', `Invalid document structure: ${message}`);

  it('NULL columns: numbers count 0, toggle makes true, concat starts empty, replace/date shifts/insert keep NULL (an array reads []), append starts a list', async () => {
    expect(await update({ n: Operator.increment(2), x: Operator.multiply(3), on: Operator.toggle(), note: Operator.stringConcat('ab'), body: Operator.stringConcat('t') }))
      .toMatchObject({ n: 2, x: 0, on: true, note: 'ab', body: 't' });
    expect(await update({ medium: Operator.stringReplace('a', 'b'), when: Operator.dateAddDays(1), tags: Operator.arrayInsert(0, 'x') }))
      .toMatchObject({ medium: null, when: null, tags: [] }); // NULL arrays read as []
    expect(await update({ tags: Operator.arrayAppend(['a']), long: Operator.stringConcat('l'), when: Operator.dateSetNow() })).toMatchObject({ tags: ['a'], long: 'l' });
  });

  it('refuses each family on a column of another type, naming the operator and the field', async () => {
    await refused({ note: Operator.increment(1) }, "Cannot apply increment operator to non-numeric field 'note'");
    await refused({ n: Operator.stringConcat('x') }, "Cannot apply stringConcat operator to non-string field 'n'");
    await refused({ n: Operator.toggle() }, "Cannot apply toggle operator to non-boolean field 'n'");
    await refused({ note: Operator.dateSetNow() }, "Cannot apply dateSetNow operator to non-datetime field 'note'");
    await refused({ note: Operator.arrayAppend(['x']) }, "Cannot apply arrayAppend operator to non-array field 'note'");
    await refused({ tags: Operator.increment(1) }, "Cannot apply increment operator to non-numeric field 'tags'");
  });

  it('refuses what Appwrite refuses: zero divisors, 32-bit overflow without a bound, long results, bad indexes and filter conditions', async () => {
    // node-appwrite's builder refuses these itself; the wire form reaches the server.
    await refused({ n: '{"method":"divide","values":[0]}' }, 'Cannot apply divide operator: division by zero');
    await refused({ x: '{"method":"modulo","values":[0]}' }, 'Cannot apply modulo operator: modulo by zero');
    await update({ n: 2_147_483_647, tags: ['a'] });
    await refused({ n: Operator.increment(1) }, 'Cannot apply increment operator: would overflow maximum value of 2147483647');
    expect((await update({ n: Operator.increment(1, 2_147_483_647) })).n).toBe(2_147_483_647);
    await refused({ code: Operator.stringConcat('abcde') }, 'Cannot apply stringConcat operator: result would exceed maximum length of 4 characters');
    await refused({ tags: Operator.arrayInsert(3, 'x') }, 'Cannot apply arrayInsert operator: index 3 is out of bounds for array of length 1');
    await refused({ nums: Operator.arrayAppend([3_000_000_000]) }, 'Cannot apply arrayAppend operator: array items must be between -2147483648 and 2147483647');
    await refused({ tags: '{"method":"arrayFilter","values":["contains","a"]}' },
      "Invalid array filter condition 'contains'. Must be one of: equal, notEqual, greaterThan, greaterThanEqual, lessThan, lessThanEqual, isNull, isNotNull");
    await refused({ when: '{"method":"dateAddDays","values":[1.5]}' }, 'Cannot apply dateAddDays operator: requires an integer number of days');
  });
});

describe('row rules', () => {
  it('keeps integers beyond 2^53 exact', async () => {
    const tablesDb = fixture.tablesDb();
    const big = BigInt('9007199254740993');
    expect((await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 't', big } })).big).toBe(big);
    expect((await tablesDb.getRow({ ...at, rowId: 'r1' })).big).toBe(big);
  });

  it('checks inline integers by their size: 32-bit without one (and "type" without min/max), 64-bit with size 8', async () => {
    const tablesDb = fixture.tablesDb();
    await expectAppwriteError(tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 't', n: 2_147_483_648 } }), 400, 'row_invalid_structure',
      'Invalid document structure: Attribute "n" has invalid type. Value must be a valid signed 32-bit integer between -2,147,483,648 and 2,147,483,647');
    await expectAppwriteError(tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 't', level: 'x' } }), 400, 'row_invalid_structure',
      'Invalid document structure: Attribute "level" has invalid format. Value must be a valid signed 32-bit integer between -2,147,483,648 and 2,147,483,647');
    expect((await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 't', big: 2_147_483_648 } })).big).toBe(2_147_483_648);
  });

  it('ignores $permissions inside data on createRow; the permissions param wins', async () => {
    const tablesDb = fixture.tablesDb();
    const inData = await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 't', $permissions: [Permission.read(Role.any())] } });
    expect(inData.$permissions).toEqual([]);
    const both = await tablesDb.createRow({ ...at, rowId: 'r2', data: { title: 't', $permissions: [Permission.read(Role.any())] }, permissions: [Permission.read(Role.users())] });
    expect(both.$permissions).toEqual(['read("users")']);
  });

  it('an update that changes nothing keeps $updatedAt', async () => {
    const tablesDb = fixture.tablesDb();
    const created = await tablesDb.createRow({ ...at, rowId: 'r1', data: { title: 't', n: 1 } });
    expect((await tablesDb.updateRow({ ...at, rowId: 'r1', data: { n: 1 } })).$updatedAt).toBe(created.$updatedAt);
  });

  it('refuses permissions with a role Appwrite does not know, in its words', async () => {
    await expectAppwriteError(fixture.tablesDb().createRow({ ...at, rowId: 'r1', data: { title: 't' }, permissions: ['read("someone")'] }), 400, 'general_argument_invalid',
      'Invalid `permissions` param: Role "someone" is not allowed. Must be one of: any, guests, users, user, team, member, label. or null');
  });
});
