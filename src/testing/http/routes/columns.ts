import { ApiError } from '../api-error.js';
import { buildColumn, checkUpdateParams, updatedColumn } from '../../store/column-specs.js';
import { checkIndexesAfterAlter } from '../../store/index-specs.js';
import { columnOperation, isColumnEndpoint, maxLengthOf, UNSUPPORTED_ENDPOINTS, type ColumnEndpoint } from '../../store/column-types.js';
import {
  columnAlreadyExists, columnNotAvailable, columnNotFound, notImplemented,
  paramInvalid, routeNotFound,
} from '../errors.js';
import { isValidKey, KEY_DESCRIPTION } from '../../store/ids.js';
import type { StoredColumn, StoredRow } from '../../store/model.js';
import type { TableState } from '../../store/store.js';
import { wireColumn } from '../serialize.js';
import { createRelationshipColumn, partnerOf, updateRelationshipColumn } from '../../store/relationships/relation-columns.js';
import { canAddColumn } from '../../store/row-width.js';
import { columnParams, createColumnParams, updateColumnParams } from './column-params.js';
import { databaseId, tableId, total } from './common-params.js';
import { listMetadata, metadataQueriesParam } from './list-params.js';
import type { RouteContext, RouteDefinition } from './route.js';

const BASE = '/v1/tablesdb/:databaseId/tables/:tableId/columns';
const FIELDS = { key: 'string', type: 'string', size: 'integer', required: 'boolean', array: 'boolean', status: 'string', error: 'string' } as const;

function tableOf({ state, path }: RouteContext): TableState {
  return state.store.table(path.databaseId ?? '', path.tableId ?? '');
}

function endpointParam(value: string | undefined): ColumnEndpoint {
  if (value !== undefined && isColumnEndpoint(value)) return value;
  if (value !== undefined && UNSUPPORTED_ENDPOINTS.has(value)) throw notImplemented(`The ${value} column type`);
  throw routeNotFound();
}

function findColumn(state: TableState, key: string): StoredColumn {
  const column = state.table.columns.find((item) => item.key === key);
  if (column === undefined) throw columnNotFound(key);
  return column;
}

/** Existing values longer than a string column's new size make the resize fail. */
function assertFits(state: TableState, column: StoredColumn): void {
  const limit = maxLengthOf(column);
  if (limit === undefined) return;
  for (const row of state.rows.values()) {
    const value = row[column.key];
    const values = Array.isArray(value) ? value : [value];
    if (values.some((item) => typeof item === 'string' && [...item].length > limit)) {
      throw new ApiError('column_invalid_resize', 'Existing data is too large for new size, truncate your existing data then try again.', 400);
    }
  }
}

/** A rename onto an existing key fails in utopia with a duplicate, which Appwrite reports under the old key. */
function checkRename(state: TableState, column: StoredColumn, newKey: string): void {
  if (state.table.columns.some((item) => item.key === newKey)) throw columnAlreadyExists(column.key);
}

function moveValues(state: TableState, from: string, to: string): void {
  for (const [id, row] of state.rows) {
    if (!(from in row)) continue;
    const { [from]: value, ...rest } = row;
    state.rows.set(id, { ...rest, [to]: value } as StoredRow);
  }
}

