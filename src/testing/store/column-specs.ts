import { isoNow } from '../control/clock.js';
import { endpointOf, endpointShape, type ColumnEndpoint } from './column-types.js';
import {
  bigintOf, checkColumnValue, columnBounds, datetimeProblem, exactBound, formatProblem, integerDescription, normalizeDatetime, rangeDescription,
  schemaDefaultOf, storedInteger, withinBounds,
} from './column-values.js';
import { badRequest, columnDefaultUnsupported, columnValueInvalid, paramInvalid, paramMissing, serverError } from '../http/errors.js';
import type { StoredColumn } from './model.js';
import type { Params } from '../http/params.js';

const STRING_MAX = 1_073_741_824;
const VARCHAR_MAX = 16_381;
const INT64_LIMIT = 2 ** 63;
const ENCRYPT_MIN = 150;
const INT32_MAX = 2_147_483_647;
const INT64_LOW = -(2n ** 63n);
const INT64_HIGH = 2n ** 63n - 1n;

/**
 * A bound from the request: `undefined` when the param is absent, `null` when it is at or past the type's
 * extreme (the SDK sends PHP_INT_MIN/MAX or -+PHP_FLOAT_MAX, which Appwrite stores as "no bound").
 */
function readBound(params: Params, name: string, integer: boolean): number | null | undefined {
  // The params are `Nullable(Integer(false, 64))` (integer) and `Nullable(FloatValidator())` (float).
  const raw = params.raw[name];
  const valid = integer ? Number.isInteger(raw) || typeof raw === 'bigint' : typeof raw === 'number' || typeof raw === 'bigint';
  if (raw !== undefined && raw !== null && !valid) {
    throw paramInvalid(name, `${integer ? integerDescription(64) : 'Value must be a valid float'} or null`);
  }
  const value = params.number(name, integer ? { integer: true } : {});
  if (value === undefined) return undefined;
  return Math.abs(value) >= (integer ? INT64_LIMIT : Number.MAX_VALUE) ? null : value;
}

/**
 * A bound of the bigint route (`Nullable(Integer(false, 64))`), read exactly: `undefined` when absent, `null`
 * at PHP_INT_MIN/MAX (no bound), else the integer (a BigInt beyond ±2^53).
 */
function readExactBound(params: Params, name: string): number | bigint | null | undefined {
  const raw = params.raw[name];
  if (raw === undefined || raw === null) return undefined;
  const exact = typeof raw === 'string' ? undefined : bigintOf(raw);
  if (exact === undefined) throw paramInvalid(name, `${integerDescription(64)} or null`);
  return exact === INT64_LOW || exact === INT64_HIGH ? null : storedInteger(exact);
}

/** The bound to store: an absent param keeps the column's bound on update; an extreme one clears it. */
function nextBound(bound: number | bigint | null | undefined, previous: number | bigint | undefined, creating: boolean): number | bigint | undefined {
  if (bound === undefined) return creating ? undefined : previous;
  return bound ?? undefined;
}

