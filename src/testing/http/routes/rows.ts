import type { Reply } from '../responses.js';
import { assertCanChange, assertCanCreate, assertReadable, listFilter } from '../../auth/access.js';
import { badRequest, paramInvalid, rowMissingData, unauthorizedScope } from '../errors.js';
import { isValidKey, KEY_DESCRIPTION, uniqueId } from '../../store/ids.js';
import { bulkRowPermissions } from '../../auth/permissions.js';
import type { Caller } from '../../auth/auth.js';
import type { StoredRow } from '../../store/model.js';
import { runListQuery, validateQueries } from '../../store/query/index.js';
import { commitRows, prepareCreates, splitRowData, type RowInput } from '../../store/row-writer.js';
import { assertNoBulkRelations } from '../../store/relationships/relation-answer.js';
import { queryableRows } from '../../store/relationships/relation-query.js';
import { deleteWithRelations } from '../../store/relationships/relation-delete.js';
import { dropUntouchedChildren, withRelations } from '../../store/relationships/relation-input.js';
import { customId, optional, range } from '../param-rules.js';
import { data, databaseId, rowId, rowPermissions, rowQueries, rowsValidator, tableId, total, transactionId } from './common-params.js';
import { incrementRoute } from './increment.js';
import { checkTtl, parsedQueries, wantsTotal } from './list-params.js';
import { answerRows, dataParam, emitRows, findRow, hasContent, permissionsParam, rowTable } from './row-context.js';
import { rowWriteRoutes } from './row-writes.js';
import { stageCreateRow, stageCreateRows, stageDeleteRow, stagedIn } from './staged-rows.js';
import { getRowInTransaction, listRowsInTransaction } from './transaction-reads.js';
import type { RouteContext, RouteDefinition } from './route.js';

const BASE = '/v1/tablesdb/:databaseId/tables/:tableId/rows';
const BULK_LIMIT = 100;

/**
 * One createRows row as Documents/Create.php:359-378 checks it before the write: its `$id` with `CustomId`
 * and its `$permissions` with utopia's `Permissions`, each failure a 400 `general_bad_request` with the
 * validator's message.
 */
function bulkRowInput(item: Readonly<Record<string, unknown>>, caller: Caller): RowInput {
  const id = item.$id;
  if (id !== undefined && id !== null && id !== 'unique()' && !isValidKey(id)) throw badRequest(KEY_DESCRIPTION);
  const given = item.$permissions;
  if (given !== undefined && given !== null && given !== '' && !Array.isArray(given)) throw badRequest('Permissions must be an array of strings.');
  const permissions = Array.isArray(given) ? bulkRowPermissions(given) : undefined;
  const { $permissions: _ignored, ...rest } = item;
  return { ...splitRowData(rest, caller), permissions };
}

/**
 * createRow and createRows share `POST /rows`; the body decides which (Documents/Create.php). A createRow
 * ignores `$permissions` inside `data` (the `permissions` param or its default wins); createRows takes each
 * row's `$permissions`. Grants are checked before the table's create permission.
 */
function createRowOrRows(context: RouteContext): Reply {
  const { params, caller, state } = context;
  const rows = params.array('rows', { max: BULK_LIMIT });
  const data = dataParam(params);
  if (!hasContent(data) && !hasContent(rows)) throw rowMissingData();
  if (hasContent(data) && hasContent(rows)) throw badRequest('You can only send one of the following parameters: data, rows');
  if (data !== undefined && hasContent(data)) {
    if (!params.has('rowId')) throw rowMissingData('Row ID is required when creating a single row.');
    const requested = params.requiredKey('rowId', { allowUnique: true });
    const table = rowTable(context);
    const input = splitRowData(data, caller, { idFromPath: true });
    const id = requested === 'unique()' ? uniqueId() : requested;
    const staged = stagedIn(context);
    if (staged !== undefined) return stageCreateRow(context, table, staged, id, { ...input, permissions: permissionsParam(params) });
    const stored = withRelations(state.store, caller, table, { ...input, id, permissions: permissionsParam(params) }, (clean) => {
      const prepared = prepareCreates(state.store, table, caller, [clean]);
      assertCanCreate(caller, table.table);
      return commitRows(state.store, table, prepared, { mustBeNew: true })[0] as StoredRow;
    });
    const [row] = answerRows(context, table, [stored]);
    dropUntouchedChildren(state.store, table, row, input.values);
    emitRows(context, table, 'create', row === undefined ? [] : [row]);
    return { status: 201, body: row };
  }
  if (params.has('rowId')) throw badRequest('Param "rowId" is disallowed when creating multiple rows, set "$id" in each row instead');
  if (params.has('permissions')) throw badRequest('Param "permissions" is disallowed when creating multiple rows, set "$permissions" in each row instead');
  if (caller.kind !== 'key') {
    throw unauthorizedScope('The current user or API key does not have the required scopes to access the requested resource.');
  }
  const table = rowTable(context);
  assertNoBulkRelations(state.store, table, 'create');
  const inputs: RowInput[] = (rows ?? []).map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw paramInvalid('rows', 'Value must be a valid array of objects');
    return bulkRowInput(item as Record<string, unknown>, caller);
  });
  const staged = stagedIn(context);
  if (staged !== undefined) return stageCreateRows(context, table, staged, inputs.map((input) => ({ ...input, id: input.id ?? uniqueId() })));
  // Appwrite reports a duplicate in createRows with the route's (empty) row ID.
  const prepared = prepareCreates(state.store, table, caller, inputs, { checkedPermissions: true });
  const stored = commitRows(state.store, table, prepared, { mustBeNew: true, reportedId: '' });
  const created = answerRows(context, table, stored);
  emitRows(context, table, 'create', created);
  return { status: 201, body: { total: created.length, rows: created } };
}

