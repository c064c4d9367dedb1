import { exactInteger } from '../schema/bigint-value.js';
import type { TableRuntime } from './table-runtime.js';

/** A step or bound of `increment()`/`decrement()`: a number, or a `bigint` on a bigint field. */
export type StepValue = number | bigint;

function shown(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : String(value);
}

/** Whether `increment()`/`decrement()` take the column: an integer, float or bigint field. */
export function isSteppable(runtime: TableRuntime, column: string): boolean {
  return runtime.numericColumns.has(column) || runtime.bigintColumns.has(column);
}

/**
 * Why a step of `by` (within `bound`) on a steppable column cannot be sent, or `null`: on a bigint field the
 * step and bound must be exact integers (a `bigint` or a safe integer), elsewhere finite numbers; the step at
 * least 0.
 *
 * @example
 * ```ts
 * stepProblem(runtime, 'views', 2n ** 60n, undefined); // null on a bigint field
 * ```
 */
export function stepProblem(runtime: TableRuntime, column: string, by: unknown, bound: unknown): string | null {
  const bigint = runtime.bigintColumns.has(column);
  const valid = (value: unknown): boolean => (bigint ? exactInteger(value) !== undefined : typeof value === 'number' && Number.isFinite(value));
  const step = bigint ? exactInteger(by) : by;
  const negative = typeof step === 'number' || typeof step === 'bigint' ? step < 0 : true;
  if (!valid(by) || negative) return `the step must be ${bigint ? 'a bigint or a safe integer' : 'a finite number'} >= 0, got ${shown(by)}`;
  if (bound !== undefined && !valid(bound)) return `the bound must be ${bigint ? 'a bigint or a safe integer' : 'a finite number'}, got ${shown(bound)}`;
  return null;
}
