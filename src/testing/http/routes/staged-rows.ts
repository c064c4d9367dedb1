import { assertCanCreate } from '../../auth/access.js';
import type { Caller } from '../../auth/auth.js';
import { assertCanGrant, defaultRowPermissions, normalizePermissions } from '../../auth/permissions.js';
import type { RowInput } from '../../store/row-writer.js';
import type { TableState } from '../../store/store.js';
import type { StagedAction, TransactionCheck } from '../../store/transactions/transaction-registry.js';
import { rowNotFound } from '../errors.js';
import type { Reply } from '../responses.js';
import type { RouteContext } from './route.js';
import { parseLogged, viewRow } from './transaction-reads.js';

/*
 * Row writes sent with `transactionId` (Documents/*.php, "Handle transaction staging"): the route validates
 * as usual up to the write, then logs the operation in the transaction, emits no event, and answers a
 * stand-in for the row. Nothing is stored and the row structure is only checked at commit.
 */

/** The `transactionId` param of a row route, when the call is staged. */
export function stagedIn(context: RouteContext): string | undefined {
  return context.params.string('transactionId');
}

function permissionsFor(caller: Caller, given: string[] | undefined, fallback: readonly string[]): string[] {
  if (given === undefined) return [...fallback];
  const permissions = normalizePermissions('permissions', given, 'row');
  assertCanGrant(caller, permissions);
  return permissions;
}

/** The logged document of a row write: its values, `$id`, `$permissions` and the dates a key may set. */
function documentOf(id: string, input: RowInput, permissions: readonly string[]): Record<string, unknown> {
  return {
    $id: id,
    ...input.values,
    $permissions: [...permissions],
    ...(input.createdAt === undefined ? {} : { $createdAt: input.createdAt }),
    ...(input.updatedAt === undefined ? {} : { $updatedAt: input.updatedAt }),
  };
}

function log(context: RouteContext, table: TableState, transactionId: string, check: TransactionCheck,
  action: StagedAction, rowId: string | null, data: unknown): void {
  const registry = context.state.transactions;
  const record = registry.usable(context.caller, transactionId, check);
  registry.stage(record, [{ action, databaseId: table.table.databaseId, tableId: table.table.$id, rowId, data }]);
}

function standIn(table: TableState, document: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...document, $tableId: table.table.$id, $databaseId: table.table.databaseId, $sequence: '' };
}

/** createRow: 201 with the row as sent. */
export function stageCreateRow(context: RouteContext, table: TableState, transactionId: string, id: string, input: RowInput): Reply {
  const document = documentOf(id, input, permissionsFor(context.caller, input.permissions, defaultRowPermissions(context.caller)));
  assertCanCreate(context.caller, table.table);
  log(context, table, transactionId, 'row', 'create', id, document);
  return { status: 201, body: standIn(table, document) };
}

/** createRows: 200 with the number of rows sent and no rows. */
export function stageCreateRows(context: RouteContext, table: TableState, transactionId: string, inputs: readonly (RowInput & { id: string })[]): Reply {
  const documents = inputs.map((input) => documentOf(input.id, input, permissionsFor(context.caller, input.permissions, defaultRowPermissions(context.caller))));
  log(context, table, transactionId, 'row', 'bulkCreate', null, documents);
  return { status: 200, body: { total: documents.length, rows: [] } };
}

/** updateRow: the row must exist in the transaction's view (404 otherwise); 200 with the view merged with the change. */
export function stageUpdateRow(context: RouteContext, table: TableState, transactionId: string, rowId: string, input: RowInput): Reply {
  const current = viewRow(context, table, rowId, transactionId);
  if (current === undefined) throw rowNotFound(rowId);
  const kept = Array.isArray(current.$permissions) ? (current.$permissions as string[]) : [];
  const document = documentOf(rowId, input, permissionsFor(context.caller, input.permissions, kept));
  log(context, table, transactionId, 'row', 'update', rowId, document);
  return { status: 200, body: { ...current, ...document } };
}

/** upsertRow: 201 with the row as sent; without permissions it keeps the viewed row's, or gets the defaults. */
export function stageUpsertRow(context: RouteContext, table: TableState, transactionId: string, rowId: string, input: RowInput): Reply {
  let fallback = defaultRowPermissions(context.caller);
  if (input.permissions === undefined) {
    const current = viewRow(context, table, rowId, transactionId);
    if (current !== undefined) fallback = Array.isArray(current.$permissions) ? (current.$permissions as string[]) : [];
  }
  const document = documentOf(rowId, input, permissionsFor(context.caller, input.permissions, fallback));
  log(context, table, transactionId, 'row', 'upsert', rowId, document);
  return { status: 201, body: standIn(table, document) };
}

/** deleteRow: the row must exist in the transaction's view; 204. */
export function stageDeleteRow(context: RouteContext, table: TableState, transactionId: string, rowId: string): Reply {
  if (viewRow(context, table, rowId, transactionId) === undefined) throw rowNotFound(rowId);
  log(context, table, transactionId, 'row', 'delete', rowId, {});
  return { status: 204 };
}

/** increment/decrementRowColumn: 200 with the step (not the result) under the column's key. */
export function stageStep(context: RouteContext, table: TableState, transactionId: string, direction: 'increment' | 'decrement',
  rowId: string, column: string): Reply {
  const exact = (name: string): number | bigint | undefined => {
    const raw = context.params.raw[name];
    return typeof raw === 'bigint' ? raw : context.params.number(name);
  };
  const value = exact('value') ?? 1;
  const bound = direction === 'increment' ? 'max' : 'min';
  const limit = exact(bound);
  log(context, table, transactionId, 'loose', direction, rowId, { column, value, [bound]: limit ?? null });
  return { status: 200, body: { $id: rowId, $tableId: table.table.$id, $databaseId: table.table.databaseId, [column]: value, $sequence: '' } };
}

/**
 * updateRows, upsertRows, deleteRows: 200 with `total` 0 (update, delete: Appwrite cannot tell yet) or the
 * number of rows sent (upsert), and no rows. Queries are parsed now and run at commit.
 */
export function stageBulk(context: RouteContext, table: TableState, transactionId: string,
  action: 'bulkUpdate' | 'bulkUpsert' | 'bulkDelete', data: unknown): Reply {
  if (action !== 'bulkUpsert') parseLogged((data as { queries: unknown }).queries);
  log(context, table, transactionId, 'loose-no-expiry', action, null, data);
  return { status: 200, body: { total: action === 'bulkUpsert' && Array.isArray(data) ? data.length : 0, rows: [] } };
}
