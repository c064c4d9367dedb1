import { ConflictError } from '../errors/conflict-error.js';
import { QueryError } from '../errors/query-error.js';
import type { FilterObject } from '../query/filter-object.js';
import type { RowRecord } from '../appwrite/tables-db-adapter.js';
import { readFirst, readRow } from './table-reads.js';
import type { TableCore } from './table-core.js';
import type { CreateOptions, ReadOptions } from './table-types.js';
import { createRow } from './table-writes.js';
import { decodeRow } from './table-runtime.js';
import { describeInput } from '../query/filter-object.js';

/** What `findOrCreate()` returns: the row, and whether this call created it. */
export interface FoundOrCreated<R> {
  readonly row: R;
  readonly created: boolean;
}

/** The equality filters of `where` as column values, rejecting lists (an `IN`) that name no single value. */
function valuesOf(core: TableCore, method: string, where: FilterObject): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) throw new QueryError(core.id, `${column}: ${describeInput(value)}`, `${method}() takes one value per column, not a list`);
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
 * const { row, created } = await findOrCreateRow(core, { email: 'ada@example.com' }, { name: 'Ada' });
 * ```
 */
export async function findOrCreateRow(core: TableCore, where: FilterObject, defaults: object, options?: CreateOptions): Promise<FoundOrCreated<RowRecord>> {
  const values = valuesOf(core, 'findOrCreate', where);
  const queries = core.normalize(where);
  const found = await readFirst(core, queries);
  if (found !== null) return { row: found, created: false };
  try {
    return { row: await createRow(core, { ...defaults, ...values }, options), created: true };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const winner = await readFirst(core, queries, { cache: false });
    if (winner === null) throw error;
    return { row: winner, created: false };
  }
}

/**
 * The row with this id through the cache, or, when there is none, `defaults` with `$id` set: a stand-in
 * that is not written to Appwrite, shaped as rows read are (frozen, bigint fields as `bigint`).
 *
 * @example
 * ```ts
 * const settings = await rowOrDefault(core, 'guild-1', { prefix: '!' });
 * ```
 */
export async function rowOrDefault(core: TableCore, rowId: string, defaults: object, options?: ReadOptions): Promise<RowRecord> {
  return (await readRow(core, rowId, options, 'getOrDefault')) ?? decodeRow(core.runtime, { ...defaults, $id: rowId });
}

/**
 * The first row matching the equality filters `where` through the cache, or, when there is none, `defaults`
 * with the values of `where`: a stand-in that is not written to Appwrite, shaped as rows read are (frozen,
 * bigint fields as `bigint`).
 *
 * @example
 * ```ts
 * const prefs = await firstOrDefault(core, { user: 'u1' }, { theme: 'light' });
 * ```
 */
export async function firstOrDefault(core: TableCore, where: FilterObject, defaults: object, options?: ReadOptions): Promise<RowRecord> {
  const values = valuesOf(core, 'findOneOrDefault', where);
  return (await readFirst(core, core.normalize(where), options)) ?? decodeRow(core.runtime, { ...defaults, ...values });
}
