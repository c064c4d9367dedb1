import { ApiError } from '../http/api-error.js';
import { isoNow } from '../control/clock.js';
import { isStringLike } from './column-types.js';
import { columnNotAvailable, columnTypeInvalid, columnUnknown, indexAlreadyExists, notImplemented, paramInvalid, paramMissing } from '../http/errors.js';
import type { IndexType, StoredColumn, StoredIndex, StoredTable } from './model.js';
import type { Params } from '../http/params.js';

const INDEX_LIMIT = 64;
const TYPES: readonly string[] = ['key', 'unique', 'fulltext', 'spatial'];
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
  return lengths as number[];
}

/**
 * A new index from a createIndex request (`columnsParam: 'columns'`) or an inline createTable definition
 * (`'attributes'`, `columns` also accepted), checked in the order of Appwrite's Indexes/Create.php: limit,
 * each column (unknown, not available, array), index validation, then a duplicate key (409).
 */
export function buildIndex(table: StoredTable, params: Params, columnsParam: 'columns' | 'attributes'): StoredIndex {
  const key = params.requiredKey('key');
  const type = params.requiredString('type');
  if (!TYPES.includes(type)) throw paramInvalid('type', `Value must be one of (${TYPES.join(', ')})`);
  if (type === 'spatial') throw notImplemented('Spatial indexes');
  const name = columnsParam === 'attributes' && !params.has('attributes') && params.has('columns') ? 'columns' : columnsParam;
  const columns = params.stringArray(name);
  if (columns === undefined) throw paramMissing(name);
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
  if (table.indexes.some((index) => index.key === key)) throw indexAlreadyExists(key);
  const now = isoNow();
  return { key, type: type as IndexType, status: 'processing', error: '', columns, orders, lengths, $createdAt: now, $updatedAt: now };
}
