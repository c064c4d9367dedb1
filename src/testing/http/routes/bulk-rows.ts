import { paramInvalid, paramMissing, rowMissingPayload } from '../errors.js';
import type { StoredRow } from '../../store/model.js';
import { filterRows, validateQueries } from '../../store/query/index.js';
import { commitRows, prepareCreates, prepareUpdate, removeRows, splitRowData } from '../../store/row-writer.js';
import { assertNoBulkRelations } from '../../store/relationships/relation-answer.js';
import { parsedQueries, rawQueries } from './list-params.js';
import { answerRows, emitRows, rowTable } from './row-context.js';
import { stageBulk, stagedIn } from './staged-rows.js';
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

/** Rows a bulk update or delete acts on: every row matching the filter queries. */
function targets(context: RouteContext, table: ReturnType<typeof rowTable>): StoredRow[] {
  const queries = parsedQueries(context.params);
  validateQueries(queries, table.table, { context: 'mutation' });
  return filterRows(context.state.store.rows(table), queries, table.table);
}

/** Bulk routes (API key only): upsertRows, updateRows, deleteRows. createRows shares `POST /rows`. */
export const bulkRowRoutes: readonly RouteDefinition[] = [
  {
    method: 'PUT', path: BASE, operation: 'upsertRows', access: 'bulk',
    handle: (context) => {
      const { params, caller, state } = context;
      const table = rowTable(context);
      assertNoBulkRelations(state.store, table, 'upsert');
      const items = params.array('rows', { max: BATCH });
      if (items === undefined) throw paramMissing('rows');
      const staged = stagedIn(context);
      if (staged !== undefined) return stageBulk(context, table, staged, 'bulkUpsert', items.map(withoutReadOnly));
      const prepared = items.map((item) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) throw paramInvalid('rows', 'Value must be a valid array of objects');
        const input = splitRowData(item as Record<string, unknown>, caller);
        const existing = input.id === undefined ? undefined : table.rows.get(input.id);
        return existing === undefined
          ? prepareCreates(state.store, table, caller, [input])[0] as StoredRow
          : prepareUpdate(state.store, table, caller, existing, input);
      });
      const rows = answerRows(context, table, commitRows(state.store, table, prepared, false));
      emitRows(context, table, 'upsert', rows);
      return { status: 201, body: { total: rows.length, rows } };
    },
  },
  {
    method: 'PATCH', path: BASE, operation: 'updateRows', access: 'bulk',
    handle: (context) => {
      const { params, caller, state } = context;
      const data = params.object('data') ?? {};
      if (Object.keys(data).length === 0) throw rowMissingPayload();
      const table = rowTable(context);
      assertNoBulkRelations(state.store, table, 'update');
      const staged = stagedIn(context);
      if (staged !== undefined) return stageBulk(context, table, staged, 'bulkUpdate', { data: withoutReadOnly(data), queries: rawQueries(params) });
      const input = splitRowData(data, caller);
      const prepared = targets(context, table).map((row) => prepareUpdate(state.store, table, caller, row, input));
      const updated = commitRows(state.store, table, prepared, false);
      const rows = answerRows(context, table, updated.slice(0, BATCH));
      emitRows(context, table, 'update', rows);
      return { status: 200, body: { total: updated.length, rows } };
    },
  },
  {
    method: 'DELETE', path: BASE, operation: 'deleteRows', access: 'bulk',
    handle: (context) => {
      const table = rowTable(context);
      assertNoBulkRelations(context.state.store, table, 'delete');
      const staged = stagedIn(context);
      if (staged !== undefined) return stageBulk(context, table, staged, 'bulkDelete', { queries: rawQueries(context.params) });
      const doomed = targets(context, table);
      const rows = answerRows(context, table, doomed.slice(0, BATCH));
      removeRows(context.state.store, table, doomed.map((row) => row.$id));
      emitRows(context, table, 'delete', rows);
      return { status: 200, body: { total: doomed.length, rows } };
    },
  },
];
