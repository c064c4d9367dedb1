import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable, expectAppwriteError } from './support.js';

/*
 * Column endpoints against Appwrite 1.9's rules beyond the recorded exchanges: the routes' param validators
 * (H/TablesDB/Tables/Columns/<Type>/Create.php, utopia-php/validators 0.2 descriptions) and the create
 * action (H/Databases/Collections/Attributes/Action.php).
 */
const fixture = useEmulator({ resetBetweenTests: true });
const at = { databaseId: 'db', tableId: 't' } as const;
const INT64 = 'Value must be a valid signed 64-bit integer between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,808';

async function table(): Promise<ReturnType<typeof fixture.tablesDb>> {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 't', [{ key: 'title', type: 'string', size: 20, required: false }]);
  return tablesDb;
}

describe('column params', () => {
  it('describes a fractional integer bound with Nullable(Integer(false, 64)) (Columns/Integer/Create.php:59-60)', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.createIntegerColumn({ ...at, key: 'n', required: false, min: 1.5 }),
      400, 'general_argument_invalid', `Invalid \`min\` param: ${INT64} or null`,
    );
    await expectAppwriteError(
      tablesDb.createIntegerColumn({ ...at, key: 'n', required: false, max: 0.5 }),
      400, 'general_argument_invalid', `Invalid \`max\` param: ${INT64} or null`,
    );
  });

  it('describes a fractional size with its Range (Columns/Varchar/Create.php:59, Range::isValid)', async () => {
    const tablesDb = await table();
    await expectAppwriteError(
      tablesDb.createVarcharColumn({ ...at, key: 'v', size: 10.5, required: false }),
      400, 'general_argument_invalid', 'Invalid `size` param: Value must be a valid range between 1 and 16,381',
    );
    await expectAppwriteError(
      tablesDb.createStringColumn({ ...at, key: 's', size: 2.5, required: false }),
      400, 'general_argument_invalid', 'Invalid `size` param: Value must be a valid range between 1 and 1,073,741,824',
    );
  });
});

describe('column limits (utopia Database::checkAttribute, 5.3.17 Database.php:3185-3205)', () => {
  it('refuses a column that brings the row width to exactly 65,535 bytes, before looking at its key', async () => {
    const tablesDb = await table();
    // 1,067 (internal) + 4 * 20 + 1 (title) + 62 * (4 * 255 + 1) + 3 booleans = 64,453 bytes.
    for (let i = 0; i < 62; i += 1) await tablesDb.createStringColumn({ ...at, key: `c${i}`, size: 255, required: false });
    for (let i = 0; i < 3; i += 1) await tablesDb.createBooleanColumn({ ...at, key: `b${i}`, required: false });
    // 64,453 + 4 * 270 + 2 = 65,535: refused, with the limit error even for a taken key (Attributes/Action.php:398-401).
    await expectAppwriteError(
      tablesDb.createStringColumn({ ...at, key: 'title', size: 270, required: false }),
      400, 'column_limit_exceeded', "The maximum number or size of columns for table 't' has been reached.",
    );
    await expectAppwriteError(
      tablesDb.createStringColumn({ ...at, key: 'last', size: 270, required: false }),
      400, 'column_limit_exceeded', "The maximum number or size of columns for table 't' has been reached.",
    );
    const created = await tablesDb.createStringColumn({ ...at, key: 'last', size: 269, required: false });
    expect(created.key).toBe('last');
  });

  it('refuses the 1,011th column (1,017 adapter columns less 7 internal ones)', async () => {
    const tablesDb = await table();
    for (let i = 1; i < 1010; i += 1) await tablesDb.createBooleanColumn({ ...at, key: `b${i}`, required: false });
    await expectAppwriteError(
      tablesDb.createBooleanColumn({ ...at, key: 'one_more', required: false }),
      400, 'column_limit_exceeded', "The maximum number or size of columns for table 't' has been reached.",
    );
  }, 60_000);
});
