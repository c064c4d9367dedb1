import { Operator, Permission, Role } from 'node-appwrite';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
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
