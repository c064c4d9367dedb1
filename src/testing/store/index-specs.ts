import { ApiError } from '../http/api-error.js';
import { isoNow } from '../control/clock.js';
import { isStringLike, maxLengthOf } from './column-types.js';
import { INDEX_LIMIT } from './inline-indexes.js';
import { columnNotAvailable, columnTypeInvalid, columnUnknown, indexAlreadyExists, notImplemented, paramInvalid, paramMissing } from '../http/errors.js';
import type { IndexType, StoredColumn, StoredIndex, StoredTable } from './model.js';
import type { Params } from '../http/params.js';

/** MariaDB's key length limit in bytes, checked for every index type but fulltext. */
const INDEX_LENGTH_LIMIT = 768;
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

function readLengths(params: Params): number[] {
  const lengths = params.array('lengths') ?? [];
  if (lengths.some((length) => length !== null && (typeof length !== 'number' || !Number.isInteger(length) || length < 0))) {
    throw paramInvalid('lengths', 'Value must a valid array no longer than 100 items and Value must be a valid range between 0 and 16,381');
  }
  return (lengths as (number | null)[]).map((length) => length ?? 0);
}

/** The length an index column takes: a string column's size, 2 for a double, 1 for other types. */
function naturalLength(table: StoredTable, key: string): number {
  const column = table.columns.find((item) => item.key === key);
  if (column === undefined) return key === '$id' ? 255 : 1;
  return maxLengthOf(column) ?? (column.type === 'double' ? 2 : 1);
}

/**
 * utopia-php/database's index length rule: each given length at most the column's size, and the sum (the
 * given lengths, or the columns' natural lengths) at most 768.
 */
function checkIndexLength(table: StoredTable, columns: readonly string[], lengths: readonly number[]): void {
  let total = 0;
  columns.forEach((key, position) => {
    const natural = naturalLength(table, key);
    const length = lengths[position] ?? 0;
    const column = table.columns.find((item) => item.key === key);
    if (length > 0 && column !== undefined && isStringLike(column) && length > natural) {
      throw indexInvalid(`Index length ${length} is larger than the size for ${key}: ${natural}"`);
    }
    total += length > 0 ? length : natural;
  });
  if (total > INDEX_LENGTH_LIMIT) throw indexInvalid(`Index length is longer than the maximum: ${INDEX_LENGTH_LIMIT}`);
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
    if (type === 'fulltext' && !(column === undefined ? system === true : isStringLike(column))) {
      throw indexInvalid(`Attribute "${columnKey}" cannot be part of a fulltext index, must be of type string`);
    }
  }
  if (columns.length === 0) throw indexInvalid('No attributes provided for index');
  if (new Set(columns).size !== columns.length) throw indexInvalid('Duplicate attributes provided');
  if (orders.length > columns.length || lengths.length > columns.length) {
    throw indexInvalid('Invalid index lengths or orders: each must have at most one entry per attribute');
  }
  if (type !== 'fulltext') checkIndexLength(table, columns, lengths);
  if (table.indexes.some((index) => index.key === key)) throw indexAlreadyExists(key);
  const now = isoNow();
  const reported = columns.map((_, position) => lengths[position] ?? 0);
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
    if (lengths.length > columns.length) {
      throw indexInvalid('Invalid index lengths. Count of lengths must be equal or less than the number of attributes.');
    }
    checkIndexLength(altered, columns, lengths);
  }
}
