import { QueryError } from '../errors/query-error.js';
import { canonicalString } from '../query/query-canonical.js';
import type { RowRecord } from '../appwrite/tables-db-adapter.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import { checkPageSize, loadAll } from './table-reads.js';
import type { TableCore } from './table-core.js';
import type { ReadOptions } from './table-types.js';

/** What `aggregate()` computes: the number of rows, and sums, averages, minima and maxima of numeric columns. */
export interface AggregateSpec<C extends string = string> {
  readonly count?: boolean;
  readonly sum?: readonly C[];
  readonly avg?: readonly C[];
  readonly min?: readonly C[];
  readonly max?: readonly C[];
}

/**
 * The figures of an {@link AggregateSpec}. Null values are left out of sums, averages, minima and maxima (as in
 * SQL); over no values a sum is 0 and the others are `null`.
 */
export interface AggregateResult<C extends string = string> {
  readonly count: number;
  readonly sum: Readonly<Record<C, number>>;
  readonly avg: Readonly<Record<C, number | null>>;
  readonly min: Readonly<Record<C, number | null>>;
  readonly max: Readonly<Record<C, number | null>>;
}

/** Options of `aggregate()`. */
export interface AggregateOptions extends ReadOptions {
  /** Rows per request while the figures are computed. @default 500 */
  readonly pageSize?: number;
}

const KINDS = ['sum', 'avg', 'min', 'max'] as const;
const DEFAULT_PAGE = 500;

/** The columns each kind names, sorted and checked to be numeric columns of the table. */
function columnsOf(core: TableCore, spec: AggregateSpec): Record<(typeof KINDS)[number], string[]> {
  const table = core.id;
  const columns = { sum: [] as string[], avg: [] as string[], min: [] as string[], max: [] as string[] };
  for (const kind of KINDS) {
    const named: unknown = spec[kind] ?? [];
    if (!Array.isArray(named)) throw new QueryError(table, `aggregate ${kind}`, `${kind} must be a list of numeric columns`);
    for (const column of named as unknown[]) {
      if (typeof column !== 'string' || !core.runtime.numericColumns.has(column)) throw new QueryError(table, `aggregate ${kind}: ${String(column)}`, `"${String(column)}" is not an integer or float column of the table`);
    }
    columns[kind] = [...new Set(named as string[])].sort();
  }
  return columns;
}

function figures(rows: readonly RowRecord[], columns: Record<(typeof KINDS)[number], string[]>): AggregateResult {
  const result = { count: rows.length, sum: {} as Record<string, number>, avg: {} as Record<string, number | null>, min: {} as Record<string, number | null>, max: {} as Record<string, number | null> };
  const numbers = (column: string): number[] => rows.map((row) => row[column]).filter((value): value is number => typeof value === 'number');
  for (const column of columns.sum) result.sum[column] = numbers(column).reduce((sum, value) => sum + value, 0);
  for (const column of columns.avg) {
    const values = numbers(column);
    result.avg[column] = values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
  }
  for (const column of columns.min) result.min[column] = numbers(column).reduce<number | null>((low, value) => (low === null || value < low ? value : low), null);
  for (const column of columns.max) result.max[column] = numbers(column).reduce<number | null>((high, value) => (high === null || value > high ? value : high), null);
  return result;
}

/**
 * Computes counts, sums, averages, minima and maxima of the rows matching the filters of a canonical query. Appwrite has no
 * aggregate endpoint: the matching rows are read page by page (only the columns needed) and the figures are
 * cached as one entry, dropped by any write to the table.
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
  return core.read('aggregate', filters, options, async () => figures(await loadAll(core, [...filters.strings, select], pageSize, options), columns),
    undefined, JSON.stringify(columns));
}
