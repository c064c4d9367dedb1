import { bigintOf } from '../column-values.js';
import type { QueryAttribute } from './attributes.js';
import { isValidDatetime } from './instant.js';

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const INT64_LIMIT = 2 ** 63;
const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** PHP's `is_numeric`: numbers and numeric strings. */
export function isNumeric(value: unknown): value is number | string {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && NUMERIC.test(value);
}

/** PHP's `(int)` cast of a numeric value. */
export function toInt(value: number | string): number {
  return Math.trunc(Number(value));
}

function isInteger(value: unknown, bits: 32 | 64): boolean {
  // An integer literal beyond ±2^53 arrives as a BigInt (PHP decodes it as an int up to int64).
  if (typeof value === 'bigint') return bits === 64 && bigintOf(value) !== undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return false;
  return bits === 32 ? value >= INT32_MIN && value <= INT32_MAX : value >= -INT64_LIMIT && value < INT64_LIMIT;
}

/** `$sequence` values (utopia `Validator/Sequence`, primary): a non-empty string or int in 1..PHP_INT_MAX. */
function isSequence(value: unknown): boolean {
  if (value === '' || value === '0' || value === 0) return false;
  if (typeof value === 'bigint') return value >= 1n && bigintOf(value) !== undefined;
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) return false;
  if (!isNumeric(value)) return false;
  const n = toInt(value);
  return n >= 1 && n < INT64_LIMIT;
}

/**
 * Whether one filter value suits the attribute's type, as utopia-php/database `Validator/Query/Filter`
 * checks it: strict JSON types (a string for string columns, at most 255 characters for relationships, an integer in the column's width for integer
 * columns, any number for doubles, a boolean for booleans, a parseable date string for datetimes).
 */
export function isValidValue(attribute: QueryAttribute, value: unknown): boolean {
  switch (attribute.kind) {
    case 'string':
      // A relationship column is queried by the related row's ID: utopia's Text(255).
      return typeof value === 'string' && (attribute.relation === undefined || [...value].length <= 255);
    case 'integer':
      return isInteger(value, attribute.bits);
    case 'bigint':
      // utopia's BigInt validator: an int, or a string of digits, within int64.
      return bigintOf(value) !== undefined;
    case 'double':
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'bigint' && bigintOf(value) !== undefined);
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return isValidDatetime(value, attribute.dates);
    case 'sequence':
      return isSequence(value);
  }
}
