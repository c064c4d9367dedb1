import { ApiError } from '../http/api-error.js';
import { isoNow } from '../control/clock.js';
import { isStringLike, maxLengthOf } from './column-types.js';
import { integerDescription } from './column-values.js';
import { INDEX_LIMIT } from './inline-indexes.js';
import { columnNotAvailable, columnTypeInvalid, columnUnknown, indexAlreadyExists, notImplemented, paramInvalid, paramMissing } from '../http/errors.js';
import type { IndexType, StoredColumn, StoredIndex, StoredTable } from './model.js';
import type { Params } from '../http/params.js';

/** MariaDB's key length limit in bytes, checked for every index type but fulltext. */
const INDEX_LENGTH_LIMIT = 768;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const TYPES: readonly string[] = ['key', 'fulltext', 'unique', 'spatial'];
/** System attributes Appwrite lets indexes use, with whether they are strings. */
const SYSTEM: Readonly<Record<string, boolean>> = { $id: true, $createdAt: false, $updatedAt: false };

const indexInvalid = (message: string): ApiError => new ApiError('column_index_invalid', message, 400);

function readOrders(params: Params): string[] {
  const orders = params.stringArray('orders') ?? [];
  for (const order of orders) {
    if (order.toUpperCase() !== 'ASC' && order.toUpperCase() !== 'DESC') throw paramInvalid('orders', 'Value must be one of (ASC, DESC)');
  }
  return orders;
}

/**
 * The `lengths` param: `ArrayList(Nullable(Integer()))`, so any 32-bit integer (negative ones too: utopia's
 * index validator refuses those later) or null, at most 100 entries. Null and 0 both mean "no length".
 */
function readLengths(params: Params): number[] {
  const lengths = params.array('lengths') ?? [];
  const valid = (length: unknown): boolean => length === null
    || (typeof length === 'number' && Number.isInteger(length) && length >= INT32_MIN && length <= INT32_MAX);
  if (lengths.length > 100 || !lengths.every(valid)) {
    throw paramInvalid('lengths', `Value must a valid array no longer than 100 items and ${integerDescription(32)} or null`);
  }
  return (lengths as (number | null)[]).map((length) => length ?? 0);
}

/** The length an index column takes: a string column's size, 2 for a double, 1 for other types. */
function naturalLength(table: StoredTable, key: string): number {
  const column = table.columns.find((item) => item.key === key);
  if (column === undefined) return key === '$id' ? 255 : 1;
  return maxLengthOf(column) ?? (column.type === 'double' ? 2 : 1);
}

/** The type utopia's index validator names a column by: the column's type, `string` for `$id`, else `datetime`. */
function typeOf(table: StoredTable, key: string): string {
  return table.columns.find((item) => item.key === key)?.type ?? (key === '$id' ? 'string' : 'datetime');
}

function isStringColumn(table: StoredTable, key: string): boolean {
  const column = table.columns.find((item) => item.key === key);
  return column === undefined ? key === '$id' : isStringLike(column);
}

/**
 * utopia-php/database's index length rule (`Validator/Index::checkIndexLengths`, every type but fulltext):
 * no more lengths than columns, no negative length, each given length at most the column's size, and the sum
 * (the given lengths, or the columns' natural lengths) at most 768.
 */
function checkIndexLength(table: StoredTable, columns: readonly string[], lengths: readonly number[]): void {
  if (lengths.length > columns.length) {
    throw indexInvalid('Invalid index lengths. Count of lengths must be equal or less than the number of attributes.');
  }
  let total = 0;
  columns.forEach((key, position) => {
    const natural = naturalLength(table, key);
    const given = lengths[position] ?? 0;
    const length = isStringColumn(table, key) && given !== 0 ? given : natural;
    if (length < 0) throw indexInvalid(`Negative index length provided for ${key}`);
    if (length > natural) throw indexInvalid(`Index length ${length} is larger than the size for ${key}: ${natural}"`);
    total += length;
  });
  if (total > INDEX_LENGTH_LIMIT) throw indexInvalid(`Index length is longer than the maximum: ${INDEX_LENGTH_LIMIT}`);
}

