import { ID, Query } from 'node-appwrite';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 'items' } as const;

beforeEach(async () => {
  await createTable(fixture.tablesDb(), 'items', [
    { key: 'name', type: 'string', size: 20, required: true },
    { key: 'qty', type: 'integer', required: false, default: 0 },
  ], { indexes: [{ key: 'by_name', type: 'unique', attributes: ['name'] }] });
});

/** Calls the emulator with fetch, for request shapes the SDK never sends. */
async function raw(method: string, path: string, body: unknown): Promise<{ status: number; body: { type?: string; message?: string } }> {
  const response = await fetch(`${fixture.emu.endpoint}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-appwrite-project': fixture.emu.projectId, 'x-appwrite-key': fixture.emu.apiKey },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { type?: string; message?: string } };
}

describe('emulator bulk rows', () => {
  it('creates rows (201) with optional $id and $permissions, atomically', async () => {
    const tablesDb = fixture.tablesDb();
    const created = await tablesDb.createRows({ ...at, rows: [{ $id: 'a', name: 'A' }, { name: 'B', $permissions: ['read("any")'] }] });
    expect(created.total).toBe(2);
    expect(created.rows).toMatchObject([{ $id: 'a', $sequence: '1', name: 'A', qty: 0 }, { $sequence: '2', name: 'B', $permissions: ['read("any")'] }]);
    expect(fixture.emu.requests.list({ method: 'POST', tableId: 'items' }).map((entry) => `${entry.operation} ${entry.status}`)).toEqual(['createRows 201']);
    await expectAppwriteError(tablesDb.createRows({ ...at, rows: [{ $id: 'c', name: 'C' }, { $id: 'a', name: 'D' }] }), 409, 'row_already_exists');
    await expectAppwriteError(tablesDb.createRows({ ...at, rows: [{ name: 'E' }, { name: 'e' }] }), 409, 'row_already_exists');
    await expectAppwriteError(tablesDb.createRows({ ...at, rows: [{ name: 'F' }, { nope: 1 }] }), 400, 'row_invalid_structure');
    expect((await tablesDb.listRows(at)).total).toBe(2);
  });

  it('accepts at most 100 rows per request', async () => {
    const rows = Array.from({ length: 101 }, (_, i) => ({ name: `n${i}` }));
    await expectAppwriteError(fixture.tablesDb().createRows({ ...at, rows }), 400, 'general_argument_invalid');
    await expectAppwriteError(fixture.tablesDb().upsertRows({ ...at, rows }), 400, 'general_argument_invalid');
    expect((await fixture.tablesDb().createRows({ ...at, rows: rows.slice(0, 100) })).total).toBe(100);
  });

  it('follows the createRow/createRows rules of the shared POST route', async () => {
    const path = '/tablesdb/db/tables/items/rows';
    expect(await raw('POST', path, {})).toMatchObject({ status: 400, body: { type: 'row_missing_data' } });
    expect(await raw('POST', path, { rowId: 'x', data: { name: 'a' }, rows: [{ name: 'b' }] })).toMatchObject({
      status: 400, body: { type: 'general_bad_request', message: 'You can only send one of the following parameters: data, rows' },
    });
    expect(await raw('POST', path, { data: { name: 'a' } })).toMatchObject({
      status: 400, body: { type: 'row_missing_data', message: 'Row ID is required when creating a single row.' },
    });
    expect(await raw('POST', path, { rowId: 'x', rows: [{ name: 'b' }] })).toMatchObject({ status: 400, body: { type: 'general_bad_request' } });
    expect(await raw('POST', path, { permissions: [], rows: [{ name: 'b' }] })).toMatchObject({ status: 400, body: { type: 'general_bad_request' } });
  });

  it('upserts rows (200): creates new IDs, updates existing ones (required columns again), leaves unchanged ones out', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRows({ ...at, rows: [{ $id: 'a', name: 'A', qty: 1 }, { $id: 'c', name: 'C', qty: 3 }] });
    const upserted = await tablesDb.upsertRows({ ...at, rows: [{ $id: 'a', name: 'A', qty: 5 }, { $id: 'b', name: 'B' }, { $id: 'c', name: 'C', qty: 3 }] });
    expect(upserted).toMatchObject({ total: 2, rows: [{ $id: 'a', $sequence: '1', name: 'A', qty: 5 }, { $id: 'b', $sequence: '3', name: 'B' }] });
    expect(fixture.emu.requests.list({ method: 'PUT', tableId: 'items' }).map((entry) => entry.status)).toEqual([200]);
    await expectAppwriteError(tablesDb.upsertRows({ ...at, rows: [{ $id: 'a', qty: 6 }] }), 400, 'row_invalid_structure', 'Invalid document structure: Missing required attribute "name"');
  });

  it('updates all rows matching the queries (200, total = rows changed)', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRows({ ...at, rows: [{ name: 'a', qty: 1 }, { name: 'b', qty: 2 }, { name: 'c', qty: 3 }] });
    const result = await tablesDb.updateRows({ ...at, data: { qty: 0 }, queries: [Query.greaterThan('qty', 1)] });
    expect(result.total).toBe(2);
    expect(result.rows.map((row) => String(row.name))).toEqual(['b', 'c']);
    expect((await tablesDb.listRows({ ...at, queries: [Query.equal('qty', 0)] })).total).toBe(2);
    await expectAppwriteError(tablesDb.updateRows({ ...at, data: { name: 'same' } }), 409, 'row_already_exists');
    await expectAppwriteError(tablesDb.updateRows({ ...at, data: { nope: 1 } }), 400, 'row_invalid_structure');
  });

  it('deletes all rows matching the queries (200 with total and the deleted rows)', async () => {
    const tablesDb = fixture.tablesDb();
    for (const start of [0, 100, 200]) {
      await tablesDb.createRows({ ...at, rows: Array.from({ length: 100 }, (_, i) => ({ name: `n${start + i}`, qty: i % 2 })) });
    }
    const odd = await tablesDb.deleteRows({ ...at, queries: [Query.equal('qty', 1)] });
    expect(odd.total).toBe(150);
    expect(odd.rows).toHaveLength(100);
    expect(odd.rows[0]).toMatchObject({ name: 'n1', qty: 1 });
    const rest = await tablesDb.deleteRows({ ...at, queries: [Query.limit(10)] });
    expect(rest.total).toBe(10);
    expect((await tablesDb.listRows(at)).total).toBe(140);
    await expectAppwriteError(tablesDb.deleteRows({ ...at, queries: [Query.equal('nope', 1)] }), 400, 'general_query_invalid');
  });

  it('refuses bulk routes to a JWT user as Appwrite does: createRows 401, the others 404 database_not_found', async () => {
    const user = fixture.tablesDb({ jwt: fixture.emu.createJwt('u1') });
    await expectAppwriteError(user.createRows({ ...at, rows: [{ name: 'x' }] }), 401, 'general_unauthorized_scope');
    const notFound = "Database with the requested ID 'db' could not be found.";
    await expectAppwriteError(user.upsertRows({ ...at, rows: [{ $id: ID.unique(), name: 'x' }] }), 404, 'database_not_found', notFound);
    await expectAppwriteError(user.updateRows({ ...at, data: { qty: 1 } }), 404, 'database_not_found', notFound);
    await expectAppwriteError(user.deleteRows(at), 404, 'database_not_found', notFound);
  });

  it('answers a cursor in updateRows or deleteRows with the 500 Appwrite gives', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.createRows({ ...at, rows: [{ $id: 'a', name: 'A' }, { $id: 'b', name: 'B' }] });
    await expectAppwriteError(tablesDb.updateRows({ ...at, data: { qty: 2 }, queries: [Query.cursorAfter('a')] }), 500, 'general_unknown', 'Server Error');
    await expectAppwriteError(tablesDb.deleteRows({ ...at, queries: [Query.cursorAfter('a')] }), 500, 'general_unknown', 'Server Error');
    expect((await tablesDb.listRows(at)).total).toBe(2);
  });
});
