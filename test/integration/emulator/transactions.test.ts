import { Query } from 'node-appwrite';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const accounts = { databaseId: 'db', tableId: 'acct' } as const;
const log = { databaseId: 'db', tableId: 'log' } as const;

beforeEach(async () => {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 'acct', [
    { key: 'name', type: 'string', size: 32, required: true },
    { key: 'balance', type: 'integer', required: false, min: 0, max: 1000, default: 0 },
  ]);
  await createTable(tablesDb, 'log', [{ key: 'text', type: 'string', size: 64, required: true }]);
  await tablesDb.createRows({ ...accounts, rows: [{ $id: 'a1', name: 'one', balance: 100 }, { $id: 'a2', name: 'two', balance: 50 }] });
});

describe('emulator transactions', () => {
  it('stages writes without applying them, shows them inside the transaction, and commits them atomically across tables', async () => {
    const tablesDb = fixture.tablesDb();
    const { $id: transactionId, status, operations } = await tablesDb.createTransaction({ ttl: 60 });
    expect({ status, operations }).toEqual({ status: 'pending', operations: 0 });
    await tablesDb.decrementRowColumn({ ...accounts, rowId: 'a1', column: 'balance', value: 30, transactionId });
    await tablesDb.incrementRowColumn({ ...accounts, rowId: 'a2', column: 'balance', value: 30, transactionId });
    await tablesDb.createRow({ ...log, rowId: 'l1', data: { text: 'a1 -> a2: 30' }, transactionId });
    await tablesDb.updateRow({ ...accounts, rowId: 'a1', data: { name: 'first' }, transactionId });
    expect((await tablesDb.getRow({ ...accounts, rowId: 'a1', transactionId })).name).toBe('first');
    expect((await tablesDb.getRow({ ...accounts, rowId: 'a1' })).name).toBe('one');
    expect((await tablesDb.listRows({ ...log, transactionId })).rows.map((row) => row.$id)).toEqual(['l1']);
    expect((await tablesDb.listRows(log)).total).toBe(0);

    const committed = await tablesDb.updateTransaction({ transactionId, commit: true });
    expect({ status: committed.status, operations: committed.operations }).toEqual({ status: 'committed', operations: 4 });
    expect((await tablesDb.getRow({ ...accounts, rowId: 'a1' })).balance).toBe(70);
    expect((await tablesDb.getRow({ ...accounts, rowId: 'a1' })).name).toBe('first');
    expect((await tablesDb.getRow({ ...accounts, rowId: 'a2' })).balance).toBe(80);
    expect((await tablesDb.getRow({ ...log, rowId: 'l1' })).text).toBe('a1 -> a2: 30');
    await expectAppwriteError(tablesDb.updateTransaction({ transactionId, commit: true }), 400, 'transaction_not_ready');
  });

  it('applies nothing when one staged operation fails at commit, and answers the collection-era error types', async () => {
    const tablesDb = fixture.tablesDb();
    const failing = async (stage: (transactionId: string) => Promise<unknown>, code: number, type: string, message?: string): Promise<void> => {
      const { $id: transactionId } = await tablesDb.createTransaction();
      await tablesDb.createRow({ ...log, rowId: 'before', data: { text: 'staged first' }, transactionId });
      await stage(transactionId);
      await expectAppwriteError(tablesDb.updateTransaction({ transactionId, commit: true }), code, type, message);
      expect((await tablesDb.getTransaction({ transactionId })).status).toBe('failed');
      expect((await tablesDb.listRows(log)).total).toBe(0);
    };
    await failing((transactionId) => tablesDb.createRow({ ...accounts, rowId: 'bad', data: { balance: 1 } as Record<string, unknown>, transactionId }),
      400, 'document_invalid_structure', 'Invalid document structure: Missing required attribute "name"');
    await failing((transactionId) => tablesDb.incrementRowColumn({ ...accounts, rowId: 'a1', column: 'balance', value: 500, max: 200, transactionId }),
      400, 'attribute_limit_exceeded', 'Attribute value exceeds maximum limit: 200');
    await failing((transactionId) => tablesDb.createRow({ ...accounts, rowId: 'a2', data: { name: 'dup' } as Record<string, unknown>, transactionId }), 409, 'transaction_conflict');
    await failing(async (transactionId) => {
      await tablesDb.deleteRow({ ...accounts, rowId: 'a2', transactionId });
      await tablesDb.deleteRow({ ...accounts, rowId: 'a2' });
    }, 404, 'document_not_found', "Document with the requested ID 'a2' could not be found.");
  });

  it('refuses a commit when a staged row was changed after it was staged (transaction_conflict)', async () => {
    const tablesDb = fixture.tablesDb();
    const { $id: transactionId } = await tablesDb.createTransaction();
    await tablesDb.updateRow({ ...accounts, rowId: 'a1', data: { balance: 1 }, transactionId });
    fixture.emu.advanceClock(5);
    await tablesDb.updateRow({ ...accounts, rowId: 'a1', data: { balance: 2 } });
    await expectAppwriteError(tablesDb.updateTransaction({ transactionId, commit: true }), 409, 'transaction_conflict');
    expect((await tablesDb.getRow({ ...accounts, rowId: 'a1' })).balance).toBe(2);
  });

  it('rolls back (status failed, nothing applied), expires with the clock, and hides a user transaction from others', async () => {
    const tablesDb = fixture.tablesDb();
    const rolled = await tablesDb.createTransaction();
    await tablesDb.deleteRow({ ...accounts, rowId: 'a1', transactionId: rolled.$id });
    expect((await tablesDb.updateTransaction({ transactionId: rolled.$id, rollback: true })).status).toBe('failed');
    expect((await tablesDb.getRow({ ...accounts, rowId: 'a1' })).$id).toBe('a1');

    const expiring = await tablesDb.createTransaction({ ttl: 60 });
    await tablesDb.createRow({ ...log, rowId: 'e1', data: { text: 'late' }, transactionId: expiring.$id });
    fixture.emu.advanceClock(61_000);
    await expectAppwriteError(tablesDb.createRow({ ...log, rowId: 'e2', data: { text: 'later' }, transactionId: expiring.$id }), 500, 'transaction_expired', 'Server Error');
    await expectAppwriteError(tablesDb.updateTransaction({ transactionId: expiring.$id, commit: true }), 500, 'transaction_expired');
    expect((await tablesDb.getTransaction({ transactionId: expiring.$id })).status).toBe('pending');

    const alice = fixture.tablesDb({ jwt: fixture.emu.createJwt('alice') });
    const bob = fixture.tablesDb({ jwt: fixture.emu.createJwt('bob') });
    const mine = await alice.createTransaction();
    await expectAppwriteError(bob.getTransaction({ transactionId: mine.$id }), 404, 'transaction_not_found');
    await expectAppwriteError(alice.getTransaction({ transactionId: rolled.$id }), 404, 'transaction_not_found');
    expect((await tablesDb.getTransaction({ transactionId: mine.$id })).$id).toBe(mine.$id);
  });

  it('counts at most 100 operations (a bulk call is one) and checks createOperations', async () => {
    const tablesDb = fixture.tablesDb();
    const { $id: transactionId } = await tablesDb.createTransaction();
    await tablesDb.createRows({ ...log, rows: Array.from({ length: 100 }, (_, i) => ({ $id: `b${i}`, text: `bulk ${i}` })), transactionId });
    const operations = Array.from({ length: 99 }, (_, i) => ({ action: 'create', databaseId: 'db', tableId: 'log', rowId: `o${i}`, data: { text: `op ${i}` } }));
    expect((await tablesDb.createOperations({ transactionId, operations })).operations).toBe(100);
    await expectAppwriteError(tablesDb.createRow({ ...log, rowId: 'x', data: { text: 'one too many' }, transactionId }), 400, 'transaction_limit_exceeded',
      'Transaction already has 100 operations, adding 1 would exceed the maximum of 100');
    await expectAppwriteError(tablesDb.createOperations({ transactionId, operations: [] }), 400, 'general_bad_request', 'Operations array cannot be empty');
    expect((await tablesDb.updateTransaction({ transactionId, commit: true })).status).toBe('committed');
    expect((await tablesDb.listRows({ ...log, queries: [Query.limit(1)] })).total).toBe(199);

    const other = await tablesDb.createTransaction();
    await expectAppwriteError(tablesDb.createOperations({ transactionId: other.$id, operations: [{ action: 'update', databaseId: 'db', tableId: 'acct', rowId: 'nope', data: {} }] }),
      404, 'document_not_found');
    await expectAppwriteError(tablesDb.createOperations({ transactionId: other.$id, operations: [{ action: 'create', databaseId: 'db', tableId: 'nope', rowId: 'x', data: {} }] }),
      404, 'collection_not_found');
  });
});
