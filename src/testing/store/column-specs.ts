import { isoNow } from '../control/clock.js';
import { endpointShape, type ColumnEndpoint } from './column-types.js';
import { checkColumnValue, columnBounds, normalizeDatetime, rangeDescription } from './column-values.js';
import { badRequest, columnDefaultUnsupported, columnValueInvalid, paramInvalid, paramMissing } from '../http/errors.js';
import type { StoredColumn } from './model.js';
import type { Params } from '../http/params.js';

const STRING_MAX = 1_073_741_824;
const VARCHAR_MAX = 16_381;
const INT64_LIMIT = 2 ** 63;
const ENCRYPT_MIN = 150;
const INT32_MAX = 2_147_483_647;

/**
 * A bound from the request: `undefined` when the param is absent, `null` when it is at or past the type's
 * extreme (the SDK sends PHP_INT_MIN/MAX or -+PHP_FLOAT_MAX, which Appwrite stores as "no bound").
 */
function readBound(params: Params, name: string, integer: boolean): number | null | undefined {
  const value = params.number(name, integer ? { integer: true } : {});
  if (value === undefined) return undefined;
  return Math.abs(value) >= (integer ? INT64_LIMIT : Number.MAX_VALUE) ? null : value;
}

/** The bound to store: an absent param keeps the column's bound on update; an extreme one clears it. */
function nextBound(bound: number | null | undefined, previous: number | undefined, creating: boolean): number | undefined {
  if (bound === undefined) return creating ? undefined : previous;
  return bound ?? undefined;
}

function readSize(params: Params, limit: number, previous: number | undefined): number {
  const size = params.number('size', { integer: true }) ?? previous;
  if (size === undefined) throw paramMissing('size');
  if (size < 1 || size > limit) throw paramInvalid('size', rangeDescription(1, limit));
  return size;
}

/** Reads size, bounds and elements into `column`; on update, omitted fields keep their value. */
function readTypeFields(column: StoredColumn, endpoint: ColumnEndpoint, params: Params, creating: boolean): void {
  switch (endpoint) {
    case 'string':
    case 'varchar':
      column.size = readSize(params, endpoint === 'string' ? STRING_MAX : VARCHAR_MAX, creating ? undefined : column.size);
      break;
    case 'integer':
    case 'float': {
      const integer = endpoint === 'integer';
      column.min = nextBound(readBound(params, 'min', integer), column.min, creating);
      column.max = nextBound(readBound(params, 'max', integer), column.max, creating);
      break;
    }
    case 'enum': {
      const elements = params.stringArray('elements', { max: 100, itemMax: 255 });
      if (elements === undefined && creating) throw paramMissing('elements');
      if (elements?.some((element) => element === '') === true) {
        throw paramInvalid('elements', 'Value must a valid array no longer than 100 items and Value must be a valid string and at least 1 chars and no longer than 255 chars');
      }
      if (elements !== undefined) column.elements = elements;
      break;
    }
    default:
      break;
  }
}

/** Checks the default the way each type's Create/Update action does, and returns its stored form. */
function readDefault(column: StoredColumn, endpoint: ColumnEndpoint, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (endpoint) {
    case 'integer':
    case 'float': {
      const { min, max } = columnBounds(column);
      const low = typeof min === 'string' ? -INT64_LIMIT : min;
      const high = typeof max === 'string' ? INT64_LIMIT : max;
      const integer = endpoint === 'integer';
      if (typeof value !== 'number' || (integer && !Number.isInteger(value))) {
        throw paramInvalid('default', `Value must be a valid ${integer ? 'integer' : 'float'}`);
      }
      if (value < low || value > high) throw columnValueInvalid(rangeDescription(min, max));
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw paramInvalid('default', 'Value must be a valid boolean');
      return value;
    case 'datetime': {
      const stored = normalizeDatetime(value);
      if (stored === null) throw paramInvalid('default', 'Value must be valid date.');
      return stored;
    }
    case 'enum':
      if (typeof value !== 'string') throw paramInvalid('default', 'Value must be a valid string');
      if (!(column.elements ?? []).includes(value)) throw columnValueInvalid('Default value not found in elements');
      return value;
    case 'email':
    case 'url':
    case 'ip': {
      const problem = checkColumnValue(column, value);
      if (problem !== null) throw paramInvalid('default', problem);
      return value;
    }
    default: {
      if (typeof value !== 'string') throw paramInvalid('default', 'Value must be a valid string');
      const problem = checkColumnValue(column, value);
      if (problem !== null) throw columnValueInvalid(problem);
      return value;
    }
  }
}

function checkDefaultAllowed(column: StoredColumn): void {
  if (column.default === null) return;
  if (column.required) throw columnDefaultUnsupported('Cannot set default value for required column');
  if (column.array) throw columnDefaultUnsupported('Cannot set default value for array columns');
}

function checkBounds(column: StoredColumn): void {
  const { min, max } = columnBounds(column);
  const low = typeof min === 'string' ? -INT64_LIMIT : min;
  const high = typeof max === 'string' ? INT64_LIMIT : max;
  if (low > high) throw columnValueInvalid('Minimum value must be lesser than maximum value');
}

/** A new column (status `processing`) from a create request or an inline createTable definition. */
export function buildColumn(endpoint: ColumnEndpoint, params: Params): StoredColumn {
  const key = params.requiredKey('key');
  const required = params.requiredBoolean('required');
  const array = params.boolean('array') ?? false;
  const shape = endpointShape(endpoint);
  const now = isoNow();
  const column: StoredColumn = {
    key,
    type: shape.type,
    ...(shape.format === undefined ? {} : { format: shape.format }),
    status: 'processing',
    error: '',
    required,
    array,
    default: null,
    $createdAt: now,
    $updatedAt: now,
  };
  readTypeFields(column, endpoint, params, true);
  if (endpoint === 'integer' || endpoint === 'float') checkBounds(column);
  // The physical size is chosen once (Integer/Create.php): BIGINT only when max is above 2^31 - 1.
  if (endpoint === 'integer') column.width = column.max !== undefined && column.max <= INT32_MAX ? 4 : 8;
  column.default = readDefault(column, endpoint, params.raw.default);
  checkDefaultAllowed(column);
  const encrypt = params.boolean('encrypt');
  if (encrypt !== undefined && shape.type !== 'integer' && shape.type !== 'double') {
    if (encrypt && column.size !== undefined && column.size < ENCRYPT_MIN) {
      throw badRequest(`Size too small. Encrypted strings require a minimum size of ${ENCRYPT_MIN} characters.`);
    }
    column.encrypt = encrypt;
  }
  return column;
}

/** The column after an update request (`required` and `default` are required params; other fields optional). */
export function updatedColumn(previous: StoredColumn, endpoint: ColumnEndpoint, params: Params): StoredColumn {
  const column: StoredColumn = { ...previous, required: params.requiredBoolean('required'), $updatedAt: isoNow() };
  if (!Object.hasOwn(params.raw, 'default')) throw paramMissing('default');
  // Without a range format (inline, no min/max) Appwrite ignores new bounds (Attributes/Action.php).
  if (previous.unranged !== true) readTypeFields(column, endpoint, params, false);
  if (endpoint === 'integer' || endpoint === 'float') checkBounds(column);
  column.default = readDefault(column, endpoint, params.raw.default);
  checkDefaultAllowed(column);
  return column;
}
