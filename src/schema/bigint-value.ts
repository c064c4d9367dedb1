/** The smallest value of a bigint column (-2^63). */
export const INT64_MIN = -(2n ** 63n);
/** The largest value of a bigint column (2^63 - 1). */
export const INT64_MAX = 2n ** 63n - 1n;

/**
 * The exact integer a bigint field takes from a value: a `bigint`, or a `number` that is a safe integer
 * (beyond ±2^53 a number has already lost digits). `undefined` for anything else.
 *
 * @example
 * ```ts
 * exactInteger(42); // 42n
 * exactInteger(2 ** 60); // undefined: not a safe integer
 * ```
 */
export function exactInteger(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : undefined;
}

/**
 * Why a number cannot stand for an exact integer, or `null` when it can (or is no whole number): beyond ±2^53
 * a `number` has already lost digits.
 *
 * @example
 * ```ts
 * lostPrecision(2 ** 60); // 'the number 1152921504606847000 is beyond ±2^53 and has lost precision: pass a bigint (e.g. 1152921504606846976n)'
 * ```
 */
export function lostPrecision(value: number): string | null {
  if (!Number.isInteger(value) || Number.isSafeInteger(value)) return null;
  return `the number ${value} is beyond ±2^53 and has lost precision: pass a bigint (e.g. ${BigInt(value)}n)`;
}

/**
 * Why a value cannot go into a bigint field, or `null` when it can: it must be a `bigint` or a safe integer
 * `number` within `min`..`max` (by default the int64 range).
 *
 * @example
 * ```ts
 * bigintProblem(1.5, {}); // 'expected a whole number, got 1.5'
 * ```
 */
export function bigintProblem(value: unknown, bounds: { readonly min?: bigint | number; readonly max?: bigint | number }): string | null {
  const exact = exactInteger(value);
  if (exact === undefined) {
    if (typeof value !== 'number') return `expected a bigint or a safe integer number, got ${typeof value}`;
    return lostPrecision(value) ?? `expected a whole number, got ${value}`;
  }
  const low = bounds.min === undefined ? INT64_MIN : BigInt(bounds.min);
  const high = bounds.max === undefined ? INT64_MAX : BigInt(bounds.max);
  if (exact < low || exact > high) return `${exact} is out of range: expected a value from ${low} to ${high}`;
  return null;
}
