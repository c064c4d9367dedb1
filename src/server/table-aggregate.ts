import { QueryError } from '../errors/query-error.js';
import { canonicalString } from '../query/query-canonical.js';
import { exactInteger } from '../schema/bigint-value.js';
import type { RowRecord } from '../appwrite/tables-db-adapter.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import { checkPageSize, loadAll } from './table-reads.js';
import type { TableCore } from './table-core.js';
import type { ReadOptions } from './table-types.js';

/**
 * What `aggregate()` computes: the number of rows, and sums, averages, minima and maxima of integer, float and
 * bigint columns.
 */
export interface AggregateSpec<C extends string = string> {
  readonly count?: boolean;
  readonly sum?: readonly C[];
  readonly avg?: readonly C[];
  readonly min?: readonly C[];
  readonly max?: readonly C[];
}

/** A sum, minimum or maximum of column `K`: a `bigint` when `K` is one of the bigint columns `B`, else a number. */
export type AggregateFigure<K extends string, B extends string> = K extends B ? bigint : number;

/**
 * The figures of an {@link AggregateSpec} over columns `C`, of which `B` are bigint columns. Null values are left
 * out of sums, averages, minima and maxima (as in SQL); over no values a sum is 0 (`0n` on a bigint column) and
 * the others are `null`. On a bigint column the sum, minimum and maximum are exact `bigint`s (a sum may exceed
 * the column's 64-bit range), and the average is a number: the exact mean rounded to the nearest double.
 */
export interface AggregateResult<C extends string = string, B extends string = never> {
  readonly count: number;
  readonly sum: Readonly<{ [K in C]: AggregateFigure<K, B> }>;
  readonly avg: Readonly<Record<C, number | null>>;
  readonly min: Readonly<{ [K in C]: AggregateFigure<K, B> | null }>;
  readonly max: Readonly<{ [K in C]: AggregateFigure<K, B> | null }>;
}

/** Options of `aggregate()`. */
export interface AggregateOptions extends ReadOptions {
  /** Rows per request while the figures are computed. @default 500 */
  readonly pageSize?: number;
}

const KINDS = ['sum', 'avg', 'min', 'max'] as const;
const DEFAULT_PAGE = 500;

type Columns = Record<(typeof KINDS)[number], string[]>;
type Figure = number | bigint;

/** The columns each kind names, sorted and checked to be integer, float or bigint columns of the table. */
function columnsOf(core: TableCore, spec: AggregateSpec): Columns {
  const table = core.id;
  const { numericColumns, bigintColumns } = core.runtime;
  const columns: Columns = { sum: [], avg: [], min: [], max: [] };
  for (const kind of KINDS) {
    const named: unknown = spec[kind] ?? [];
    if (!Array.isArray(named)) throw new QueryError(table, `aggregate ${kind}`, `${kind} must be a list of numeric columns`);
    for (const column of named as unknown[]) {
      if (typeof column !== 'string' || !(numericColumns.has(column) || bigintColumns.has(column))) {
        throw new QueryError(table, `aggregate ${kind}: ${String(column)}`, `"${String(column)}" is not an integer or float column of the table, nor a bigint column`);
      }
    }
    columns[kind] = [...new Set(named as string[])].sort();
  }
  return columns;
}

function bitLength(value: bigint): bigint {
  return BigInt(value.toString(2).length);
}

/**
 * `sum / count` as the nearest double (ties to even), from exact integers: the quotient is scaled to at least 55
 * significant bits, and its last bit is set when the division leaves a remainder (a sticky bit, below the
 * rounding bit), so that `Number()` rounds it as it would round the exact quotient.
 */
function exactMean(sum: bigint, count: bigint): number {
  if (sum === 0n) return 0;
  const magnitude = sum < 0n ? -sum : sum;
  const shift = 55n + bitLength(count) - bitLength(magnitude);
  const scale = shift > 0n ? shift : 0n;
  const scaled = magnitude << scale;
  const quotient = scaled / count;
  const rounded = Number(scaled % count === 0n ? quotient : quotient | 1n) / 2 ** Number(scale);
  return sum < 0n ? -rounded : rounded;
}

/** The values of a column: numbers, or on a bigint column exact integers (null values left out). */
function valuesOf(rows: readonly RowRecord[], column: string, bigint: boolean): Figure[] {
  const values: Figure[] = [];
  for (const row of rows) {
    const value = row[column];
    const figure = bigint ? exactInteger(value) : typeof value === 'number' ? value : undefined;
    if (figure !== undefined) values.push(figure);
  }
  return values;
}

function total(values: readonly Figure[], bigint: boolean): Figure {
  return bigint ? (values as bigint[]).reduce((sum, value) => sum + value, 0n) : (values as number[]).reduce((sum, value) => sum + value, 0);
}

function figures(rows: readonly RowRecord[], columns: Columns, bigints: ReadonlySet<string>): AggregateResult {
  const sum: Record<string, Figure> = {};
  const avg: Record<string, number | null> = {};
  const min: Record<string, Figure | null> = {};
  const max: Record<string, Figure | null> = {};
  for (const column of columns.sum) sum[column] = total(valuesOf(rows, column, bigints.has(column)), bigints.has(column));
  for (const column of columns.avg) {
    const bigint = bigints.has(column);
    const values = valuesOf(rows, column, bigint);
    const all = total(values, bigint);
    avg[column] = values.length === 0 ? null : typeof all === 'bigint' ? exactMean(all, BigInt(values.length)) : all / values.length;
  }
  for (const column of columns.min) min[column] = valuesOf(rows, column, bigints.has(column)).reduce<Figure | null>((low, value) => (low === null || value < low ? value : low), null);
  for (const column of columns.max) max[column] = valuesOf(rows, column, bigints.has(column)).reduce<Figure | null>((high, value) => (high === null || value > high ? value : high), null);
  return { count: rows.length, sum, avg, min, max } as AggregateResult;
}

/**
 * Computes counts, sums, averages, minima and maxima (exact on bigint columns) of the rows matching the filters
 * of a canonical query. Appwrite has no aggregate endpoint: the matching rows are read page by page (only the
 * columns needed) and the figures are cached as one entry, dropped by any write to the table.
 *
 * @example
 * ```ts
 * const stats = await aggregateRows(core, filters, { count: true, sum: ['price'], max: ['price'] });
 * ```
 */
export function aggregateRows(core: TableCore, canonical: CanonicalQuery, spec: AggregateSpec, options?: AggregateOptions): Promise<AggregateResult> {
  const columns = columnsOf(core, spec);
  const pageSize = checkPageSize(core, options?.pageSize ?? DEFAULT_PAGE);
  const filters = canonical.filters();
  const needed = [...new Set(KINDS.flatMap((kind) => columns[kind]))];
  const select = canonicalString({ method: 'select', values: ['$id', ...needed] });
  return core.read('aggregate', filters, options, async () => figures(await loadAll(core, [...filters.strings, select], pageSize, options), columns, core.runtime.bigintColumns),
    undefined, JSON.stringify(columns));
}
