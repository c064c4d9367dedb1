import { deepFreeze } from '../cache/deep-freeze.js';
import { ConflictError } from '../errors/conflict-error.js';
import { QueryError } from '../errors/query-error.js';
import type { FilterObject } from '../query/filter-object.js';
import type { RowRecord } from '../appwrite/tables-db-adapter.js';
import { readFirst, readRow } from './table-reads.js';
import type { TableContext } from './table-runtime.js';
import type { CreateOptions, ReadOptions } from './table-types.js';
import { createRow } from './table-writes.js';

/** What `findOrCreate()` returns: the row, and whether this call created it. */
export interface FoundOrCreated<R> {
  readonly row: R;
  readonly created: boolean;
}

/** The equality filters of `where` as column values, rejecting lists (an `IN`) that name no single value. */
function valuesOf(context: TableContext, method: string, where: FilterObject): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) throw new QueryError(context.runtime.id, `${column}: ${JSON.stringify(value)}`, `${method}() takes one value per column, not a list`);
    values[column] = value;
  }
  return values;
}

/**
 * The first row matching the equality filters `where` (one read through the cache), or a new row made of
 * `defaults` and `where`. Under a race, the loser's create meets a unique index or the given id (409) and
 * reads the winner's row past the cache instead.
 *
 * @example
 * ```ts
 * const { row, created } = await findOrCreateRow(context, { email: 'ada@example.com' }, { name: 'Ada' });
 * ```
 */
export async function findOrCreateRow(context: TableContext, where: FilterObject, defaults: object, options?: CreateOptions): Promise<FoundOrCreated<RowRecord>> {
  const values = valuesOf(context, 'findOrCreate', where);
  const queries = context.runtime.normalizer.canonical(where);
  const found = await readFirst(context, queries);
  if (found !== null) return { row: found, created: false };
  try {
    return { row: await createRow(context, { ...defaults, ...values }, options), created: true };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const winner = await readFirst(context, queries, { cache: false });
    if (winner === null) throw error;
    return { row: winner, created: false };
  }
}

/**
 * The row with this id through the cache, or, when there is none, `defaults` with `$id` set: a frozen
 * stand-in that is not written to Appwrite.
 *
 * @example
 * ```ts
 * const settings = await rowOrDefault(context, 'guild-1', { prefix: '!' });
 * ```
 */
export async function rowOrDefault(context: TableContext, rowId: string, defaults: object, options?: ReadOptions): Promise<RowRecord> {
  return (await readRow(context, rowId, options, 'getOrDefault')) ?? deepFreeze({ ...defaults, $id: rowId });
}

/**
 * The first row matching the equality filters `where` through the cache, or, when there is none, `defaults`
 * with the values of `where`: a frozen stand-in that is not written to Appwrite.
 *
 * @example
 * ```ts
 * const prefs = await firstOrDefault(context, { user: 'u1' }, { theme: 'light' });
 * ```
 */
export async function firstOrDefault(context: TableContext, where: FilterObject, defaults: object, options?: ReadOptions): Promise<RowRecord> {
  const values = valuesOf(context, 'findOneOrDefault', where);
  return (await readFirst(context, context.runtime.normalizer.canonical(where), options)) ?? deepFreeze({ ...defaults, ...values });
}
