import { AppwriteException, OrderBy, TablesDBIndexType } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

/*
 * createIndex against Appwrite 1.9's rules beyond the recorded exchanges: the route's params
 * (H/TablesDB/Tables/Indexes/Create.php:60-64), then utopia-php/database's Validator/Index (5.3.17, the
 * version Appwrite 1.9.0 runs), whose checks run in the order of its isValid (Index.php:112-170).
 */
const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 't' } as const;

async function table(): Promise<ReturnType<typeof fixture.tablesDb>> {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 't', [
    { key: 'name', type: 'string', size: 100, required: false },
    { key: 'score', type: 'integer', required: false },
    { key: 'price', type: 'double', required: false },
    { key: 'seen', type: 'datetime', required: false },
  ]);
  return tablesDb;
}

describe('createIndex: utopia Validator/Index rules', () => {
  it('refuses a length on a non-string column, naming its type (Index.php:392-402 checkArrayIndexes)', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['score'], lengths: [10] }),
      400, 'column_index_invalid', 'Cannot set a length on "integer" attributes',
    );
    await expectAppwriteError(
      tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Unique, columns: ['name', 'price'], lengths: [10, 4] }),
      400, 'column_index_invalid', 'Cannot set a length on "double" attributes',
    );
    await expectAppwriteError(
      tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['$createdAt'], lengths: [5] }),
      400, 'column_index_invalid', 'Cannot set a length on "datetime" attributes',
    );
    // A zero or null length is "no length" (PHP empty()), so it passes on any column.
    const created = await tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['score', 'name'], lengths: [0, 20] });
    expect(created.lengths).toEqual([0, 20]);
  });

  it('refuses more lengths than columns with utopia\'s message (Index.php:421-427) but accepts extra orders', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['name'], lengths: [10, 20] }),
      400, 'column_index_invalid', 'Invalid index lengths. Count of lengths must be equal or less than the number of attributes.',
    );
    const created = await tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['name'], orders: [OrderBy.Asc, OrderBy.Desc] });
    expect(created).toMatchObject({ columns: ['name'], orders: ['asc', 'desc'], lengths: [0] });
  });

  it('lets a negative length through the param (Nullable(Integer())) and refuses it in the validator (Index.php:452-455)', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['name'], lengths: [-1] }),
      400, 'column_index_invalid', 'Negative index length provided for name',
    );
  });

  it('checks repeated columns before the fulltext type rule (Index.php:122-131)', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.createIndex({ ...at, key: 'i', type: TablesDBIndexType.Fulltext, columns: ['score', 'score'] }),
      400, 'column_index_invalid', 'Duplicate attributes provided',
    );
  });

  it('describes a non-integer length with the 32-bit Integer validator (utopia-php/validators Integer::getDescription)', async () => {
    const tablesDb = await table();
    const error = await tablesDb
      .createIndex({ ...at, key: 'i', type: TablesDBIndexType.Key, columns: ['name'], lengths: [1.5] })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppwriteException);
    expect((error as AppwriteException).message).toBe(
      'Invalid `lengths` param: Value must a valid array no longer than 100 items and Value must be a valid signed 32-bit integer between -2,147,483,648 and 2,147,483,647 or null',
    );
  });
});
