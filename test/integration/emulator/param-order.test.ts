import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

/*
 * Appwrite runs every declared param of an action through its validator, in declaration order (path params
 * included), before the action looks anything up (utopia-php/framework 0.33 Http::getArguments). These probes
 * pair a bad param with a missing database, table, column or row: the param's 400 must win over the 404.
 * File references are Appwrite 1.9.0, src/Appwrite/Platform/Modules/Databases/Http/TablesDB/.
 */
const fixture = useEmulator({ resetBetweenTests: true });
const UID = "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start with a leading underscore";
const KEY = "Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char";
const invalid = (name: string, description: string): string => `Invalid \`${name}\` param: ${description}`;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${fixture.emu.endpoint}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-appwrite-project': fixture.emu.projectId, 'x-appwrite-key': fixture.emu.apiKey },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('params are validated before any lookup', () => {
  it('updateRelationshipColumn: a bad onDelete or newKey beats a missing column (Tables/Columns/Relationship/Update.php:59, :64)', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', []);
    await expectAppwriteError(
      tablesDb.updateRelationshipColumn({ databaseId: 'db', tableId: 't', key: 'nope', onDelete: 'explode' as never }),
      400, 'general_argument_invalid', invalid('onDelete', 'Value must be one of (cascade, restrict, setNull) or null'),
    );
    await expectAppwriteError(
      tablesDb.updateRelationshipColumn({ databaseId: 'db', tableId: 't', key: 'nope', newKey: '_bad' }),
      400, 'general_argument_invalid', invalid('newKey', `${KEY} or null`),
    );
    await expectAppwriteError(tablesDb.updateRelationshipColumn({ databaseId: 'db', tableId: 't', key: 'nope' }), 404, 'column_not_found');
  });

  it('get, update and delete database: the path ID is a UID param (TablesDB/Get.php:45, Update.php:50, Delete.php:48)', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const answer = await call(method, '/tablesdb/_hidden', method === 'PUT' ? { name: 'x' } : undefined);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe(invalid('databaseId', UID));
    }
  });

  it('createRow: rowId is checked before tableId, both before the lookups (Tables/Rows/Create.php:98-100)', async () => {
    const answer = await call('POST', '/tablesdb/nodb/tables/bad$table/rows', { rowId: '-bad', data: { a: 1 } });
    expect(answer.body).toMatchObject({ code: 400, type: 'general_argument_invalid', message: invalid('rowId', KEY) });
    const tableFirst = await call('POST', '/tablesdb/nodb/tables/bad$table/rows', { rowId: 'ok', data: { a: 1 } });
    expect(tableFirst.body.message).toBe(invalid('tableId', UID));
  });

  it('updateRow: bad permissions beat a missing row (Tables/Rows/Update.php:63)', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', [{ key: 'a', type: 'integer', required: false }]);
    await expectAppwriteError(
      tablesDb.updateRow({ databaseId: 'db', tableId: 't', rowId: 'missing', data: { a: 1 }, permissions: ['create("any")'] }),
      400, 'general_argument_invalid', /^Invalid `permissions` param: .* or null$/,
    );
  });

  it('listColumns and listIndexes: the queries validator runs before the table lookup (Tables/Columns/XList.php:53, Indexes/XList.php:54)', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.create({ databaseId: 'db', name: 'db' });
    await expectAppwriteError(
      tablesDb.listColumns({ databaseId: 'db', tableId: 'missing', queries: ['{"method":"equal","attribute":"colour","values":["x"]}'] }),
      400, 'general_argument_invalid', invalid('queries', 'Invalid query: Attribute not found in schema: colour'),
    );
    await expectAppwriteError(
      tablesDb.listIndexes({ databaseId: 'db', tableId: 'missing', queries: ['{"method":"select","values":["key"]}'] }),
      400, 'general_argument_invalid', invalid('queries', 'Invalid query method: select'),
    );
  });

  it('createIndex: type, columns and orders are checked before the table lookup (Tables/Indexes/Create.php:61-63)', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.create({ databaseId: 'db', name: 'db' });
    await expectAppwriteError(
      tablesDb.createIndex({ databaseId: 'db', tableId: 'missing', key: 'i', type: 'btree' as never, columns: ['a'] }),
      400, 'general_argument_invalid', invalid('type', 'Value must be one of (key, fulltext, unique, spatial)'),
    );
    await expectAppwriteError(
      tablesDb.createIndex({ databaseId: 'db', tableId: 'missing', key: 'i', type: 'key' as never, columns: ['a'], orders: ['up' as never] }),
      400, 'general_argument_invalid', invalid('orders', 'Value must a valid array no longer than 100 items and Value must be one of (asc, desc)'),
    );
  });

  it('column create: size and a missing required param come before the table lookup (Tables/Columns/String/Create.php:65-66)', async () => {
    const tablesDb = fixture.tablesDb();
    await expectAppwriteError(
      tablesDb.createStringColumn({ databaseId: 'nodb', tableId: 't', key: 's', size: 0, required: false }),
      400, 'general_argument_invalid', invalid('size', 'Value must be a valid range between 1 and 1,073,741,824'),
    );
    const missing = await call('POST', '/tablesdb/nodb/tables/t/columns/string', { key: 's', size: 10 });
    expect(missing.body).toMatchObject({ code: 400, type: 'general_argument_invalid', message: 'Param "required" is not optional.' });
  });

  it('column update: `default` is required there, null allowed (Tables/Columns/Integer/Update.php:63)', async () => {
    const missing = await call('PATCH', '/tablesdb/nodb/tables/t/columns/integer/n', { required: false });
    expect(missing.body.message).toBe('Param "default" is not optional.');
    const nulled = await call('PATCH', '/tablesdb/nodb/tables/t/columns/integer/n', { required: false, default: null });
    expect(nulled.body).toMatchObject({ code: 404, type: 'database_not_found' });
  });

  it('createTable: Text(128) refuses an empty name before the database lookup (Tables/Create.php:62)', async () => {
    await expectAppwriteError(
      fixture.tablesDb().createTable({ databaseId: 'nodb', tableId: 't', name: '' }),
      400, 'general_argument_invalid', invalid('name', 'Value must be a valid string and at least 1 chars and no longer than 128 chars'),
    );
  });

  it('incrementRowColumn: a non-numeric value beats the missing table (Tables/Rows/Column/Increment.php:63)', async () => {
    const answer = await call('PATCH', '/tablesdb/nodb/tables/t/rows/r/n/increment', { value: 'lots' });
    expect(answer.body).toMatchObject({ code: 400, message: invalid('value', 'Value must be a valid number') });
  });

  it('listRows: ttl is a Range(0, 86400) param (Tables/Rows/XList.php:60)', async () => {
    const answer = await call('GET', '/tablesdb/nodb/tables/t/rows?ttl=90000');
    expect(answer.body).toMatchObject({ code: 400, message: invalid('ttl', 'Value must be a valid range between 0 and 86,400') });
  });

  it('upsertRows: rows is required (Tables/Rows/Bulk/Upsert.php:62)', async () => {
    const answer = await call('PUT', '/tablesdb/nodb/tables/t/rows', {});
    expect(answer.body).toMatchObject({ code: 400, message: 'Param "rows" is not optional.' });
  });

  it('updateTransaction: commit is a strict Boolean, checked before the transaction lookup (Transactions/Update.php:52)', async () => {
    const answer = await call('PATCH', '/tablesdb/transactions/missing', { commit: 'yes' });
    expect(answer.body).toMatchObject({ code: 400, message: invalid('commit', 'Value must be a valid boolean') });
  });
});

