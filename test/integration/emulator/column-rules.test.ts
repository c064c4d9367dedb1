import { describe, it } from 'vitest';
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
