import { AppwriteException, Query, RelationshipType } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

/*
 * Appwrite validates every declared param before the action runs, path params included (appwrite 1.9.0
 * H/TablesDB/**: `databaseId`, `tableId`, `rowId`, `transactionId` as utopia `UID`, column and index `key`
 * and the increment `column` as `Key`), so a malformed ID is a 400 naming the param, not a 404.
 */
const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 't' } as const;
const UID = "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start with a leading underscore";
const KEY = "Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char";

async function table(): Promise<ReturnType<typeof fixture.tablesDb>> {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 't', [{ key: 'n', type: 'integer', required: false }]);
  await tablesDb.createRow({ ...at, rowId: 'r1', data: { n: 1 } });
  return tablesDb;
}

describe('path params (utopia UID and Key validators)', () => {
  it('refuses a malformed row ID on the row routes (Rows/Get.php, Update.php, Delete.php, Upsert.php: UID)', async () => {
    const tablesDb = await table();
    const long = 'a'.repeat(37);
    await expectAppwriteError(tablesDb.getRow({ ...at, rowId: long }), 400, 'general_argument_invalid', `Invalid \`rowId\` param: ${UID}`);
    await expectAppwriteError(tablesDb.updateRow({ ...at, rowId: '_r', data: { n: 2 } }), 400, 'general_argument_invalid', `Invalid \`rowId\` param: ${UID}`);
    await expectAppwriteError(tablesDb.deleteRow({ ...at, rowId: '-r' }), 400, 'general_argument_invalid', `Invalid \`rowId\` param: ${UID}`);
    // upsertRow's rowId is a UID, not a CustomId: `unique()` is refused too.
    await expectAppwriteError(tablesDb.upsertRow({ ...at, rowId: 'unique()', data: { n: 2 } }), 400, 'general_argument_invalid', `Invalid \`rowId\` param: ${UID}`);
  });

  it('checks the database and table IDs first, in the order the route declares them', async () => {
    const tablesDb = await table();
    await expectAppwriteError(tablesDb.get({ databaseId: '_db' }), 400, 'general_argument_invalid', `Invalid \`databaseId\` param: ${UID}`);
    await expectAppwriteError(tablesDb.getTable({ databaseId: 'db', tableId: 't'.repeat(40) }), 400, 'general_argument_invalid', `Invalid \`tableId\` param: ${UID}`);
    await expectAppwriteError(tablesDb.listRows({ databaseId: '.db', tableId: '_t' }), 400, 'general_argument_invalid', `Invalid \`databaseId\` param: ${UID}`);
  });

  it('checks column and index keys with Key (Columns/Get.php, Indexes/Get.php) and the increment column too', async () => {
    const tablesDb = await table();
    await expectAppwriteError(tablesDb.getColumn({ ...at, key: '$id' }), 400, 'general_argument_invalid', `Invalid \`key\` param: ${KEY}`);
    await expectAppwriteError(tablesDb.deleteIndex({ ...at, key: '_i' }), 400, 'general_argument_invalid', `Invalid \`key\` param: ${KEY}`);
    await expectAppwriteError(tablesDb.incrementRowColumn({ ...at, rowId: 'r1', column: '$sequence' }), 400, 'general_argument_invalid', `Invalid \`column\` param: ${KEY}`);
    // A well-formed but unknown key is still the route's 404.
    await expectAppwriteError(tablesDb.getColumn({ ...at, key: 'ghost' }), 404, 'column_not_found');
  });

  it('checks a transaction ID on the transaction routes and, as Nullable(UID), on the row routes', async () => {
    const tablesDb = await table();
    await expectAppwriteError(tablesDb.getTransaction({ transactionId: '_tx' }), 400, 'general_argument_invalid', `Invalid \`transactionId\` param: ${UID}`);
    await expectAppwriteError(
      tablesDb.listRows({ ...at, transactionId: '_tx' }),
      400, 'general_argument_invalid', `Invalid \`transactionId\` param: ${UID} or null`,
    );
    await expectAppwriteError(
      tablesDb.createRow({ ...at, rowId: 'r2', data: { n: 2 }, transactionId: 'x'.repeat(37) }),
      400, 'general_argument_invalid', `Invalid \`transactionId\` param: ${UID} or null`,
    );
  });

  it('ends the description of an increment bound with " or null" (Nullable(Numeric()), Increment.php:64)', async () => {
    const tablesDb = await table();
    const error = await tablesDb
      .incrementRowColumn({ ...at, rowId: 'r1', column: 'n', max: 'x' as unknown as number })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppwriteException);
    expect((error as AppwriteException).message).toBe('Invalid `max` param: Value must be a valid number or null');
  });

  it('checks relationship and rename params as declared: relatedTableId a UID, key/twoWayKey/newKey Nullable(Key)', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.createRelationshipColumn({ ...at, relatedTableId: '_other', type: RelationshipType.OneToMany }),
      400, 'general_argument_invalid', `Invalid \`relatedTableId\` param: ${UID}`,
    );
    await expectAppwriteError(
      tablesDb.createRelationshipColumn({ ...at, relatedTableId: 't', type: RelationshipType.OneToMany, key: '-k' }),
      400, 'general_argument_invalid', `Invalid \`key\` param: ${KEY} or null`,
    );
    // A param error comes before the action looks the column up (Columns/String/Update.php declares newKey).
    await expectAppwriteError(
      tablesDb.updateStringColumn({ ...at, key: 'ghost', required: false, xdefault: 'x', newKey: '_k' }),
      400, 'general_argument_invalid', `Invalid \`newKey\` param: ${KEY} or null`,
    );
    await expectAppwriteError(
      tablesDb.updateRelationshipColumn({ ...at, key: '_ghost' }),
      400, 'general_argument_invalid', `Invalid \`key\` param: ${KEY}`,
    );
    await expectAppwriteError(
      tablesDb.updateRelationshipColumn({ ...at, key: 'ghost', newKey: '_k' }),
      400, 'general_argument_invalid', `Invalid \`newKey\` param: ${KEY} or null`,
    );
  });
});

