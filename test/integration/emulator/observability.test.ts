import { AppwriteException, Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator, waitUntil } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 't' } as const;

async function seeded(): Promise<ReturnType<typeof fixture.tablesDb>> {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 't', [{ key: 'v', type: 'integer', required: false }]);
  await tablesDb.createRow({ ...at, rowId: 'r1', data: { v: 1 } });
  fixture.emu.requests.clear();
  return tablesDb;
}

describe('emulator request log', () => {
  it('records each request with the SDK method name, IDs, queries, body and status', async () => {
    const tablesDb = await seeded();
    await tablesDb.listRows({ ...at, queries: [Query.equal('v', 1)] });
    await tablesDb.updateRow({ ...at, rowId: 'r1', data: { v: 2 } });
    await expectAppwriteError(tablesDb.getRow({ ...at, rowId: 'nope' }), 404, 'row_not_found');
    const entries = fixture.emu.requests.list();
    expect(entries.map((entry) => entry.operation)).toEqual(['listRows', 'updateRow', 'getRow']);
    expect(entries[0]).toMatchObject({
      method: 'GET', path: '/v1/tablesdb/db/tables/t/rows', databaseId: 'db', tableId: 't', queries: [Query.equal('v', 1)], body: null, status: 200,
    });
    expect(entries[1]).toMatchObject({ method: 'PATCH', rowId: 'r1', body: { data: { v: 2 } }, status: 200 });
    expect(entries[2]).toMatchObject({ rowId: 'nope', status: 404 });
    expect(typeof entries[0]?.startedAt).toBe('number');
    expect(fixture.emu.requests.count({ method: 'get' })).toBe(2);
    expect(fixture.emu.requests.count({ operation: 'updateRow', tableId: 't' })).toBe(1);
    expect(fixture.emu.requests.list({ rowId: 'r1' })).toHaveLength(1);
    fixture.emu.requests.clear();
    expect(fixture.emu.requests.count()).toBe(0);
  });

  it('answers ping, unknown routes and errors with Appwrite bodies', async () => {
    expect(await fixture.client().ping()).toEqual({ message: 'Pong!' });
    const response = await fetch(`${fixture.emu.endpoint}/nowhere`, { headers: { 'x-appwrite-project': fixture.emu.projectId } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      message: 'Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.',
      code: 404,
      version: '1.9.5',
      type: 'general_route_not_found',
    });
    await expectAppwriteError(fixture.tablesDb().getTransaction({ transactionId: 'nosuchtx' }), 404, 'transaction_not_found');
  });

  it('reads a body PHP cannot decode as no params: not JSON, not UTF-8, or an escaped surrogate without its pair', async () => {
    const headers = { 'x-appwrite-project': fixture.emu.projectId, 'x-appwrite-key': fixture.emu.apiKey, 'content-type': 'application/json' };
    const bodies = ['{"databaseId":"a\\ud800","name":"n"}', '{"databaseId":', Buffer.from('{"databaseId":"\xff"}', 'latin1'), '[1]'];
    for (const body of bodies) {
      const response = await fetch(`${fixture.emu.endpoint}/tablesdb`, { method: 'POST', headers, body });
      expect(await response.json()).toMatchObject({ code: 400, type: 'general_argument_invalid', message: 'Param "databaseId" is not optional.' });
    }
    // A surrogate pair is a character like any other.
    const paired = await fetch(`${fixture.emu.endpoint}/tablesdb`, { method: 'POST', headers, body: '{"databaseId":"db","name":"\\ud83d\\ude00"}' });
    expect(await paired.json()).toMatchObject({ $id: 'db', name: '\u{1F600}' });
  });
});

describe('emulator faults', () => {
  it('answers a status N times with an Appwrite error body, then handles requests again', async () => {
    const tablesDb = await seeded();
    fixture.emu.faults.add({ operation: 'getRow', status: 503, times: 2 });
    await expectAppwriteError(tablesDb.getRow({ ...at, rowId: 'r1' }), 503, 'general_server_error');
    await expectAppwriteError(tablesDb.getRow({ ...at, rowId: 'r1' }), 503, 'general_server_error');
    expect((await tablesDb.getRow({ ...at, rowId: 'r1' })).v).toBe(1);
    expect(fixture.emu.requests.list({ operation: 'getRow' }).map((entry) => entry.status)).toEqual([503, 503, 200]);
  });

  it('matches by method and table, uses the given type and message, and can be removed or cleared', async () => {
    const tablesDb = await seeded();
    const fault = fixture.emu.faults.add({ method: 'PATCH', tableId: 't', status: 429, type: 'general_rate_limit_exceeded', message: 'Slow down' });
    await expectAppwriteError(tablesDb.updateRow({ ...at, rowId: 'r1', data: { v: 3 } }), 429, 'general_rate_limit_exceeded', 'Slow down');
    expect((await tablesDb.getRow({ ...at, rowId: 'r1' })).v).toBe(1);
    fault.remove();
    expect((await tablesDb.updateRow({ ...at, rowId: 'r1', data: { v: 3 } })).v).toBe(3);
    fixture.emu.faults.add({ tableId: 'other', status: 500 });
    fixture.emu.faults.add({ operation: 'listRows', status: 500 });
    fixture.emu.faults.clear();
    expect((await tablesDb.listRows(at)).total).toBe(1);
  });

  it('delays a request before handling it', async () => {
    const tablesDb = await seeded();
    fixture.emu.faults.add({ operation: 'getRow', delayMs: 60, times: 1 });
    const started = performance.now();
    await tablesDb.getRow({ ...at, rowId: 'r1' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('lets a read compute old data and answer after a later write (responseDelayMs)', async () => {
    const tablesDb = await seeded();
    fixture.emu.faults.add({ operation: 'getRow', responseDelayMs: 150, times: 1 });
    const slowRead = tablesDb.getRow({ ...at, rowId: 'r1' });
    // The log entry appears once the row has been read: the answer is computed then, and only held back.
    await waitUntil(() => fixture.emu.requests.count({ operation: 'getRow' }) === 1);
    const write = await tablesDb.updateRow({ ...at, rowId: 'r1', data: { v: 99 } });
    expect(write.v).toBe(99);
    expect((await slowRead).v).toBe(1);
    expect((await tablesDb.getRow({ ...at, rowId: 'r1' })).v).toBe(99);
  });

  it('drops the connection without answering', async () => {
    const tablesDb = await seeded();
    fixture.emu.faults.add({ operation: 'listRows', drop: true, times: 1 });
    const error: unknown = await tablesDb.listRows(at).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AppwriteException);
    expect(fixture.emu.requests.list({ operation: 'listRows' })[0]?.status).toBe(-1);
    expect((await tablesDb.listRows(at)).total).toBe(1);
  });
});

describe('emulator reset and delays', () => {
  it('reset drops databases, logs and faults', async () => {
    const tablesDb = await seeded();
    fixture.emu.faults.add({ operation: 'list', status: 500 });
    fixture.emu.reset();
    expect(fixture.emu.requests.count()).toBe(0);
    expect(await tablesDb.list()).toMatchObject({ total: 0, databases: [] });
  });

  it('setColumnDelay changes how long new columns stay processing', async () => {
    const tablesDb = await seeded();
    fixture.emu.setColumnDelay(0);
    await tablesDb.createBooleanColumn({ ...at, key: 'quick', required: false });
    await waitUntil(async () => String((await tablesDb.getColumn({ ...at, key: 'quick' })).status) === 'available', 500);
  });
});
