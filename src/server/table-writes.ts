import { deepFreeze } from '../cache/deep-freeze.js';
import { QueryError } from '../errors/query-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { validateInsert, validatePatch, validateUpsert } from '../schema/row-validation.js';
import { ConfigError } from '../errors/config-error.js';
import { checkId } from '../appwrite/appwrite-ids.js';
import { rejectOperatorStrings } from '../query/operator-strings.js';
import { sameRowValues } from './row-compare.js';
import { adapterFor } from './table-reads.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import type { TableContext } from './table-runtime.js';
import type { CallOptions, CreateOptions, StepOptions, WriteOptions } from './table-types.js';
import { stepProblem, type StepValue } from './step-check.js';
import type { RowRecord } from '../appwrite/tables-db-adapter.js';

/**
 * Runs one write under the cache's write protocol: the table's generation is bumped before the request and
 * the table invalidated when it settles, whatever the outcome (after a timeout or a 5xx the write may have
 * happened), so no read overlapping the write is ever stored.
 */
export async function underWrite<T>(context: TableContext, request: () => Promise<T>, tables: readonly string[] = [context.runtime.id]): Promise<T> {
  const cache = context.session.cache;
  const settles = tables.map((table) => cache.beginWrite(table));
  try {
    return await request();
  } finally {
    for (const settle of settles) settle();
  }
}

/**
 * Appwrite refuses a write without data: `row_missing_data` for a create, `row_missing_payload` for an
 * update that gives no permissions either, and for `updateRows` always. Refused here instead.
 */
function requireData(context: TableContext, body: object, what: string, permissions?: readonly string[]): void {
  if (permissions !== undefined || Object.values(body).some((value) => value !== undefined)) return;
  throw new ValidationError(context.runtime.id, [{ field: '', reason: `${what} needs at least one field${permissions === undefined && what !== 'create' && what !== 'updateWhere' ? ' (or permissions)' : ''}; Appwrite refuses an empty one` }]);
}

/**
 * Tables a write of `body` to this table changes: the table, and the two-way partners of the relationship
 * keys it sets (their rows show the link).
 */
export function writeTables(context: TableContext, body: object): readonly string[] {
  const relations = context.runtime.relations;
  return relations.keys.length === 0 ? [context.runtime.id] : relations.writeTables(Object.keys(body));
}

export async function createRow(context: TableContext, data: unknown, options: CreateOptions = {}): Promise<RowRecord> {
  const { runtime } = context;
  if (options.id !== undefined) checkId(options.id, { table: runtime.id, method: 'create', allowUnique: true });
  const body = validateInsert(runtime.definition, data);
  requireData(context, body, 'create');
  // A retried create that finds its id taken may be meeting its own first attempt, whose answer was lost:
  // the row is read back and returned when it holds what was sent.
  const isOurs = (row: RowRecord): boolean => sameRowValues(runtime.definition, body, row);
  return deepFreeze(await underWrite(context, () => adapterFor(context, options).createRow(runtime.id, options.id, body, options.permissions, isOurs), writeTables(context, body)));
}

export async function updateRow(context: TableContext, rowId: string, data: unknown, options: WriteOptions = {}): Promise<RowRecord> {
  const { runtime } = context;
  checkId(rowId, { table: runtime.id, method: 'update' });
  const body = validatePatch(runtime.definition, data);
  requireData(context, body, 'update', options.permissions);
  rejectOperatorStrings(runtime.id, 'update', body);
  return deepFreeze(await underWrite(context, () => adapterFor(context, options).updateRow(runtime.id, rowId, body, options.permissions), writeTables(context, body)));
}

export async function upsertRow(context: TableContext, rowId: string, data: unknown, options: WriteOptions = {}): Promise<RowRecord> {
  const { runtime } = context;
  checkId(rowId, { table: runtime.id, method: 'upsert' });
  const body = validateUpsert(runtime.definition, data);
  rejectOperatorStrings(runtime.id, 'upsert', body);
  return deepFreeze(await underWrite(context, () => adapterFor(context, options).upsertRow(runtime.id, rowId, body, options.permissions), writeTables(context, body)));
}

