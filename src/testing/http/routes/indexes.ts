import { indexNotFound } from '../errors.js';
import { buildIndex } from '../../store/index-specs.js';
import type { StoredIndex } from '../../store/model.js';
import { wireIndex } from '../serialize.js';
import type { TableState } from '../../store/store.js';
import { listMetadata } from './list-params.js';
import type { RouteContext, RouteDefinition } from './route.js';

const BASE = '/v1/tablesdb/:databaseId/tables/:tableId/indexes';

function tableOf({ state, path }: RouteContext): TableState {
  return state.store.table(path.databaseId ?? '', path.tableId ?? '');
}

function findIndex(state: TableState, key: string): StoredIndex {
  const index = state.table.indexes.find((item) => item.key === key);
  if (index === undefined) throw indexNotFound(key);
  return index;
}

/** Index routes: list, create (202, processing), get, delete. */
export const indexRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET', path: BASE, operation: 'listIndexes', access: 'admin', scope: ['tables.read', 'collections.read', 'indexes.read'],
    handle: (context) => {
      const { total, items } = listMetadata(tableOf(context).table.indexes, {
        fields: { key: 'string', type: 'string', status: 'string', attributes: 'string[]', error: 'string' },
        noun: 'Index',
        id: (index) => index.key,
        search: (index) => index.key,
        field: (index, key) => (key === 'attributes' ? index.columns : undefined),
      }, context.params);
      return { status: 200, body: { total, indexes: items.map(wireIndex) } };
    },
  },
  {
    method: 'POST', path: BASE, operation: 'createIndex', access: 'admin', scope: ['tables.write', 'collections.write', 'indexes.write'],
    handle: (context) => {
      const state = tableOf(context);
      const index = buildIndex(state.table, context.params, 'columns');
      index.$id = `${context.state.store.internalPrefix(context.path.databaseId ?? '', state.table.$id)}_${index.key}`;
      state.table.indexes.push(index);
      context.state.store.changed(state);
      context.state.jobs.indexCreated(state, index);
      return { status: 202, body: wireIndex(index) };
    },
  },
  {
    method: 'GET', path: `${BASE}/:key`, operation: 'getIndex', access: 'admin', scope: ['tables.read', 'collections.read', 'indexes.read'],
    handle: (context) => ({ status: 200, body: wireIndex(findIndex(tableOf(context), context.path.key ?? '')) }),
  },
  {
    method: 'DELETE', path: `${BASE}/:key`, operation: 'deleteIndex', access: 'admin', scope: ['tables.write', 'collections.write', 'indexes.write'],
    handle: (context) => {
      const state = tableOf(context);
      context.state.jobs.indexDeleted(state, findIndex(state, context.path.key ?? ''));
      return { status: 204 };
    },
  },
];
