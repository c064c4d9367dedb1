import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Query, TablesDB } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { startAppwriteEmulator } from '../../../src/testing/index.js';
import { useEmulator, waitForSchema } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 't' } as const;
const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);
const BIGINT_TYPE = 'Value must be a valid signed 64-bit integer between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807';

describe('emulator bigint columns (Appwrite 1.9.5+)', () => {
  it('creates a bigint column (202) whose model carries exact int64 bounds and default', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', []);
    const created = await tablesDb.createBigIntColumn({ ...at, key: 'n', required: false });
    expect(created).toMatchObject({ key: 'n', type: 'bigint', status: 'processing', min: MIN, max: MAX, default: null });
    expect(fixture.emu.requests.list().at(-1)).toMatchObject({ operation: 'createBigIntColumn', status: 202 });
    await tablesDb.createBigIntColumn({ ...at, key: 'big', required: false, min: 2n ** 60n, max: MAX - 1n, xdefault: 2n ** 60n + 1n });
    await waitForSchema(tablesDb, 'db', 't');
    expect(await tablesDb.getColumn({ ...at, key: 'big' })).toMatchObject({
      type: 'bigint', min: 2n ** 60n, max: MAX - 1n, default: 2n ** 60n + 1n, status: 'available',
    });
    const table = await tablesDb.getTable(at);
    expect(table.columns).toMatchObject([{ key: 'n', type: 'bigint' }, { key: 'big', type: 'bigint' }]);
    // 8 bytes each beside the 1,067 every row takes.
    expect(table.bytesUsed).toBe(1_067 + 16);
  });

  it('refuses bounds and defaults as the BigInt Create and Update actions do', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', []);
    await expectAppwriteError(tablesDb.createBigIntColumn({ ...at, key: 'a', required: false, min: 5, max: 1 }), 400, 'column_value_invalid',
      'Minimum value must be lesser than maximum value');
    await expectAppwriteError(tablesDb.createBigIntColumn({ ...at, key: 'a', required: false, min: 0, max: 10, xdefault: 11 }), 400, 'column_value_invalid',
      'Value must be a valid range between 0 and 10');
    await expectAppwriteError(tablesDb.createBigIntColumn({ ...at, key: 'a', required: true, xdefault: 1 }), 400, 'column_default_unsupported');
    await tablesDb.createBigIntColumn({ ...at, key: 'a', required: false, min: 0, max: 10 });
    await waitForSchema(tablesDb, 'db', 't');
    const updated = await tablesDb.updateBigIntColumn({ ...at, key: 'a', required: false, xdefault: MAX, max: MAX });
    expect(updated).toMatchObject({ min: 0, max: MAX, default: MAX });
    await expectAppwriteError(tablesDb.updateBigIntColumn({ ...at, key: 'a', required: false, xdefault: -1 }), 400, 'column_value_invalid',
      'Value must be a valid range between 0 and 9,223,372,036,854,775,807');
  });

  it('takes bigint columns inline in createTable, with or without a range', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', [
      { key: 'free', type: 'bigint' },
      { key: 'ranged', type: 'bigint', min: -5, max: MAX, default: 2n ** 62n },
    ]);
    const { columns } = await tablesDb.listColumns(at);
    expect(columns).toMatchObject([
      { key: 'free', type: 'bigint', min: null, max: null, default: null },
      { key: 'ranged', type: 'bigint', min: -5, max: MAX, default: 2n ** 62n },
    ]);
    await tablesDb.create({ databaseId: 'db2', name: 'Two' });
    await expectAppwriteError(tablesDb.createTable({ databaseId: 'db2', tableId: 'x', name: 'x', columns: [{ key: 'b', type: 'bigint', default: 1.5 }] }),
      400, 'general_argument_invalid', "Default value for bigint attribute 'b' must be an integer");
  });

  it('prints an unset bound of an inline bigint default range as PHP prints PHP_INT_MIN/MAX (Validator/Attributes.php on 1.9.x)', async () => {
    const tablesDb = fixture.tablesDb();
    const refused = (column: object, message: string): Promise<unknown> =>
      expectAppwriteError(tablesDb.createTable({ databaseId: 'db', tableId: 'x', name: 'x', columns: [column] }), 400, 'general_argument_invalid', message);
    await tablesDb.create({ databaseId: 'db', name: 'Db' });
    await refused({ key: 'b', type: 'bigint', max: 10, default: 20 }, "Default value for bigint attribute 'b' must be between -9223372036854775808 and 10");
    await refused({ key: 'b', type: 'bigint', min: 2n ** 62n, default: -1 }, "Default value for bigint attribute 'b' must be between 4611686018427387904 and 9223372036854775807");
    await refused({ key: 'b', type: 'bigint', min: -5, max: 5, default: MIN }, "Default value for bigint attribute 'b' must be between -5 and 5");
    await refused({ key: 'b', type: 'bigint', min: 0.5, default: 0 }, "Default value for bigint attribute 'b' must be between 0.5 and 9223372036854775807");
    await refused({ key: 'b', type: 'bigint', max: 1e20, default: MAX, min: 1e19 }, "Default value for bigint attribute 'b' must be between 1.0E+19 and 1.0E+20");
    // The same on an integer column: a bound beyond int64 is a PHP float.
    await refused({ key: 'i', type: 'integer', min: 1e19, default: 0 }, "Default value for integer attribute 'i' must be between 1.0E+19 and 9223372036854775807");
  });

  it('stores row values exactly and refuses what int64 cannot hold, with utopia\'s messages', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', [{ key: 'n', type: 'bigint' }, { key: 'r', type: 'bigint', min: 0, max: 10 }, { key: 'l', type: 'bigint', array: true }]);
    const row = await tablesDb.createRow({ ...at, rowId: 'a', data: { n: MAX, l: [MIN, 1, '7'] } });
    expect(row).toMatchObject({ n: MAX, l: [MIN, 1, 7] });
    expect((await tablesDb.getRow({ ...at, rowId: 'a' })).n).toBe(MAX);
    // utopia's Structure turns a string of digits within int64 into an int.
    expect((await tablesDb.createRow({ ...at, rowId: 'b', data: { n: '-9223372036854775808' } })).n).toBe(MIN);
    await expectAppwriteError(tablesDb.createRow({ ...at, rowId: 'c', data: { n: MAX + 1n } }), 400, 'row_invalid_structure',
      `Invalid document structure: Attribute "n" has invalid type. ${BIGINT_TYPE}`);
    await expectAppwriteError(tablesDb.createRow({ ...at, rowId: 'c', data: { n: 1.5 } }), 400, 'row_invalid_structure', new RegExp(BIGINT_TYPE));
    await expectAppwriteError(tablesDb.createRow({ ...at, rowId: 'c', data: { r: 11 } }), 400, 'row_invalid_structure',
      'Invalid document structure: Attribute "r" has invalid format. Value must be a valid range between 0 and 10');
  });

  it('compares bigint values exactly in filters, order and cursors', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', [{ key: 'n', type: 'bigint' }]);
    const values = [MAX, MAX - 1n, 2n ** 53n + 1n, 2n ** 53n, 5n, MIN];
    for (const [index, n] of values.entries()) await tablesDb.createRow({ ...at, rowId: `r${index}`, data: { n } });
    const ids = async (queries: string[]): Promise<string[]> => (await tablesDb.listRows({ ...at, queries })).rows.map((row) => row.$id);
    expect(await ids([Query.equal('n', [2n ** 53n + 1n])])).toEqual(['r2']);
    expect(await ids([Query.notEqual('n', 2n ** 53n)])).toEqual(['r0', 'r1', 'r2', 'r4', 'r5']);
    expect(await ids([Query.greaterThan('n', MAX - 1n)])).toEqual(['r0']);
    expect(await ids([Query.between('n', 2n ** 53n, MAX - 1n)])).toEqual(['r1', 'r2', 'r3']);
    expect(await ids([Query.orderAsc('n')])).toEqual(['r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
    expect(await ids([Query.orderDesc('n'), Query.cursorAfter('r1'), Query.limit(2)])).toEqual(['r2', 'r3']);
    // A string of digits is a valid bigint query value too; an integer beyond int64 is not.
    expect(await ids([Query.equal('n', ['9223372036854775807'])])).toEqual(['r0']);
    await expectAppwriteError(tablesDb.listRows({ ...at, queries: ['{"method":"equal","attribute":"n","values":[9223372036854775808]}'] }),
      400, 'general_query_invalid', 'Invalid query: Query value is invalid for attribute "n"');
  });

  it('increments and decrements bigint columns exactly; refuses numeric operators on them as utopia 6.0 does', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', [{ key: 'n', type: 'bigint', default: 0 }]);
    await tablesDb.createRow({ ...at, rowId: 'a', data: { n: MAX - 2n } });
    expect((await tablesDb.incrementRowColumn({ ...at, rowId: 'a', column: 'n', value: 1 })).n).toBe(MAX - 1n);
    // node-appwrite types value/max as number but writes a BigInt exactly (json-bigint).
    const exact = (value: bigint): number => value as unknown as number;
    await expectAppwriteError(tablesDb.incrementRowColumn({ ...at, rowId: 'a', column: 'n', value: 1, max: exact(MAX - 1n) }), 400, 'column_limit_exceeded',
      `tablesDB "n" has reached the maximum value of ${MAX - 1n}`);
    expect((await tablesDb.incrementRowColumn({ ...at, rowId: 'a', column: 'n', value: 1 })).n).toBe(MAX);
    // Beyond int64 MariaDB refuses the UPDATE ("BIGINT value is out of range"): a server error.
    await expectAppwriteError(tablesDb.incrementRowColumn({ ...at, rowId: 'a', column: 'n', value: 1 }), 500, 'general_unknown');
    expect((await tablesDb.decrementRowColumn({ ...at, rowId: 'a', column: 'n', value: exact(MAX) })).n).toBe(0);
    await expectAppwriteError(tablesDb.updateRow({ ...at, rowId: 'a', data: { n: '{"method":"increment","values":[1]}' } }), 400, 'row_invalid_structure',
      /Cannot apply increment operator to non-numeric field 'n'/);
  });

  it('keeps bigint bounds, defaults and values exact in the persisted state', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'appwrite-bigint-'));
    try {
      const persistPath = join(dir, 'state.json');
      const open = async (): Promise<{ close(): Promise<void>; tablesDb: TablesDB }> => {
        const emu = await startAppwriteEmulator({ persistPath, columnDelayMs: 1 });
        return { close: () => emu.close(), tablesDb: new TablesDB(new Client().setEndpoint(emu.endpoint).setProject(emu.projectId).setKey(emu.apiKey)) };
      };
      const first = await open();
      await createTable(first.tablesDb, 't', [{ key: 'n', type: 'bigint', min: MIN + 1n, max: MAX - 1n, default: 2n ** 62n + 1n }, { key: 'label', type: 'string', size: 8 }]);
      await first.tablesDb.createRow({ ...at, rowId: 'a', data: { n: MAX - 1n } });
      await first.close();
      const second = await open();
      expect(await second.tablesDb.getColumn({ ...at, key: 'n' })).toMatchObject({ min: MIN + 1n, max: MAX - 1n, default: 2n ** 62n + 1n });
      expect((await second.tablesDb.getRow({ ...at, rowId: 'a' })).n).toBe(MAX - 1n);
      expect((await second.tablesDb.createRow({ ...at, rowId: 'b', data: { label: 'b' } })).n).toBe(2n ** 62n + 1n);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
