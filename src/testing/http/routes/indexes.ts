import { indexNotFound } from '../errors.js';
import { buildIndex } from '../../store/index-specs.js';
import type { StoredIndex } from '../../store/model.js';
import { wireIndex } from '../serialize.js';
import type { TableState } from '../../store/store.js';
import { arrayList, integer, internalKey, key, nullable, optional, param, whiteList, type ParamRule } from '../param-rules.js';
import { databaseId, tableId, total } from './common-params.js';
import { listMetadata, metadataQueriesParam } from './list-params.js';
import type { RouteContext, RouteDefinition } from './route.js';

const BASE = '/v1/tablesdb/:databaseId/tables/:tableId/indexes';
const FIELDS = { key: 'string', type: 'string', status: 'string', attributes: 'string[]', error: 'string' } as const;
/** Indexes/Get.php:51-53 and Indexes/Delete.php:58-60. */
const indexParams: readonly ParamRule[] = [databaseId, tableId, param('key', key)];

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
    params: [databaseId, tableId, metadataQueriesParam(FIELDS), total], // Indexes/XList.php:52-55
    handle: (context) => {
      const { total, items } = listMetadata(tableOf(context).table.indexes, {
        fields: FIELDS,
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
    // Indexes/Create.php:58-64 (`columns` items are `Key(true)`, which also takes internal keys such as `$id`)
    params: [
      databaseId, tableId, param('key', key), param('type', whiteList(['key', 'fulltext', 'unique', 'spatial'], false)),
      param('columns', arrayList(internalKey, 100)), optional('orders', arrayList(whiteList(['ASC', 'DESC'], false), 100)),
      optional('lengths', arrayList(nullable(integer()), 100)),
    ],
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
    params: indexParams,
    handle: (context) => ({ status: 200, body: wireIndex(findIndex(tableOf(context), context.path.key ?? '')) }),
  },
  {
    method: 'DELETE', path: `${BASE}/:key`, operation: 'deleteIndex', access: 'admin', scope: ['tables.write', 'collections.write', 'indexes.write'],
    params: indexParams,
    handle: (context) => {
      const state = tableOf(context);
      context.state.jobs.indexDeleted(state, findIndex(state, context.path.key ?? ''));
      return { status: 204 };
    },
  },
];
