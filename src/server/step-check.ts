import { exactInteger } from '../schema/bigint-value.js';
import type { TableRuntime } from './table-runtime.js';

/** A step or bound of `increment()`/`decrement()`: a number, or a `bigint` on a bigint field. */
export type StepValue = number | bigint;

function shown(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : String(value);
}

/**
 * Why an `increment()`/`decrement()` of `column` by `by` (within `bound`) cannot be sent, or `null`: the
 * column must be an integer, float or bigint field; on a bigint field the step and bound must be exact
 * integers (a `bigint` or a safe integer), elsewhere finite numbers; the step at least 0 (`positive`: above 0).
 *
 * @example
 * ```ts
 * stepProblem(runtime, 'views', 2n ** 60n, undefined, true); // null on a bigint field
 * ```
 */
export function stepProblem(runtime: TableRuntime, column: string, by: unknown, bound: unknown, positive: boolean): string | null {
  const bigint = runtime.bigintColumns.has(column);
  if (!bigint && !runtime.numericColumns.has(column)) return 'not an integer, float or bigint field of the schema';
  const valid = (value: unknown): boolean => (bigint ? exactInteger(value) !== undefined : typeof value === 'number' && Number.isFinite(value));
  const step = bigint ? exactInteger(by) : by;
  const tooSmall = typeof step === 'number' || typeof step === 'bigint' ? (positive ? step <= 0 : step < 0) : true;
  if (!valid(by) || tooSmall) {
    const kind = bigint ? 'a bigint or a safe integer' : 'a finite number';
    return `the step must be ${kind} ${positive ? '> 0' : '>= 0'}, got ${shown(by)}`;
  }
  if (bound !== undefined && !valid(bound)) return `the bound must be ${bigint ? 'a bigint or a safe integer' : 'a finite number'}, got ${shown(bound)}`;
  return null;
}
