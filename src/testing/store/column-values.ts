import { isIP } from 'node:net';
import { isAppwriteDatetime, parseAppwriteDatetime } from '../../schema/appwrite-datetime.js';
import { isAppwriteUrl } from '../../schema/appwrite-url.js';
import { isAppwriteEmail } from './email-format.js';
import { integerWidth } from './row-width.js';
import { formatInstant } from '../control/clock.js';
import { maxLengthOf } from './column-types.js';
import type { StoredColumn } from './model.js';

const INT32_MAX = 2_147_483_647;
const INT64_LIMIT = 2 ** 63;
const INT64_LOW = -(2n ** 63n);
const INT64_HIGH = 2n ** 63n - 1n;
/** MariaDB's DATETIME range, as utopia's Datetime validator states it. */
const DATETIME_MIN = '1000-01-01T00:00:00.000+00:00';
const DATETIME_DESCRIPTION = 'Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.';
const INT64_MAX_TEXT = '9223372036854775807';
const INT64_MIN_TEXT = '-9223372036854775808';

/** A column bound: a number, an exact integer (BigInt), or the text of PHP_INT_MIN/MAX for an unset integer bound. */
export type Bound = number | bigint | string;

/** PHP `number_format` of a bound: rounded, with thousands separators. */
function formatBound(value: Bound): string {
  // PHP rounds halves away from zero: number_format(-1.5) is "-2".
  const digits = typeof value === 'number' ? BigInt(Math.sign(value) * Math.round(Math.abs(value))).toString() : String(value);
  const negative = digits.startsWith('-');
  const body = (negative ? digits.slice(1) : digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${body}` : body;
}

/** utopia `Range` description. */
export function rangeDescription(min: Bound, max: Bound): string {
  return `Value must be a valid range between ${formatBound(min)} and ${formatBound(max)}`;
}

/** Bounds of an integer, bigint or float column, as Appwrite reports and enforces them. */
export function columnBounds(column: StoredColumn): { min: Bound; max: Bound } {
  if (column.type === 'integer' || column.type === 'bigint') {
    return { min: column.min ?? INT64_MIN_TEXT, max: column.max ?? INT64_MAX_TEXT };
  }
  return { min: column.min ?? -Number.MAX_VALUE, max: column.max ?? Number.MAX_VALUE };
}

/** An integer bound as an exact BigInt (a float bound is never passed here). */
export function exactBound(bound: Bound): bigint {
  return typeof bound === 'number' ? BigInt(Math.trunc(bound)) : BigInt(bound);
}

/** Whether a number or exact integer lies within the bounds (integer bounds compared exactly). */
export function withinBounds(value: number | bigint, bounds: { min: Bound; max: Bound }): boolean {
  const low = typeof bounds.min === 'string' ? -INT64_LIMIT : bounds.min;
  const high = typeof bounds.max === 'string' ? INT64_LIMIT : bounds.max;
  return value >= low && value <= high;
}

/**
 * Reads a datetime as Appwrite does (its `datetime` filter parses with PHP's `DateTime`, no zone = UTC, before
 * utopia's `Datetime` validator checks the MariaDB range 1000-01-01 00:00:00 to 9999-12-31 23:59:59) and
 * formats it as Appwrite stores it; null when refused. The forms read are the ORM's (`parseAppwriteDatetime`).
 */
export function normalizeDatetime(value: unknown): string | null {
  return typeof value === 'string' && isAppwriteDatetime(value) ? formatInstant(parseAppwriteDatetime(value)) : null;
}

function codePoints(value: string, limit: number): number {
  return value.length <= limit ? value.length : [...value].length;
}

/**
 * Checks one (non-null, non-array) value against a column as utopia's Structure validator does. Returns
 * the validator description on failure (`Value must be a valid integer`...), null when valid.
 */
export function checkColumnValue(column: StoredColumn, value: unknown): string | null {
  const maxLength = maxLengthOf(column);
  if (maxLength !== undefined) {
    if (typeof value !== 'string' || codePoints(value, maxLength) > maxLength) {
      return `Value must be a valid string and no longer than ${maxLength} chars`;
    }
    if (column.format === 'enum') {
      return (column.elements ?? []).includes(value) ? null : `Value must be one of (${(column.elements ?? []).join(', ')})`;
    }
    return column.format === undefined || column.format === 'datetime' ? null : formatProblem(column.format, value);
  }
  switch (column.type) {
    case 'integer':
      return integerProblem(column, value);
    case 'bigint':
      return bigintProblem(column, value);
    case 'double': {
      if ((typeof value !== 'number' || !Number.isFinite(value)) && typeof value !== 'bigint') return 'Value must be a valid float';
      const bounds = columnBounds(column);
      return withinBounds(Number(value), bounds) ? null : rangeDescription(bounds.min, bounds.max);
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Value must be a valid boolean';
    case 'datetime':
      return datetimeProblem(value);
    default:
      return null;
  }
}

/** utopia's `Email`, `URL` and `IP` validators: their description when `value` fails, else null. */
export function formatProblem(format: 'email' | 'url' | 'ip', value: unknown): string | null {
  const text = typeof value === 'string' ? value : '';
  switch (format) {
    case 'email':
      return isAppwriteEmail(text) ? null : 'Value must be a valid email address';
    case 'url':
      return isAppwriteUrl(text) ? null : 'Value must be a valid URL';
    case 'ip':
      return isIP(text) !== 0 ? null : 'Value must be a valid IP address';
  }
}

/** utopia's `Datetime` validator over MariaDB's range: its description when `value` fails, else null. */
export function datetimeProblem(value: unknown): string | null {
  const stamp = normalizeDatetime(value);
  return stamp === null || stamp < DATETIME_MIN ? DATETIME_DESCRIPTION : null;
}

/**
 * utopia's `Integer(false, bits)` description. Its bounds are `±2 ** (bits - 1)` in PHP, a float at 64 bits,
 * so the 64-bit upper bound prints as 9,223,372,036,854,775,808.
 */
export function integerDescription(bits: 32 | 64): string {
  const [low, high] = bits === 64 ? ['-9223372036854775808', '9223372036854775808'] : ['-2147483648', '2147483647'];
  return `Value must be a valid signed ${bits}-bit integer between ${formatBound(low)} and ${formatBound(high)}`;
}

/** Bits of an integer column's storage: 64 for 8-byte columns, else 32. */
function integerBits(column: StoredColumn): 32 | 64 {
  return integerWidth(column) === 8 ? 64 : 32;
}

/**
 * utopia's validators for an integer column, in order: `Integer` (signed, 32 or 64 bits), `Range(-MAX, MAX)`,
 * then the column's own range.
 */
function integerProblem(column: StoredColumn, value: unknown): string | null {
  const wide = integerBits(column) === 64;
  const [low, high] = wide ? [INT64_LOW, INT64_HIGH] : [-INT32_MAX - 1, INT32_MAX];
  const integer = typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
  if (!integer || value < low || value > high) {
    return integerDescription(wide ? 64 : 32);
  }
  const number = value;
  if (number < -high) return rangeDescription(`-${String(high)}`, String(high));
  const bounds = columnBounds(column);
  return number < exactBound(bounds.min) || number > exactBound(bounds.max) ? rangeDescription(bounds.min, bounds.max) : null;
}

/** utopia's `BigInt` validator (signed): its description, with Appwrite's thousands separators. */
export const BIGINT_DESCRIPTION = `Value must be a valid signed 64-bit integer between ${formatBound(INT64_MIN_TEXT)} and ${formatBound(INT64_MAX_TEXT)}`;

/**
 * The exact integer a bigint column reads from a value (utopia `Validator/BigInt`, signed): a JSON integer
 * within int64, or a string of decimal digits within it (utopia's Structure turns such a string into an int);
 * undefined for anything else. A fraction or an integer beyond int64 (a float in PHP) is refused.
 */
export function bigintOf(value: unknown): bigint | undefined {
  let exact: bigint | undefined;
  if (typeof value === 'bigint') exact = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) exact = BigInt(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) exact = BigInt(value);
  return exact !== undefined && exact >= INT64_LOW && exact <= INT64_HIGH ? exact : undefined;
}

/** An exact integer as the emulator stores it: a number when it is safe, else a BigInt. */
export function storedInteger(value: bigint): number | bigint {
  return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value;
}

/** utopia's validators for a bigint column, in order: `BigInt` (signed), then the column's `bigintRange`. */
function bigintProblem(column: StoredColumn, value: unknown): string | null {
  const exact = bigintOf(value);
  if (exact === undefined) return BIGINT_DESCRIPTION;
  if (column.unranged === true) return null;
  const bounds = columnBounds(column);
  return exact < exactBound(bounds.min) || exact > exactBound(bounds.max) ? rangeDescription(bounds.min, bounds.max) : null;
}

/** The label Appwrite's message uses: columns with a utopia format (ranges, email, url, ip, enum) say `format`. */
export function checkLabel(column: StoredColumn): 'type' | 'format' {
  if (column.type === 'integer' || column.type === 'bigint' || column.type === 'double') return column.unranged === true ? 'type' : 'format';
  return column.format !== undefined && column.format !== 'datetime' ? 'format' : 'type';
}

/**
 * The default the table's schema gives new rows: the column's `default`, except after an update that sent
 * null, which Appwrite reports but utopia's schema ignores (it keeps the previous default).
 */
export function schemaDefaultOf(column: StoredColumn): unknown {
  return column.schemaDefault === undefined ? column.default : column.schemaDefault;
}

/** The stored form of a valid value (datetimes in Appwrite's format, bigint values as exact integers). */
export function storedValue(column: StoredColumn, value: unknown): unknown {
  if (column.type === 'bigint') {
    const exact = bigintOf(value);
    return exact === undefined ? value : storedInteger(exact);
  }
  return column.type === 'datetime' && typeof value === 'string' ? normalizeDatetime(value) : value;
}
