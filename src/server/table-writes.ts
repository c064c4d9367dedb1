import { checkId } from '../appwrite/appwrite-ids.js';
import type { RowRecord } from '../appwrite/tables-db-adapter.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import { sameRowValues } from './row-compare.js';
import { checkStep, createBody, patchBody, requireFilter, upsertBody, writeTables } from './table-checks.js';
import type { TableCore } from './table-core.js';
import type { CallOptions, CreateOptions, StepOptions, WriteOptions } from './table-types.js';
import type { StepValue } from './step-check.js';

/*
 * The single-row writes and the `*Where` writes of a table: each validated, then sent under the core's write
 * protocol over every table it changes.
 */

export async function createRow(core: TableCore, data: unknown, options: CreateOptions = {}): Promise<RowRecord> {
  const { runtime } = core;
  if (options.id !== undefined) checkId(options.id, { table: runtime.id, method: 'create', allowUnique: true });
  const body = createBody(runtime, data);
  // A retried create that finds its id taken may be meeting its own first attempt, whose answer was lost:
  // the row is read back and returned when it holds what was sent.
  const isOurs = (row: RowRecord): boolean => sameRowValues(runtime.definition, body, row);
  return await core.write(writeTables(runtime, body), () => core.adapter(options).createRow(runtime.id, options.id, body, options.permissions, isOurs));
}

export async function updateRow(core: TableCore, rowId: string, data: unknown, options: WriteOptions = {}): Promise<RowRecord> {
  const { runtime } = core;
  checkId(rowId, { table: runtime.id, method: 'update' });
  const body = patchBody(runtime, data, 'update', options.permissions);
  return await core.write(writeTables(runtime, body), () => core.adapter(options).updateRow(runtime.id, rowId, body, options.permissions));
}

export async function upsertRow(core: TableCore, rowId: string, data: unknown, options: WriteOptions = {}): Promise<RowRecord> {
  const { runtime } = core;
  checkId(rowId, { table: runtime.id, method: 'upsert' });
  const body = upsertBody(runtime, data);
  return await core.write(writeTables(runtime, body), () => core.adapter(options).upsertRow(runtime.id, rowId, body, options.permissions));
}

export async function deleteRow(core: TableCore, rowId: string, options?: CallOptions): Promise<void> {
  checkId(rowId, { table: core.id, method: 'delete' });
  return await core.write(core.runtime.relations.deleteTables(), () => core.adapter(options).deleteRow(core.id, rowId));
}

/** `increment` (sign 1) or `decrement` (sign -1) of a numeric column, with an optional bound. */
export async function stepColumn(core: TableCore, rowId: string, column: string, by: StepValue, sign: 1 | -1, options: StepOptions = {}): Promise<RowRecord> {
  const method = sign === 1 ? 'increment' : 'decrement';
  checkId(rowId, { table: core.id, method });
  const bound = sign === 1 ? options.max : options.min;
  checkStep(core.runtime, column, by, method, bound);
  const adapter = core.adapter(options);
  return await core.write([core.id], () => (sign === 1
    ? adapter.incrementRowColumn(core.id, rowId, column, by, bound)
    : adapter.decrementRowColumn(core.id, rowId, column, by, bound)));
}

/** `updateRows` on every row matching canonical queries; returns how many rows changed. */
export async function updateWhere(core: TableCore, query: CanonicalQuery, data: unknown): Promise<number> {
  const { runtime, session } = core;
  core.requireApiKey('updateWhere');
  requireFilter(runtime, query, 'updateWhere');
  const body = patchBody(runtime, data, 'updateWhere');
  return (await core.write(writeTables(runtime, body), () => session.adapter.updateRows(runtime.id, body, query.strings, false))).total;
}

/** `deleteRows` on every row matching canonical queries; returns how many rows were deleted. */
export async function deleteWhere(core: TableCore, query: CanonicalQuery): Promise<number> {
  core.requireApiKey('deleteWhere');
  requireFilter(core.runtime, query, 'deleteWhere');
  return (await core.write(core.runtime.relations.deleteTables(), () => core.session.adapter.deleteRows(core.id, query.strings, false))).total;
}