/** Single-row routes: list, get, create (and createRows), upsert, update, delete, increment, decrement. */
export const rowRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET', path: `${BASE}/:rowId`, operation: 'getRow', access: 'rows',
    params: [databaseId, tableId, rowId, rowQueries, transactionId], // Rows/Get.php:53-57
    handle: (context) => {
      const table = rowTable(context);
      const queries = parsedQueries(context.params);
      validateQueries(queries, table.table, { context: 'get' });
      const staged = stagedIn(context);
      if (staged !== undefined) return { status: 200, body: getRowInTransaction(context, table, context.path.rowId ?? '', staged, queries) };
      const row = findRow(table, context.path.rowId ?? '');
      assertReadable(context.caller, table.table, row);
      return { status: 200, body: answerRows(context, table, [row], queries)[0] };
    },
  },
  {
    method: 'GET', path: BASE, operation: 'listRows', access: 'rows',
    params: [databaseId, tableId, rowQueries, transactionId, total, optional('ttl', range(0, 86_400))], // Rows/XList.php:55-60
    handle: (context) => {
      // The declared params (total, ttl) are checked before the route looks anything up.
      const includeTotal = wantsTotal(context.params);
      checkTtl(context.params);
      const table = rowTable(context);
      const queries = parsedQueries(context.params);
      validateQueries(queries, table.table, { context: 'list' });
      const staged = stagedIn(context);
      if (staged !== undefined) {
        const { total, rows } = listRowsInTransaction(context, table, staged, queries);
        return { status: 200, body: { total: includeTotal ? total : 0, rows } };
      }
      const readable = listFilter(context.caller, table.table);
      const all = queryableRows(context.state.store.database(table.table.databaseId), table, context.state.store.rows(table), queries);
      const result = runListQuery(readable === null ? all : all.filter(readable), queries, table.table, {
        findRow: (id) => table.rows.get(id),
      });
      return {
        status: 200,
        body: { total: includeTotal ? result.total : 0, rows: answerRows(context, table, result.rows, queries) },
      };
    },
  },
  {
    method: 'POST', path: BASE, access: 'rows',
    operation: (_path, params) => (params.has('rows') ? 'createRows' : 'createRow'),
    // Rows/Create.php:98-104: rowId comes before tableId.
    params: [databaseId, optional('rowId', customId), tableId, data, rowPermissions, optional('rows', rowsValidator), transactionId],
    handle: createRowOrRows,
  },
  ...rowWriteRoutes,
  {
    method: 'DELETE', path: `${BASE}/:rowId`, operation: 'deleteRow', access: 'rows',
    params: [databaseId, tableId, rowId, transactionId], // Rows/Delete.php:63-66
    handle: (context) => {
      const table = rowTable(context);
      const staged = stagedIn(context);
      if (staged !== undefined) return stageDeleteRow(context, table, staged, context.path.rowId ?? '');
      const row = findRow(table, context.path.rowId ?? '');
      assertCanChange(context.caller, table.table, row, 'delete');
      const answered = answerRows(context, table, [row]);
      deleteWithRelations(context.state.store, context.state.store.database(table.table.databaseId), table, row.$id);
      emitRows(context, table, 'delete', answered);
      return { status: 204 };
    },
  },
  incrementRoute('increment'),
  incrementRoute('decrement'),
];