describe('validator details', () => {
  it('row data may be a string of JSON, which the action decodes (Tables/Rows/Create.php:101 JSON, Documents/Create.php:144)', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', [{ key: 'a', type: 'integer', required: false }]);
    const created = await call('POST', '/tablesdb/db/tables/t/rows', { rowId: 'r1', data: '{"a":1}' });
    expect(created.status).toBe(201);
    expect(created.body.a).toBe(1);
    const updated = await call('PATCH', '/tablesdb/db/tables/t/rows/r1', { data: '{"a":2}' });
    expect(updated.body.a).toBe(2);
    const broken = await call('PATCH', '/tablesdb/db/tables/t/rows/r1', { data: '{not json' });
    expect(broken.body.message).toBe(invalid('data', 'Value must be a valid JSON string'));
  });

  it('a metadata list refuses queries that are not an array (TablesDB/XList.php:57, Validator/Queries::isValid)', async () => {
    const answer = await call('GET', '/tablesdb?queries=limit');
    expect(answer.body).toMatchObject({ code: 400, message: invalid('queries', 'Queries must be an array') });
  });
});

describe('update actions write their defaults', () => {
  it('updateDatabase without enabled enables the database (Databases/Update.php action: setAttribute enabled, default true)', async () => {
    const tablesDb = fixture.tablesDb();
    await tablesDb.create({ databaseId: 'db', name: 'db', enabled: false });
    const updated = await tablesDb.update({ databaseId: 'db', name: 'renamed' });
    expect(updated).toMatchObject({ name: 'renamed', enabled: true });
  });
});

describe('PHP truthiness of names', () => {
  it('a name of "0" leaves the database and table names as they were (Databases/Update.php, Collections/Update.php: if ($name))', async () => {
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 't', []);
    expect(await tablesDb.update({ databaseId: 'db', name: '0' })).toMatchObject({ name: 'Test' });
    expect(await tablesDb.updateTable({ databaseId: 'db', tableId: 't', name: '0' })).toMatchObject({ name: 't' });
  });
});
