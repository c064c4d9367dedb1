import { isoNow } from '../control/clock.js';
import { argumentInvalid, notImplemented } from '../http/errors.js';
import { isValidKey, KEY_DESCRIPTION } from './ids.js';
import { bigintOf, checkColumnValue, normalizeDatetime, storedInteger } from './column-values.js';
import type { ColumnFormat, StoredColumn } from './model.js';

type Definition = Readonly<Record<string, unknown>>;

/** Types an inline column may have in 1.9 (Validator/Attributes.php; `bigint` since 1.9.5). */
const TYPES = new Set(['string', 'integer', 'bigint', 'double', 'boolean', 'datetime', 'point', 'linestring', 'polygon']);
const FORMATS = new Set(['email', 'enum', 'ip', 'url']);
const RESERVED_KEYS = new Set(['$id', '$createdAt', '$updatedAt', '$permissions', '$collection']);
const STRING_MAX = 1_073_741_824;
const invalid = argumentInvalid;

/** A request value as a message shows it (objects as JSON). */
function shown(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function numberOrUndefined(value: unknown): number | bigint | undefined {
  return typeof value === 'number' || typeof value === 'bigint' ? value : undefined;
}

function checkKeyAndType(definition: Definition, position: number, seen: Set<string>): { key: string; type: string } {
  const { key, type } = definition;
  if (key === undefined || key === null) throw invalid(`Attribute at index ${position} is missing required field 'key'`);
  if (type === undefined || type === null) throw invalid(`Attribute at index ${position} is missing required field 'type'`);
  if (!isValidKey(key) || RESERVED_KEYS.has(key)) throw invalid(`Invalid key for attribute at index ${position}: ${KEY_DESCRIPTION}`);
  if (seen.has(key)) throw invalid(`Duplicate attribute key: ${key}`);
  seen.add(key);
  if (typeof type !== 'string' || !TYPES.has(type)) throw invalid(`Invalid type for attribute '${key}': ${shown(type)}`);
  if (type === 'point' || type === 'linestring' || type === 'polygon') throw notImplemented('Spatial columns');
  return { key, type };
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

function checkFlag(definition: Definition, key: string, name: 'required' | 'array' | 'signed'): void {
  if (isSet(definition[name]) && typeof definition[name] !== 'boolean') {
    throw invalid(`Invalid '${name}' value for attribute '${key}': must be a boolean`);
  }
}

function checkShape(definition: Definition, key: string, type: string): void {
  const { size, format, min, max } = definition;
  if (type === 'string' && (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > STRING_MAX)) {
    throw invalid(`Invalid or missing size for string attribute '${key}'. Size must be between 1 and ${STRING_MAX}`);
  }
  if (isSet(format) && format !== '') {
    if (type !== 'string') throw invalid(`Format is only allowed for string type for attribute '${key}'`);
    if (typeof format !== 'string' || !FORMATS.has(format)) throw invalid(`Invalid format for attribute '${key}': ${shown(format)}`);
  }
  checkFlag(definition, key, 'required');
  checkFlag(definition, key, 'array');
  checkFlag(definition, key, 'signed');
  const numeric = type === 'integer' || type === 'bigint' || type === 'double';
  if (isSet(definition.signed) && !numeric) throw invalid(`Attribute '${key}': 'signed' can only be used with integer or float types`);
  if ((isSet(min) || isSet(max)) && !numeric) throw invalid(`Attribute '${key}': min/max can only be used with integer or float types`);
  const bound = (value: unknown): value is number | bigint => typeof value === 'number' || typeof value === 'bigint';
  if (bound(min) && bound(max) && min > max) {
    throw invalid(`Attribute '${key}': minimum value must be less than or equal to maximum value`);
  }
}

/**
 * PHP's text for a JSON number in a string: integers in full; other floats as `zend_gcvt` with precision 14
 * prints them (`0.25`, `1000.5`, `-1.7976931348623E+308`, `1.0E+20`).
 */
function phpNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(value).toString();
  const [digits = '', exponent = '0'] = value.toExponential(13).split('e');
  const power = Number(exponent);
  if (power >= -4 && power < 14) return String(Number(value.toPrecision(14)));
  const mantissa = digits.replace(/0+$/, '').replace(/\.$/, '.0');
  return `${mantissa}E${power < 0 ? '-' : '+'}${Math.abs(power)}`;
}

/**
 * PHP's text for a range bound in a message: a JSON integer within int64 is a PHP int, printed in full; anything
 * else (a fraction, an integer beyond int64) is a float; the texts of PHP_INT_MIN/MAX print as they are.
 */
function phpBound(bound: number | bigint | string): string {
  if (typeof bound === 'string') return bound;
  return typeof bound === 'bigint' && bound >= -(2n ** 63n) && bound < 2n ** 63n ? bound.toString() : phpNumber(Number(bound));
}

/**
 * Attributes.php's range check of an inline numeric default (only when `min` or `max` is given; the other
 * bound is PHP_INT_MIN/MAX or -/+PHP_FLOAT_MAX, printed as PHP prints it).
 */
function checkDefaultInRange(column: StoredColumn, key: string, value: number): void {
  if (column.unranged === true) return;
  const integer = column.type === 'integer';
  const low = column.min ?? (integer ? '-9223372036854775808' : -Number.MAX_VALUE);
  const high = column.max ?? (integer ? '9223372036854775807' : Number.MAX_VALUE);
  const inside = (typeof low === 'string' || value >= low) && (typeof high === 'string' || value <= high);
  if (!inside) {
    throw invalid(`Default value for ${integer ? 'integer' : 'float'} attribute '${key}' must be between ${phpBound(low)} and ${phpBound(high)}`);
  }
}

/** Attributes.php's enum checks, after the default's type checks: elements, each element, the default among them. */
function checkEnum(definition: Definition, key: string, value: unknown): void {
  const { elements } = definition;
  if (!Array.isArray(elements) || elements.length === 0) throw invalid(`Attribute '${key}' with enum format must have 'elements' array`);
  elements.forEach((element: unknown, index) => {
    // PHP's empty() also takes '0' for empty.
    if (typeof element !== 'string' || element === '' || element === '0') {
      throw invalid(`Enum element at index ${index} for attribute '${key}' must be a non-empty string`);
    }
    if (Buffer.byteLength(element) > 255) throw invalid(`Enum element at index ${index} for attribute '${key}' exceeds maximum length of 255 characters`);
  });
  if (isSet(value) && !elements.includes(value)) throw invalid(`Default value for enum attribute '${key}' must be one of the provided elements`);
}

/** The stored default, checked as Attributes.php checks it (typed like the column, inside its bounds). */
function checkDefault(column: StoredColumn, value: unknown): unknown {
  const { key } = column;
  if (value === undefined || value === null) return null;
  if (column.required) throw invalid(`Attribute '${key}' cannot have a default value when required is true`);
  if (column.array) throw invalid(`Attribute '${key}' cannot have a default value when array is true`);
  switch (column.type) {
    case 'integer':
    case 'double': {
      const integer = column.type === 'integer';
      if (typeof value !== 'number' || (integer && !Number.isInteger(value))) {
        throw invalid(`Default value for ${integer ? 'integer' : 'float'} attribute '${key}' must be ${integer ? 'an integer' : 'a number'}`);
      }
      checkDefaultInRange(column, key, value);
      return value;
    }
    case 'bigint':
      return checkBigintDefault(column, value);
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(`Default value for boolean attribute '${key}' must be a boolean`);
      return value;
    case 'datetime': {
      if (typeof value !== 'string') throw invalid(`Default value for datetime attribute '${key}' must be a string in ISO 8601 format`);
      const stored = normalizeDatetime(value);
      if (stored === null) throw invalid(`Default value for datetime attribute '${key}' must be in valid ISO 8601 format`);
      return stored;
    }
    default:
      return checkStringDefault(column, value);
  }
}

/** Attributes.php on a bigint default: an int (PHP), inside min/max when either is given (printed as PHP prints ints). */
function checkBigintDefault(column: StoredColumn, value: unknown): number | bigint {
  const { key } = column;
  const exact = typeof value === 'string' ? undefined : bigintOf(value);
  if (exact === undefined) throw invalid(`Default value for bigint attribute '${key}' must be an integer`);
  if (column.min !== undefined || column.max !== undefined) {
    // An unset bound is PHP_INT_MIN/MAX; a given one prints as PHP prints the JSON number it read.
    const min = column.min ?? -(2n ** 63n);
    const max = column.max ?? 2n ** 63n - 1n;
    if (exact < min || exact > max) throw invalid(`Default value for bigint attribute '${key}' must be between ${phpBound(min)} and ${phpBound(max)}`);
  }
  return storedInteger(exact);
}

/** How Attributes.php names each format with a checked default (enum defaults are checked with the elements). */
const FORMAT_PROBLEMS: Readonly<Record<string, string>> = {
  email: "email attribute '%s' must be a valid email address",
  url: "URL attribute '%s' must be a valid URL",
  ip: "IP attribute '%s' must be a valid IP address",
};

function checkStringDefault(column: StoredColumn, value: unknown): unknown {
  const { key } = column;
  if (typeof value !== 'string') throw invalid(`Default value for string attribute '${key}' must be a string`);
  if ([...value].length > (column.size ?? 0)) throw invalid(`Default value for attribute '${key}' exceeds maximum size of ${column.size ?? 0} characters`);
  const problem = column.format === undefined ? undefined : FORMAT_PROBLEMS[column.format];
  if (problem !== undefined && checkColumnValue(column, value) !== null) throw invalid(`Default value for ${problem.replace('%s', key)}`);
  return value;
}

/**
 * The columns of a createTable request, validated as Appwrite 1.9 validates inline columns
 * (Validator/Attributes.php): only `string` (with `size`), `integer`, `bigint`, `double`, `boolean`, `datetime` and the
 * spatial types; email/url/ip/enum as `string` with `format`. They are `available` at once. An integer is
 * 32-bit unless sent with `size: 8`; integers, bigints and doubles without `min`/`max` have no range.
 *
 * @throws ApiError 400 `general_argument_invalid` with Appwrite's message.
 */
export function inlineColumns(definitions: readonly Definition[]): StoredColumn[] {
  const seen = new Set<string>();
  const now = isoNow();
  return definitions.map((definition, position) => {
    const { key, type } = checkKeyAndType(definition, position, seen);
    checkShape(definition, key, type);
    const format = typeof definition.format === 'string' && definition.format !== '' ? (definition.format as ColumnFormat) : undefined;
    const min = numberOrUndefined(definition.min);
    const max = numberOrUndefined(definition.max);
    const column: StoredColumn = {
      key,
      type: type as StoredColumn['type'],
      ...(format === undefined ? {} : { format }),
      status: 'available',
      error: '',
      required: definition.required === true,
      array: definition.array === true,
      default: null,
      $createdAt: now,
      $updatedAt: now,
    };
    if (type === 'string') {
      column.size = definition.size as number;
      if (format === undefined) column.encrypt = false;
    }
    if (format === 'enum') column.elements = Array.isArray(definition.elements) ? definition.elements.map(String) : [];
    if (type === 'integer' || type === 'bigint' || type === 'double') {
      if (min !== undefined) column.min = min;
      if (max !== undefined) column.max = max;
      if (min === undefined && max === undefined) column.unranged = true;
    }
    if (type === 'integer') column.width = definition.size === 8 ? 8 : 4;
    column.default = checkDefault(column, definition.default);
    if (format === 'enum') checkEnum(definition, key, column.default);
    return column;
  });
}
