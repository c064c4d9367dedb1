import { describe, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { expectAppwriteError } from './support.js';

/*
 * createTable's inline columns against appwrite 1.9.0 src/Appwrite/Utopia/Database/Validator/Attributes.php,
 * whose checks run in this order for each column: key and type, string size, format, the `required`,
 * `array` and `signed` flags, default conflicts, min/max, the default's type and range, then enum elements.
 */
const fixture = useEmulator({ resetBetweenTests: true });

async function refused(columns: object[], message: string): Promise<void> {
  const tablesDb = fixture.tablesDb();
  await tablesDb.get({ databaseId: 'db' }).catch(() => tablesDb.create({ databaseId: 'db', name: 'Test' }));
  await expectAppwriteError(tablesDb.createTable({ databaseId: 'db', tableId: 't', name: 't', columns }), 400, 'general_argument_invalid', message);
}

describe('createTable inline columns (Validator/Attributes.php)', () => {
  it('checks the required, array and signed flags as booleans, and signed only on numbers (:163-185)', async () => {
    await refused([{ key: 'a', type: 'string', size: 5, required: 'yes' }], "Invalid 'required' value for attribute 'a': must be a boolean");
    await refused([{ key: 'a', type: 'integer', array: 1 }], "Invalid 'array' value for attribute 'a': must be a boolean");
    await refused([{ key: 'a', type: 'boolean', signed: true }], "Attribute 'a': 'signed' can only be used with integer or float types");
  });

  it('names the column type in default errors as Attributes.php does (:205-295)', async () => {
    await refused([{ key: 'a', type: 'string', size: 5, default: 5 }], "Default value for string attribute 'a' must be a string");
    await refused([{ key: 'a', type: 'double', default: 'x' }], "Default value for float attribute 'a' must be a number");
    await refused([{ key: 'a', type: 'string', size: 39, format: 'ip', default: 'nope' }], "Default value for IP attribute 'a' must be a valid IP address");
    await refused([{ key: 'a', type: 'string', size: 99, format: 'url', default: 'nope' }], "Default value for URL attribute 'a' must be a valid URL");
    await refused([{ key: 'a', type: 'datetime', default: 5 }], "Default value for datetime attribute 'a' must be a string in ISO 8601 format");
  });

  it('prints the missing bound of a range as PHP does (PHP_INT_MIN/MAX, -/+PHP_FLOAT_MAX)', async () => {
    await refused([{ key: 'a', type: 'integer', max: 10, default: 20 }], "Default value for integer attribute 'a' must be between -9223372036854775808 and 10");
    await refused([{ key: 'a', type: 'integer', min: 10, default: 2 }], "Default value for integer attribute 'a' must be between 10 and 9223372036854775807");
    await refused([{ key: 'a', type: 'double', max: 1.5, default: 2 }], "Default value for float attribute 'a' must be between -1.7976931348623E+308 and 1.5");
    await refused([{ key: 'a', type: 'double', min: 0.25, max: 1000.5, default: 2000 }], "Default value for float attribute 'a' must be between 0.25 and 1000.5");
  });

  it('checks enum elements last, each a non-empty string of at most 255 bytes (:298-318)', async () => {
    await refused([{ key: 'a', type: 'string', size: 10, format: 'enum', elements: ['x', ''] }], "Enum element at index 1 for attribute 'a' must be a non-empty string");
    await refused([{ key: 'a', type: 'string', size: 10, format: 'enum', elements: ['0'] }], "Enum element at index 0 for attribute 'a' must be a non-empty string");
    await refused(
      [{ key: 'a', type: 'string', size: 300, format: 'enum', elements: ['é'.repeat(128)] }],
      "Enum element at index 0 for attribute 'a' exceeds maximum length of 255 characters",
    );
    // The default's size is checked before the elements.
    await refused(
      [{ key: 'a', type: 'string', size: 2, format: 'enum', elements: [], default: 'abc' }],
      "Default value for attribute 'a' exceeds maximum size of 2 characters",
    );
  });
});

describe('createTable inline indexes (Validator/Indexes.php:69-177)', () => {
  const columns = [{ key: 'n', type: 'integer', required: false }];

  async function refusedIndex(indexes: object[], message: string): Promise<void> {
    const tablesDb = fixture.tablesDb();
    await tablesDb.get({ databaseId: 'db' }).catch(() => tablesDb.create({ databaseId: 'db', name: 'Test' }));
    await expectAppwriteError(
      tablesDb.createTable({ databaseId: 'db', tableId: 't', name: 't', columns, indexes }),
      400, 'general_argument_invalid', message,
    );
  }

  it('checks key, type and attributes are given before the key\'s form', async () => {
    await refusedIndex([{ key: 'i', attributes: ['n'] }], "Index at position 0 is missing required field 'type'");
    await refusedIndex([{ key: '_i', type: 'hash' }], "Index at position 0 is missing required field 'attributes' (must be an array)");
    await refusedIndex(
      [{ key: '_i', type: 'key', attributes: ['n'] }],
      "Invalid key for index at position 0: Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char",
    );
  });

  it('checks each attribute name and each length with its own message', async () => {
    await refusedIndex([{ key: 'i', type: 'key', attributes: [5] }], "Invalid attribute at position 0 in index 'i': must be a string");
    await refusedIndex([{ key: 'i', type: 'key', attributes: ['-n'] }], "Invalid attribute name '-n' in index 'i'");
    await refusedIndex([{ key: 'i', type: 'key', attributes: ['n'], lengths: [-1] }], "Invalid length in index 'i': must be a non-negative integer or null");
    await refusedIndex([{ key: 'i', type: 'key', attributes: ['n'], orders: 'ASC' }], "Index 'i' orders must be an array");
  });
});