export async function deleteRow(context: TableContext, rowId: string, options?: CallOptions): Promise<void> {
  checkId(rowId, { table: context.runtime.id, method: 'delete' });
  return underWrite(context, () => adapterFor(context, options).deleteRow(context.runtime.id, rowId), context.runtime.relations.deleteTables());
}

/** `increment` (sign 1) or `decrement` (sign -1) of a numeric column, with an optional bound. */
export async function stepColumn(context: TableContext, rowId: string, column: string, by: StepValue, sign: 1 | -1, options: StepOptions = {}): Promise<RowRecord> {
  const { runtime } = context;
  checkId(rowId, { table: runtime.id, method: sign === 1 ? 'increment' : 'decrement' });
  const bound = sign === 1 ? options.max : options.min;
  // The column's kind is checked first, the step once the column is known to hold a number.
  const problem = stepProblem(runtime, column, by, bound, false);
  const steppable = runtime.numericColumns.has(column) || runtime.bigintColumns.has(column);
  if (problem !== null && !steppable) throw new ValidationError(runtime.id, [{ field: column, reason: problem }]);
  const field = runtime.definition.schema[column];
  if (field?.required !== true && field?.default === undefined) {
    // On a NULL column Appwrite keeps NULL yet answers as if it had added (reference §2.5): refuse rather than lie.
    throw new ValidationError(runtime.id, [{
      field: column,
      reason: `${sign === 1 ? 'increment' : 'decrement'} needs a column that always holds a number; this one is optional without a ` +
        'default, so a row may hold NULL, which Appwrite keeps while answering as if it had changed it. Declare a default ' +
        '(or required: true), or use update()',
    }]);
  }
  if (problem !== null) throw new ValidationError(runtime.id, [{ field: column, reason: problem }]);
  const adapter = adapterFor(context, options);
  return deepFreeze(await underWrite(context, () => (sign === 1
    ? adapter.incrementRowColumn(runtime.id, rowId, column, by, bound)
    : adapter.decrementRowColumn(runtime.id, rowId, column, by, bound))));
}

/** `updateRows` on every row matching canonical queries; returns how many rows changed. */
export async function updateWhere(context: TableContext, query: CanonicalQuery, data: unknown): Promise<number> {
  const { runtime, session } = context;
  requireApiKey(context, 'updateWhere');
  requireFilter(context, query, 'updateWhere');
  const body = validatePatch(runtime.definition, data);
  requireData(context, body, 'updateWhere');
  rejectOperatorStrings(runtime.id, 'updateWhere', body);
  return (await underWrite(context, () => session.adapter.updateRows(runtime.id, body, query.strings, false), writeTables(context, body))).total;
}

/** `deleteRows` on every row matching canonical queries; returns how many rows were deleted. */
export async function deleteWhere(context: TableContext, query: CanonicalQuery): Promise<number> {
  requireApiKey(context, 'deleteWhere');
  requireFilter(context, query, 'deleteWhere');
  return (await underWrite(context, () => context.session.adapter.deleteRows(context.runtime.id, query.strings, false), context.runtime.relations.deleteTables())).total;
}

/**
 * Appwrite refuses bulk routes to users: createRows answers 401, updateRows, upsertRows and deleteRows a
 * misleading 404 `database_not_found` (reference §2.5). Refused here, before any request.
 */
export function requireApiKey(context: TableContext, method: string): void {
  if (context.session.scope === 'key') return;
  throw new ConfigError(`${method}() on table "${context.runtime.id}" needs the API key: Appwrite refuses bulk requests made as a user ` +
    '(a db.as({ jwt }) view). Call it on the database itself, or use the per-row methods on the view', { table: context.runtime.id });
}

/** An empty filter would change every row of the table: refuse it rather than guess. */
export function requireFilter(context: TableContext, query: CanonicalQuery, method: string): void {
  if (!query.filtered) {
    throw new QueryError(context.runtime.id, '[]',
      `${method} needs at least one filter; to target every row, say so with Query.isNotNull('$id')`);
  }
}