/** Column routes: list, create per type (202, processing), get, update per type, delete. */
export const columnRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET', path: BASE, operation: 'listColumns', access: 'admin', scope: ['tables.read', 'collections.read', 'columns.read', 'attributes.read'],
    params: [databaseId, tableId, metadataQueriesParam(FIELDS), total], // Columns/XList.php:51-54
    handle: (context) => {
      const { total, items } = listMetadata(tableOf(context).table.columns, {
        fields: FIELDS,
        noun: 'Column',
        id: (column) => column.key,
        search: (column) => column.key,
      }, context.params);
      return { status: 200, body: { total, columns: items.map((column) => wireColumn(column, 'listed')) } };
    },
  },
  {
    method: 'POST', path: `${BASE}/:type`, access: 'admin', scope: ['tables.write', 'collections.write', 'columns.write', 'attributes.write'],
    operation: (path) => columnOperation('create', path.type ?? ''),
    params: createColumnParams,
    handle: (context) => {
      const state = tableOf(context);
      if (context.path.type === 'relationship') {
        const db = context.state.store.database(context.path.databaseId ?? '');
        return { status: 202, body: wireColumn(createRelationshipColumn(context.state.store, context.state.jobs, db, state, context.params)) };
      }
      const column = buildColumn(endpointParam(context.path.type), context.params);
      // Appwrite checks the limits (checkAttribute) before the duplicate key (Attributes/Action.php:398-401).
      if (!canAddColumn(state.table.columns, column)) {
        throw new ApiError('column_limit_exceeded', `The maximum number or size of columns for table '${state.table.$id}' has been reached.`, 400);
      }
      if (state.table.columns.some((item) => item.key === column.key)) throw columnAlreadyExists(column.key);
      state.table.columns.push(column);
      context.state.store.changed(state);
      context.state.jobs.columnCreated(state, column);
      return { status: 202, body: wireColumn(column) };
    },
  },
  {
    method: 'GET', path: `${BASE}/:key`, operation: 'getColumn', access: 'admin', scope: ['tables.read', 'collections.read', 'columns.read', 'attributes.read'],
    params: columnParams,
    handle: (context) => ({ status: 200, body: wireColumn(findColumn(tableOf(context), context.path.key ?? '')) }),
  },
  {
    method: 'PATCH', path: `${BASE}/:type/:key`, access: 'admin', scope: ['tables.write', 'collections.write', 'columns.write', 'attributes.write'],
    operation: (path) => (path.key === 'relationship' ? 'updateRelationshipColumn' : columnOperation('update', path.type ?? '')),
    params: updateColumnParams,
    handle: (context) => {
      const relationship = context.path.key === 'relationship';
      // For a relationship the path's second segment is the column key (Relationship/Update.php: `Key`).
      if (relationship && !isValidKey(context.path.type)) throw paramInvalid('key', KEY_DESCRIPTION);
      const endpoint = relationship ? undefined : endpointParam(context.path.type);
      if (endpoint !== undefined) checkUpdateParams(endpoint, context.params);
      // `newKey` is a declared param (`Nullable(Key)`), checked before the action looks the column up.
      const newKey = context.params.string('newKey');
      if (newKey !== undefined && !isValidKey(newKey)) throw paramInvalid('newKey', `${KEY_DESCRIPTION} or null`);
      if (endpoint === undefined) {
        const state = tableOf(context);
        const db = context.state.store.database(context.path.databaseId ?? '');
        const column = findColumn(state, context.path.type ?? '');
        return { status: 200, body: wireColumn(updateRelationshipColumn(context.state.store, db, state, column, context.params)) };
      }
      const state = tableOf(context);
      const column = findColumn(state, context.path.key ?? '');
      if (column.status !== 'available') throw columnNotAvailable(column.key);
      const updated = updatedColumn(column, endpoint, context.params);
      const renamed = newKey !== undefined && newKey !== column.key;
      // utopia validates the indexes before the table is altered (where a duplicate name or truncation fails).
      const resized = (endpoint === 'string' || endpoint === 'varchar') && context.params.number('size') !== undefined;
      if (newKey !== undefined || resized) checkIndexesAfterAlter(state.table, column.key, { ...updated, key: newKey ?? column.key });
      if (renamed) checkRename(state, column, newKey);
      assertFits(state, updated);
      state.table.columns[state.table.columns.indexOf(column)] = updated;
      if (renamed) {
        moveValues(state, column.key, newKey);
        // A rename rewrites the column lists of the indexes that use it (Attributes/Action.php).
        for (const index of state.table.indexes) index.columns = index.columns.map((key) => (key === column.key ? newKey : key));
        updated.key = newKey;
      }
      context.state.store.changed(state);
      // The route's own model answers, and the update sets no `encrypt` (see `ColumnView`).
      return { status: 200, body: wireColumn(updated, 'updated', endpoint) };
    },
  },
  {
    method: 'DELETE', path: `${BASE}/:key`, operation: 'deleteColumn', access: 'admin', scope: ['tables.write', 'collections.write', 'columns.write', 'attributes.write'],
    params: columnParams,
    handle: (context) => {
      const state = tableOf(context);
      const column = findColumn(state, context.path.key ?? '');
      const partner = partnerOf(context.state.store.database(context.path.databaseId ?? ''), column);
      context.state.jobs.columnDeleted(state, column);
      if (partner !== undefined) context.state.jobs.columnDeleted(partner.table, partner.column);
      return { status: 204 };
    },
  },
];
