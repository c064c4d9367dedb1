import { AppwriteException, type TablesDB } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../src/errors/migration-error.js';
import { columnSpec } from '../../../src/schema/desired-spec.js';
import { MigrationGateway } from '../../../src/appwrite/migration-gateway.js';

type Call = { method: string; params: Record<string, unknown> };

/** A TablesDB stand-in that records calls and answers from a script (the SDK's wire format is covered by the integration tests). */
function fakeTablesDB(answer: (call: Call) => unknown): { tablesDB: TablesDB; calls: Call[] } {
  const calls: Call[] = [];
  const tablesDB = new Proxy({}, {
    get: (_target, method: string) => (params: Record<string, unknown>) => {
      const call = { method, params };
      calls.push(call);
      const result = answer(call);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
  }) as TablesDB;
  return { tablesDB, calls };
}

const table = (id: string) => ({ $id: id, name: id, $permissions: [], rowSecurity: false, columns: [], indexes: [] });
const exception = (code: number, type: string, message = 'nope') => new AppwriteException(message, code, type, '');

describe('MigrationGateway', () => {
  it('reads every table in one request, paging with a cursor only past a full page', async () => {
    const pages = [Array.from({ length: 1000 }, (_, n) => table(`t${n}`)), [table('last')]];
    const { tablesDB, calls } = fakeTablesDB(() => ({ total: 0, tables: pages.shift() ?? [] }));
    const state = await new MigrationGateway(tablesDB, 'shop').readState();
    expect(state.tables).toHaveLength(1001);
    expect(calls.map((call) => call.params.queries)).toEqual([
      ['{"method":"limit","values":[1000]}'],
      ['{"method":"limit","values":[1000]}', '{"method":"cursorAfter","values":["t999"]}'],
    ]);
  });

  it('treats only 404 database_not_found as a missing database', async () => {
    const missing = fakeTablesDB(() => exception(404, 'database_not_found'));
    expect(await new MigrationGateway(missing.tablesDB, 'shop').readState()).toEqual({ databaseExists: false, tables: [] });
    for (const [code, type] of [[401, 'user_unauthorized'], [404, 'project_not_found'], [500, 'general_unknown']] as const) {
      const { tablesDB } = fakeTablesDB(() => exception(code, type, 'refused'));
      const error = await new MigrationGateway(tablesDB, 'shop').readState().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toBe(`Could not read the tables of database shop: refused (${type}, HTTP ${code})`);
    }
  });

  it('counts 409 on create and 404 on delete as done, and names the column otherwise', async () => {
    const { tablesDB } = fakeTablesDB((call) =>
      call.method === 'createFloatColumn' ? exception(409, 'column_already_exists') : call.method === 'deleteColumn' ? exception(404, 'column_not_found') : exception(400, 'column_value_invalid', 'bad default'),
    );
    const gateway = new MigrationGateway(tablesDB, 'shop');
    await expect(gateway.createColumn('products', columnSpec('price', { type: 'float' }))).resolves.toBeUndefined();
    await expect(gateway.deleteColumn('products', 'price')).resolves.toBeUndefined();
    const error = await gateway.createColumn('products', columnSpec('stock', { type: 'integer' })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'Could not create column products.stock: bad default (column_value_invalid, HTTP 400)', context: { table: 'products', field: 'stock' } });
  });

  it('sends every in-place property on update: null clears the default, the type bounds clear min and max', async () => {
    const { tablesDB, calls } = fakeTablesDB(() => ({}));
    const gateway = new MigrationGateway(tablesDB, 'shop');
    await gateway.updateColumn('t', columnSpec('n', { type: 'integer' }));
    await gateway.updateColumn('t', columnSpec('f', { type: 'float', min: 1 }));
    await gateway.updateColumn('t', columnSpec('s', { type: 'string', size: 10, default: 'x' }));
    await gateway.updateColumn('t', columnSpec('e', { type: 'enum', enum: ['a', 'b'], required: true }));
    expect(calls).toEqual([
      { method: 'updateIntegerColumn', params: { databaseId: 'shop', tableId: 't', key: 'n', required: false, xdefault: null, min: -9223372036854775808n, max: 9223372036854775807n } },
      { method: 'updateFloatColumn', params: { databaseId: 'shop', tableId: 't', key: 'f', required: false, xdefault: null, min: 1, max: Number.MAX_VALUE } },
      { method: 'updateStringColumn', params: { databaseId: 'shop', tableId: 't', key: 's', required: false, xdefault: 'x', size: 10 } },
      { method: 'updateEnumColumn', params: { databaseId: 'shop', tableId: 't', key: 'e', required: true, xdefault: null, elements: ['a', 'b'] } },
    ]);
  });

  it('creates a table with its columns and indexes inline', async () => {
    const { tablesDB, calls } = fakeTablesDB(() => ({}));
    await new MigrationGateway(tablesDB, 'shop').createTable({
      id: 'p',
      name: 'products',
      columns: [columnSpec('name', { type: 'string', required: true }), columnSpec('mood', { type: 'enum', enum: ['a'], default: 'a' })],
      indexes: [{ key: 'by_name', type: 'key', columns: ['name'], orders: ['desc'] }],
    });
    expect(calls[0]?.params).toEqual({
      databaseId: 'shop',
      tableId: 'p',
      name: 'products',
      permissions: [],
      rowSecurity: false,
      columns: [
        { key: 'name', type: 'string', required: true, array: false, size: 255 },
        { key: 'mood', type: 'string', format: 'enum', size: 255, required: false, array: false, default: 'a', elements: ['a'] },
      ],
      indexes: [{ key: 'by_name', type: 'key', attributes: ['name'], orders: ['DESC'] }],
    });
  });
});
