import { AppwriteException, type TablesDB } from 'node-appwrite';
import { expect } from 'vitest';
import { waitForSchema } from '../../helpers/emulator.js';

/** Asserts that `promise` rejects with an AppwriteException of this HTTP status, type and (optionally) message. */
export async function expectAppwriteError<T>(
  promise: Promise<T>,
  code: number,
  type: string,
  message?: string | RegExp,
): Promise<AppwriteException> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(AppwriteException);
  const exception = error as AppwriteException;
  expect({ code: exception.code, type: exception.type }).toEqual({ code, type });
  if (typeof message === 'string') expect(exception.message).toBe(message);
  else if (message !== undefined) expect(exception.message).toMatch(message);
  return exception;
}

/** Creates database `db` and a table with the given inline columns (available at once) and indexes. */
export async function createTable(
  tablesDb: TablesDB,
  tableId: string,
  columns: object[],
  options: { indexes?: object[]; permissions?: string[]; rowSecurity?: boolean; databaseId?: string } = {},
): Promise<void> {
  const databaseId = options.databaseId ?? 'db';
  await tablesDb.get({ databaseId }).catch(() => tablesDb.create({ databaseId, name: 'Test' }));
  await tablesDb.createTable({
    databaseId,
    tableId,
    name: tableId,
    columns,
    indexes: options.indexes ?? [],
    permissions: options.permissions ?? [],
    rowSecurity: options.rowSecurity ?? false,
  });
  await waitForSchema(tablesDb, databaseId, tableId);
}