function readSize(params: Params, limit: number, previous: number | undefined): number {
  // `Range(1, limit, TYPE_INTEGER)`: a fraction fails with the range's description.
  const raw = params.raw.size;
  if (typeof raw === 'number' && !Number.isInteger(raw)) throw paramInvalid('size', rangeDescription(1, limit));
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
    case 'bigint':
      column.min = nextBound(readExactBound(params, 'min'), column.min, creating);
      column.max = nextBound(readExactBound(params, 'max'), column.max, creating);
      break;
    case 'enum': {
      const elements = params.stringArray('elements', { max: 100, itemMax: 255 });
      if (elements === undefined) throw paramMissing('elements');
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

/**
 * The `default` param's validator on each endpoint (utopia `Nullable(...)`, so its description ends in
 * " or null"): the type only; sizes, ranges and elements are the action's checks.
 */
function defaultParamProblem(endpoint: ColumnEndpoint, value: unknown): string | null {
  switch (endpoint) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? null : integerDescription(64);
    case 'bigint':
      return typeof value !== 'string' && bigintOf(value) !== undefined ? null : integerDescription(64);
    case 'float':
      return typeof value === 'number' ? null : 'Value must be a valid float';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Value must be a valid boolean';
    case 'datetime':
      return datetimeProblem(value);
    case 'email':
    case 'url':
    case 'ip':
      return formatProblem(endpoint, value);
    case 'enum':
      // Text(0): any string of at least one character.
      return typeof value === 'string' && value !== '' ? null : 'Value must be a valid string and at least 1 chars';
    default:
      // Text(0, 0): utopia words its "no limit" as "exactly 0 chars".
      return typeof value === 'string' ? null : 'Value must be a valid string and exactly 0 chars';
  }
}

/** Validates the `default` param; returns its stored form (datetimes in Appwrite's format), null when absent. */
function readDefaultParam(endpoint: ColumnEndpoint, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const problem = defaultParamProblem(endpoint, value);
  if (problem !== null) throw paramInvalid('default', `${problem} or null`);
  if (endpoint === 'bigint') return storedInteger(bigintOf(value) ?? 0n);
  return endpoint === 'datetime' ? normalizeDatetime(value) : value;
}

/** A range-format column's check of a default (Integer/BigInt/Float Create, Attributes/Action.php on update). */
function checkDefaultInRange(column: StoredColumn, value: unknown): void {
  if (value === null) return;
  const bounds = columnBounds(column);
  const fits = column.type === 'bigint'
    ? (typeof value === 'number' || typeof value === 'bigint') && value >= exactBound(bounds.min) && value <= exactBound(bounds.max)
    : typeof value === 'number' && withinBounds(value, bounds);
  if (!fits) throw columnValueInvalid(rangeDescription(bounds.min, bounds.max));
}

function checkDefaultInElements(column: StoredColumn, value: unknown): void {
  if (value !== null && !(column.elements ?? []).includes(value as string)) {
    throw columnValueInvalid('Default value not found in elements');
  }
}

/** The create action's checks of a default: ranges, enum elements, and string/varchar sizes. */
function checkCreatedDefault(column: StoredColumn, endpoint: ColumnEndpoint, value: unknown): void {
  if (value === null) return;
  if (endpoint === 'integer' || endpoint === 'bigint' || endpoint === 'float') checkDefaultInRange(column, value);
  if (endpoint === 'enum') checkDefaultInElements(column, value);
  if (endpoint === 'string' || endpoint === 'varchar') {
    const problem = checkColumnValue(column, value);
    if (problem !== null) throw columnValueInvalid(problem);
  }
}

/** PHP's type of a default as each endpoint's action receives it (`?int`, `?float`, `?bool`, `?string`). */
function phpTypeOfDefault(endpoint: ColumnEndpoint): 'integer' | 'double' | 'boolean' | 'string' {
  switch (endpoint) {
    case 'integer':
    case 'bigint': return 'integer';
    case 'float': return 'double';
    case 'boolean': return 'boolean';
    default: return 'string';
  }
}

/** utopia `Database::validateDefaultTypes` against the column's own type: a mismatch is an unmapped exception. */
function checkDefaultType(column: StoredColumn, phpType: string): void {
  const wanted = column.type === 'integer' || column.type === 'bigint' ? 'integer'
    : column.type === 'double' || column.type === 'boolean' ? column.type : 'string';
  if (phpType !== wanted) throw serverError();
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
  const inverted = column.type === 'bigint' ? exactBound(min) > exactBound(max) : low > high;
  if (inverted) throw columnValueInvalid('Minimum value must be lesser than maximum value');
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
  if (endpoint === 'integer' || endpoint === 'bigint' || endpoint === 'float') checkBounds(column);
  // The physical size is chosen once (Integer/Create.php): BIGINT only when max is above 2^31 - 1.
  if (endpoint === 'integer') column.width = column.max !== undefined && column.max <= INT32_MAX ? 4 : 8;
  column.default = readDefaultParam(endpoint, params.raw.default);
  // String/Create.php and Varchar/Create.php check the encrypted size before the default's length.
  const encrypt = params.boolean('encrypt');
  if (encrypt !== undefined && shape.type !== 'integer' && shape.type !== 'bigint' && shape.type !== 'double') {
    if (encrypt && column.size !== undefined && column.size < ENCRYPT_MIN) {
      throw badRequest(`Size too small. Encrypted strings require a minimum size of ${ENCRYPT_MIN} characters.`);
    }
    column.encrypt = encrypt;
  }
  checkCreatedDefault(column, endpoint, column.default);
  checkDefaultAllowed(column);
  return column;
}

/**
 * An update route's declared params (Columns/<Type>/Update.php: `required`, `default`, and `min`/`max` or
 * `size` where the route has them), checked before the action looks the column up, as Appwrite validates
 * every param first.
 *
 * @throws ApiError 400 `general_argument_invalid` naming the param.
 * @example
 * ```ts
 * checkUpdateParams('boolean', params); // throws for `default: 'yes'` even when the column does not exist
 * ```
 */
export function checkUpdateParams(endpoint: ColumnEndpoint, params: Params): void {
  params.requiredBoolean('required');
  if (!Object.hasOwn(params.raw, 'default')) throw paramMissing('default');
  readDefaultParam(endpoint, params.raw.default);
  if (endpoint === 'integer' || endpoint === 'float') {
    readBound(params, 'min', endpoint === 'integer');
    readBound(params, 'max', endpoint === 'integer');
  }
  if ((endpoint === 'string' || endpoint === 'varchar') && params.raw.size !== undefined && params.raw.size !== null) {
    readSize(params, endpoint === 'string' ? STRING_MAX : VARCHAR_MAX, undefined);
  }
}

/**
 * The column after an update request, as Appwrite's `updateAttribute` (Attributes/Action.php) and utopia's
 * `Database::updateAttribute` make it. `required` and `default` are required params. The route's type is
 * never compared with the column's (the check in Action.php reads an attribute named "1"): the endpoint only
 * validates the params, while the column's own format decides what applies (bounds for a range, elements
 * for an enum). The schema keeps its previous default when the new one is null (utopia's `$default ??=`),
 * so rows created afterwards still receive it, although the column then reports `default: null`.
 */
export function updatedColumn(previous: StoredColumn, endpoint: ColumnEndpoint, params: Params): StoredColumn {
  const column: StoredColumn = { ...previous, required: params.requiredBoolean('required'), $updatedAt: isoNow() };
  if (!Object.hasOwn(params.raw, 'default')) throw paramMissing('default');
  let value = readDefaultParam(endpoint, params.raw.default);
  let phpType = phpTypeOfDefault(endpoint);
  column.default = value;
  checkDefaultAllowed(column);
  // `size` is optional on update; only a given one changes the column (whatever its type).
  if ((endpoint === 'string' || endpoint === 'varchar') && params.raw.size !== undefined && params.raw.size !== null) {
    readTypeFields(column, endpoint, params, false);
  }
  const own = endpointOf(previous);
  if ((own === 'integer' || own === 'bigint' || own === 'float') && previous.unranged !== true) {
    if (endpoint === 'integer' || endpoint === 'bigint' || endpoint === 'float') readTypeFields(column, endpoint, params, false);
    checkBounds(column);
    if (own === 'float' && value !== null) phpType = 'double';
    checkDefaultInRange(column, value);
  }
  if (own === 'enum') {
    if (endpoint === 'enum') readTypeFields(column, endpoint, params, false);
    if (endpoint !== 'enum' || (column.elements ?? []).length === 0) throw columnValueInvalid('Enum elements must not be empty');
    checkDefaultInElements(column, value);
  }
  if (value !== null) checkDefaultType(previous, phpType);
  value ??= schemaDefaultOf(previous);
  column.schemaDefault = column.required ? null : value;
  return column;
}
