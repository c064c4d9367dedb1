import { AppwriteException } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { AppwriteError } from '../../../src/errors/appwrite-error.js';
import { BulkPartialError } from '../../../src/errors/bulk-partial-error.js';
import { ConflictError } from '../../../src/errors/conflict-error.js';
import { ConnectionError } from '../../../src/errors/connection-error.js';
import { NotFoundError } from '../../../src/errors/not-found-error.js';
import { OrmError } from '../../../src/errors/orm-error.js';
import { QueryError } from '../../../src/errors/query-error.js';
import { toOrmError } from '../../../src/appwrite/appwrite-error-mapping.js';

const context = { table: 'products', action: 'updating row', rowId: 'pen' };
const endpoint = (): string => 'http://127.0.0.1:1/v1';

describe('toOrmError', () => {
  it('maps row_not_found with a row id to NotFoundError', () => {
    const error = toOrmError(new AppwriteException('Row not found', 404, 'row_not_found'), context, endpoint);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('Row "pen" was not found in table "products".');
    expect(error.context).toEqual({ table: 'products', rowId: 'pen' });
    expect(error.cause).toBeInstanceOf(AppwriteException);
  });

  it('maps 409 to ConflictError with the Appwrite type', () => {
    const error = toOrmError(new AppwriteException('Row with the requested ID already exists.', 409, 'row_already_exists'), context, endpoint);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).type).toBe('row_already_exists');
    expect(error.code).toBe('E_CONFLICT');
    expect(error.message).toContain('row "pen" in table "products"');
  });

  it('maps invalid queries to QueryError', () => {
    const error = toOrmError(new AppwriteException('Invalid query: Attribute not found in schema: x', 400, 'general_query_invalid'), { table: 'products', action: 'listing rows' }, endpoint);
    expect(error).toBeInstanceOf(QueryError);
    expect(error.message).toContain('Attribute not found in schema: x');
  });

  it('wraps other answers in AppwriteError with status and type', () => {
    const error = toOrmError(new AppwriteException('Table not found', 404, 'table_not_found'), context, endpoint);
    expect(error).toBeInstanceOf(AppwriteError);
    expect(error).toMatchObject({ code: 'E_APPWRITE', status: 404, type: 'table_not_found', retryable: false });
    expect(error.message).toBe('Appwrite answered 404 table_not_found while updating row "pen" in table "products": Table not found');
  });

  it('reads a failed fetch as a ConnectionError naming the endpoint: status 0, retryable', () => {
    const error = toOrmError(new TypeError('fetch failed'), { table: 'products', action: 'listing rows' }, endpoint);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'E_CONNECTION', status: 0, type: 'network_error', retryable: true, endpoint: 'http://127.0.0.1:1/v1' });
    expect(error.message).toContain('Could not reach Appwrite at http://127.0.0.1:1/v1 while listing rows in table "products"');
  });

  it('reads any other failure without an answer as status 0, retryable', () => {
    const error = toOrmError(new Error('socket hang up'), { table: 'products', action: 'listing rows' }, endpoint);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 0, type: 'network_error', retryable: true });
    expect(error.message).toContain('No answer from Appwrite while listing rows in table "products"');
  });
});

describe('error classes', () => {
  it('share the OrmError base and stable codes', () => {
    const failure = new NotFoundError('products', { rowId: 'x' });
    const bulk = new BulkPartialError('products', 'bulkUpdate', [{ index: 0, id: 'a' }], [{ index: 1, id: 'x', error: failure }]);
    expect(bulk).toBeInstanceOf(OrmError);
    expect(bulk.code).toBe('E_BULK_PARTIAL');
    expect(bulk.name).toBe('BulkPartialError');
    expect(bulk.message).toBe('bulkUpdate on table "products": 1 rows succeeded, 1 failed; first failed row #1 ("x"): Row "x" was not found in table "products".');
    expect(bulk.context).toEqual({ table: 'products', rowIndex: 1, rowId: 'x' });
    expect(new NotFoundError('products', { filter: '{"a":1}' }).message).toBe('No row of table "products" matches {"a":1}.');
    expect(new QueryError('products', 'q'.repeat(300), 'bad').message).toContain('...');
  });
});