/**
 * utopia-php/database's `Validator/Index` on a new index, in its order (5.3.17 `isValid`, Index.php:112-170):
 * columns given, none repeated, fulltext only on strings, a length only on string columns
 * (`checkArrayIndexes`), then the length rule.
 */
function validateIndex(table: StoredTable, type: string, columns: readonly string[], lengths: readonly number[]): void {
  if (columns.length === 0) throw indexInvalid('No attributes provided for index');
  if (new Set(columns).size !== columns.length) throw indexInvalid('Duplicate attributes provided');
  if (type === 'fulltext') {
    const other = columns.find((key) => !isStringColumn(table, key));
    if (other !== undefined) throw indexInvalid(`Attribute "${other}" cannot be part of a fulltext index, must be of type string`);
  }
  columns.forEach((key, position) => {
    if ((lengths[position] ?? 0) !== 0 && !isStringColumn(table, key)) {
      throw indexInvalid(`Cannot set a length on "${typeOf(table, key)}" attributes`);
    }
  });
  if (type !== 'fulltext') checkIndexLength(table, columns, lengths);
}

/**
 * A new index from a createIndex request (`columnsParam: 'columns'`) or an inline createTable definition
 * (`'attributes'`), checked in the order of Appwrite's Indexes/Create.php: limit,
 * each column (unknown, not available, array), index validation, then a duplicate key (409).
 */
export function buildIndex(table: StoredTable, params: Params, columnsParam: 'columns' | 'attributes'): StoredIndex {
  const key = params.requiredKey('key');
  const type = params.requiredString('type');
  if (!TYPES.includes(type)) throw paramInvalid('type', `Value must be one of (${TYPES.join(', ')})`);
  if (type === 'spatial') throw notImplemented('Spatial indexes');
  const columns = params.stringArray(columnsParam);
  if (columns === undefined) throw paramMissing(columnsParam);
  const orders = readOrders(params);
  const lengths = readLengths(params);
  if (table.indexes.length >= INDEX_LIMIT) {
    throw new ApiError('column_index_limit_exceeded', `The maximum number of indexes for table '${table.$id}' has been reached.`, 400);
  }
  for (const columnKey of columns) {
    const column: StoredColumn | undefined = table.columns.find((item) => item.key === columnKey);
    const system = SYSTEM[columnKey];
    if (column === undefined && system === undefined) throw columnUnknown(columnKey);
    if (column?.type === 'relationship') throw columnTypeInvalid(`Cannot create an index for a relationship column: ${columnKey}`);
    if (column !== undefined && column.status !== 'available') throw columnNotAvailable(columnKey);
    if (column?.array === true) {
      throw new ApiError('index_invalid', 'Creating indexes on array attributes is not currently supported.', 400);
    }
  }
  validateIndex(table, type, columns, lengths);
  if (table.indexes.some((index) => index.key === key)) throw indexAlreadyExists(key);
  const now = isoNow();
  const reported = Array.from({ length: Math.max(columns.length, lengths.length) }, (_, position) => lengths[position] ?? 0);
  return { key, type: type as IndexType, status: 'processing', error: '', columns, orders, lengths: reported, $createdAt: now, $updatedAt: now };
}

/**
 * utopia's `Database::updateAttribute` revalidates every index of the table when a column is renamed or
 * resized, against its own copy of the indexes (whose lengths a column deletion left untouched) and the
 * updated column: more lengths than columns, or a length rule broken by the new size, fails the update.
 *
 * @throws ApiError `column_index_invalid` with utopia's message.
 * @example
 * ```ts
 * checkIndexesAfterAlter(table, 'n', { ...column, key: 'n2' });
 * ```
 */
export function checkIndexesAfterAlter(table: StoredTable, previousKey: string, updated: StoredColumn): void {
  const altered: StoredTable = {
    ...table,
    columns: table.columns.map((column) => (column.key === previousKey ? updated : column)),
  };
  for (const index of table.indexes) {
    const columns = index.columns.map((key) => (key === previousKey ? updated.key : key));
    const lengths = index.schemaLengths ?? index.lengths;
    if (index.type === 'fulltext') continue;
    checkIndexLength(altered, columns, lengths);
  }
}
