import { databaseNotFound, paramInvalid, paramMissing, rowMissingPayload, serverError } from '../errors.js';
import type { StoredRow } from '../../store/model.js';
import { parseOperators } from '../../store/operators/index.js';
import { filterRows, validateQueries, type ParsedQuery } from '../../store/query/index.js';
import { prepareBulkUpdate, prepareUpsertExisting } from '../../store/row-update.js';
import { assertNoBulkRelations } from '../../store/relationships/relation-answer.js';
import { commitRows, prepareCreates, removeRows, resolvePermissions, splitRowData } from '../../store/row-writer.js';
import { parsedQueries, rawQueries } from './list-params.js';
import { answerRows, dataParam, emitRows, relationshipKeys, rowTable } from './row-context.js';
import { stageBulk, stagedIn } from './staged-rows.js';
import { param } from '../param-rules.js';
import { data, databaseId, rowQueries, rowsValidator, tableId, transactionId } from './common-params.js';
import type { RouteContext, RouteDefinition } from './route.js';

const BASE = '/v1/tablesdb/:databaseId/tables/:tableId/rows';
/** `APP_LIMIT_DATABASE_BATCH`: rows per bulk request, and rows returned by bulk update/delete. */
const BATCH = 100;

const READ_ONLY = new Set(['$sequence', '$databaseId', '$tableId', '$collection', '$tenant']);

/** A bulk row or change as Appwrite logs it when staged: read-only system keys removed (bulk routes are privileged). */
function withoutReadOnly(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw paramInvalid('rows', 'Value must be a valid array of objects');
  return Object.fromEntries(Object.entries(item).filter(([key]) => !READ_ONLY.has(key)));
}

type Verb = 'update' | 'upsert' | 'delete';

/**
 * The table of a bulk route. Appwrite's bulk update, upsert and delete read the database with the caller's
 * authorization, and a database grants users no read: a JWT or guest caller gets 404 `database_not_found`
 * (Bulk/Update.php:105, Bulk/Upsert.php:95, Bulk/Delete.php:93). Tables with relationships are refused.
 */
function bulkTable(context: RouteContext, verb: Verb): ReturnType<typeof rowTable> {
  if (context.caller.kind !== 'key') throw databaseNotFound(context.path.databaseId ?? '');
  const table = rowTable(context, { checkEnabled: false });
  assertNoBulkRelations(context.state.store, table, verb);
  return table;
}

/**
 * Checks the queries of a bulk update or delete. A cursor passes validation, then makes Appwrite's database
 * layer call a method on the raw cursor ID (utopia-php/database 6.0 Database.php:6480, :8232): a 500.
 */
function checkQueries(table: ReturnType<typeof rowTable>, queries: readonly ParsedQuery[]): void {
  validateQueries(queries, table.table, { context: 'mutation' });
  if (queries.some((query) => query.method === 'cursorAfter' || query.method === 'cursorBefore')) throw serverError();
}

/** Rows a bulk update or delete acts on: every row matching the filter queries (limit and offset honoured). */
function targets(context: RouteContext, table: ReturnType<typeof rowTable>, queries: readonly ParsedQuery[]): StoredRow[] {
  return filterRows(context.state.store.rows(table), queries, table.table);
}

/** Bulk routes: upsertRows, updateRows, deleteRows (API key only, in effect). createRows shares `POST /rows`. */
export const bulkRowRoutes: readonly RouteDefinition[] = [
  {
    method: 'PUT', path: BASE, operation: 'upsertRows', access: 'rows',
    params: [databaseId, tableId, param('rows', rowsValidator), transactionId], // Bulk/Upsert.php:60-63
    handle: (context) => {
      const { params, caller, state } = context;
      const items = params.array('rows', { max: BATCH });
      if (items === undefined) throw paramMissing('rows');
      const table = bulkTable(context, 'upsert');
      const staged = stagedIn(context);
      if (staged !== undefined) return stageBulk(context, table, staged, 'bulkUpsert', items.map(withoutReadOnly));
      const writes = items.map((item) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) throw paramInvalid('rows', 'Value must be a valid array of objects');
        const input = splitRowData(parseOperators(item as Record<string, unknown>, relationshipKeys(table)), caller);
        const existing = input.id === undefined ? undefined : table.rows.get(input.id);
        if (existing === undefined) return prepareCreates(state.store, table, caller, [input])[0];
        // Appwrite 1.9.x leaves a row that changes nothing out of the write and of the answer
        // (utopia-php/database 6.0 Database.php:7283-7326; 1.9.0 still returned it).
        const permissions = resolvePermissions(caller, input.permissions, existing.$permissions);
        const write = prepareUpsertExisting(state.store, table, existing, { ...input, permissions }, () => undefined);
        return write.changed ? write.row : undefined;
      });
      const written = writes.filter((row): row is StoredRow => row !== undefined);
      // Appwrite reports a duplicate in upsertRows as the row 'multiple'.
      const rows = answerRows(context, table, commitRows(state.store, table, written, { mustBeNew: false, reportedId: 'multiple' }));
      emitRows(context, table, 'upsert', rows);
      return { status: 200, body: { total: rows.length, rows } };
    },
  },
  {
    method: 'PATCH', path: BASE, operation: 'updateRows', access: 'rows',
    params: [databaseId, tableId, data, rowQueries, transactionId], // Bulk/Update.php:59-63
    handle: (context) => {
      const { params, caller, state } = context;
      const data = dataParam(params) ?? {};
      if (Object.keys(data).length === 0) throw rowMissingPayload();
      const table = bulkTable(context, 'update');
      const staged = stagedIn(context);
      if (staged !== undefined) return stageBulk(context, table, staged, 'bulkUpdate', { data: withoutReadOnly(data), queries: rawQueries(params) });
      const input = splitRowData(parseOperators(data, relationshipKeys(table)), caller);
      const queries = parsedQueries(params);
      checkQueries(table, queries);
      const apply = prepareBulkUpdate(state.store, table, input);
      const updated = commitRows(state.store, table, targets(context, table, queries).map(apply), { mustBeNew: false });
      const rows = answerRows(context, table, updated.slice(0, BATCH));
      emitRows(context, table, 'update', rows);
      return { status: 200, body: { total: updated.length, rows } };
    },
  },
  {
    method: 'DELETE', path: BASE, operation: 'deleteRows', access: 'rows',
    params: [databaseId, tableId, rowQueries, transactionId], // Bulk/Delete.php:58-61
    handle: (context) => {
      const table = bulkTable(context, 'delete');
      const staged = stagedIn(context);
      if (staged !== undefined) return stageBulk(context, table, staged, 'bulkDelete', { queries: rawQueries(context.params) });
      const queries = parsedQueries(context.params);
      checkQueries(table, queries);
      const doomed = targets(context, table, queries);
      const rows = answerRows(context, table, doomed.slice(0, BATCH));
      removeRows(context.state.store, table, doomed.map((row) => row.$id));
      emitRows(context, table, 'delete', rows);
      return { status: 200, body: { total: doomed.length, rows } };
    },
  },
];