describe('listRows params', () => {
  it('checks ttl as Range(0, 86400) before looking the table up (Rows/XList.php:75)', async () => {
    const tablesDb = fixture.tablesDb();
    await expectAppwriteError(
      tablesDb.listRows({ databaseId: 'db', tableId: 'missing', ttl: 86_401 }),
      400, 'general_argument_invalid', 'Invalid `ttl` param: Value must be a valid range between 0 and 86,400',
    );
    await expectAppwriteError(tablesDb.listRows({ databaseId: 'db', tableId: 'missing', ttl: 60 }), 404, 'database_not_found');
  });
});

describe('metadata list queries (Queries/Base.php)', () => {
  it('take more than 500 values in one filter, as utopia\'s Filter default of 5000 applies there', async () => {
    const tablesDb = await table();
    const names = Array.from({ length: 501 }, (_, index) => `n${index}`);
    const listed = await tablesDb.listTables({ databaseId: 'db', queries: [Query.equal('name', names)] });
    expect(listed.total).toBe(0);
    await expectAppwriteError(
      tablesDb.listRows({ ...at, queries: [Query.equal('n', Array.from({ length: 501 }, (_, index) => index))] }),
      400, 'general_query_invalid', 'Invalid query: Query on attribute has greater than 500 values: n',
    );
  });
});

describe('column update params', () => {
  it('checks required, default and bounds before looking the column up (Columns/Integer/Update.php:60-64)', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.updateBooleanColumn({ ...at, key: 'ghost', required: false, xdefault: 'yes' as unknown as boolean }),
      400, 'general_argument_invalid', 'Invalid `default` param: Value must be a valid boolean or null',
    );
    await expectAppwriteError(
      tablesDb.updateIntegerColumn({ ...at, key: 'ghost', required: false, xdefault: null as unknown as number, min: 0.5 }),
      400, 'general_argument_invalid',
      'Invalid `min` param: Value must be a valid signed 64-bit integer between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,808 or null',
    );
    await expectAppwriteError(tablesDb.updateBooleanColumn({ ...at, key: 'ghost', required: false, xdefault: true }), 404, 'column_not_found');
  });
});
