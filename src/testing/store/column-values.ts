import { isIP } from 'node:net';
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
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const DATE = /^(\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** PHP `number_format` of a bound: rounded, with thousands separators. */
function formatBound(value: number | string): string {
  const digits = typeof value === 'string' ? value : BigInt(Math.round(value)).toString();
  const negative = digits.startsWith('-');
  const body = (negative ? digits.slice(1) : digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${body}` : body;
}

/** utopia `Range` description. */
export function rangeDescription(min: number | string, max: number | string): string {
  return `Value must be a valid range between ${formatBound(min)} and ${formatBound(max)}`;
}

/** Bounds of an integer or float column, as Appwrite reports and enforces them. */
export function columnBounds(column: StoredColumn): { min: number | string; max: number | string } {
  if (column.type === 'integer') {
    return { min: column.min ?? INT64_MIN_TEXT, max: column.max ?? INT64_MAX_TEXT };
  }
  return { min: column.min ?? -Number.MAX_VALUE, max: column.max ?? Number.MAX_VALUE };
}

function inBounds(value: number, bounds: { min: number | string; max: number | string }): boolean {
  const min = typeof bounds.min === 'string' ? -INT64_LIMIT : bounds.min;
  const max = typeof bounds.max === 'string' ? INT64_LIMIT : bounds.max;
  return value >= min && value <= max;
}

/**
 * Parses a datetime the way PHP's `DateTime` reads Appwrite input (no zone = UTC) and formats it as Appwrite
 * stores it; null when it is not a date Appwrite accepts (years 0000-9999).
 */
export function normalizeDatetime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = DATE.exec(value.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  if (Number(y) > 9999) return null;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  let offset = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  return formatInstant(date.getTime() - offset * 60_000);
}

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
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
    switch (column.format) {
      case 'email':
        return EMAIL.test(value) ? null : 'Value must be a valid email address';
      case 'url':
        return isUrl(value) ? null : 'Value must be a valid URL';
      case 'ip':
        return isIP(value) !== 0 ? null : 'Value must be a valid IP address';
      case 'enum':
        return (column.elements ?? []).includes(value) ? null : `Value must be one of (${(column.elements ?? []).join(', ')})`;
      default:
        return null;
    }
  }
  switch (column.type) {
    case 'integer':
      return integerProblem(column, value);
    case 'double': {
      if ((typeof value !== 'number' || !Number.isFinite(value)) && typeof value !== 'bigint') return 'Value must be a valid float';
      const bounds = columnBounds(column);
      return inBounds(Number(value), bounds) ? null : rangeDescription(bounds.min, bounds.max);
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Value must be a valid boolean';
    case 'datetime': {
      const stamp = normalizeDatetime(value);
      return stamp === null || stamp < DATETIME_MIN ? DATETIME_DESCRIPTION : null;
    }
    default:
      return null;
  }
}

/** Bits of an integer column's storage: 64 for 8-byte columns, else 32. */
export function integerBits(column: StoredColumn): 32 | 64 {
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
    return `Value must be a valid signed ${wide ? 64 : 32}-bit integer between ${formatBound(String(low))} and ${formatBound(String(high))}`;
  }
  const number = value;
  if (number < -high) return rangeDescription(`-${String(high)}`, String(high));
  const bounds = columnBounds(column);
  const min = typeof bounds.min === 'string' ? BigInt(bounds.min) : bounds.min;
  const max = typeof bounds.max === 'string' ? BigInt(bounds.max) : bounds.max;
  return number < min || number > max ? rangeDescription(bounds.min, bounds.max) : null;
}

/** The label Appwrite's message uses: columns with a utopia format (ranges, email, url, ip, enum) say `format`. */
export function checkLabel(column: StoredColumn): 'type' | 'format' {
  if (column.type === 'integer' || column.type === 'double') return column.unranged === true ? 'type' : 'format';
  return column.format !== undefined && column.format !== 'datetime' ? 'format' : 'type';
}

/** The stored form of a valid value (datetimes in Appwrite's format). */
export function storedValue(column: StoredColumn, value: unknown): unknown {
  return column.type === 'datetime' && typeof value === 'string' ? normalizeDatetime(value) : value;
}
