import { serverError } from '../http/errors.js';
import { storedInteger } from './column-values.js';
import type { StoredColumn } from './model.js';
import { storedNumber } from './operators/index.js';

const INT64_LOW = -(2n ** 63n);
const INT64_HIGH = 2n ** 63n - 1n;

/** A `Numeric` param or staged step: a number, or a BigInt for an integer beyond ±2^53. */
export type StepValue = number | bigint;

function isWhole(value: StepValue): boolean {
  return typeof value === 'bigint' || Number.isInteger(value);
}

/**
 * The value `col = col + v` (or `- v`) leaves in a numeric column, NULL counting as 0. A bigint column adds
 * exactly, as MariaDB adds BIGINT values; a result beyond int64 fails in MariaDB ("BIGINT value is out of
 * range"), which Appwrite answers with a 500. Other columns add as numbers (integers rounded when stored).
 *
 * @throws ApiError 500 `general_unknown` for a bigint result beyond int64.
 */
export function steppedValue(column: StoredColumn, current: unknown, value: StepValue, up: boolean): StepValue {
  if (column.type === 'bigint' && isWhole(value)) {
    const base = typeof current === 'number' || typeof current === 'bigint' ? BigInt(current) : 0n;
    const next = up ? base + BigInt(value) : base - BigInt(value);
    if (next < INT64_LOW || next > INT64_HIGH) throw serverError();
    return storedInteger(next);
  }
  const base = typeof current === 'number' ? current : typeof current === 'bigint' ? Number(current) : 0;
  return up ? base + Number(value) : base - Number(value);
}

/** The stored form of a stepped value: numbers rounded for integer columns, exact integers kept. */
export function storedStep(column: StoredColumn, value: StepValue): StepValue {
  return typeof value === 'bigint' ? value : storedNumber(column, value);
}

/** Whether a column takes increment and decrement: a single integer, bigint or double (utopia's whitelist). */
export function isSteppable(column: StoredColumn): boolean {
  return (column.type === 'integer' || column.type === 'bigint' || column.type === 'double') && !column.array;
}
