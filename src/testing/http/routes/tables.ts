import { isoNow } from '../../control/clock.js';
import { ApiError } from '../api-error.js';
import { paramInvalid, tableAlreadyExists } from '../errors.js';
import { inlineColumns } from '../../store/inline-columns.js';
import { checkInlineIndexes } from '../../store/inline-indexes.js';
import { ROW_WIDTH_LIMIT, rowWidth } from '../../store/row-width.js';
import { uniqueId } from '../../store/ids.js';
import { buildIndex } from '../../store/index-specs.js';
import type { StoredTable } from '../../store/model.js';
import { Params } from '../params.js';
import { normalizePermissions } from '../../auth/permissions.js';
import { wireTable } from '../serialize.js';
import { arrayList, boolean, customId, json, optional, param, permissions, text, type ParamRule } from '../param-rules.js';
import { databaseId, search, tableId, total } from './common-params.js';
import { listMetadata, metadataQueriesParam } from './list-params.js';
import type { RouteDefinition } from './route.js';

const BASE = '/v1/tablesdb/:databaseId/tables';
const FIELDS = { name: 'string', enabled: 'boolean' } as const;
const TABLE_PERMISSIONS = ['read', 'create', 'update', 'delete', 'write'];
/** Tables/Create.php:63-65 and Tables/Update.php:60-62. */
const settings: readonly ParamRule[] = [
  permissions('permissions', TABLE_PERMISSIONS), optional('rowSecurity', boolean(true)), optional('enabled', boolean()),
];

function objects(params: Params, name: string): Readonly<Record<string, unknown>>[] {
  const list = params.array(name) ?? [];
  return list.map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw paramInvalid(name, 'Value must be a valid array of objects');
    return item as Record<string, unknown>;
  });
}

/**
 * Inline columns and indexes are created in the request itself and are `available` at once; a row wider than
 * 65,535 bytes refuses the table (1.9.0 names the table where its message says database).
 */
function addInlineSchema(table: StoredTable, params: Params, prefix: string): void {
  table.columns.push(...inlineColumns(objects(params, 'columns')));
  const definitions = objects(params, 'indexes');
  checkInlineIndexes(definitions, table);
  if (rowWidth(table.columns) > ROW_WIDTH_LIMIT) {
    throw new ApiError('table_limit_exceeded', `The maximum number of tables for database '${table.$id}' has been reached.`, 400);
  }
  for (const definition of definitions) {
    const index = buildIndex(table, new Params(definition), 'attributes');
    index.status = 'available';
    index.$id = `${prefix}_${index.key}`;
    table.indexes.push(index);
  }
}

/** Table routes: list (full models), create (with inline columns and indexes), get, update, delete. */
export const tableRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET', path: BASE, operation: 'listTables', access: 'admin', scope: ['tables.read', 'collections.read'],
    params: [databaseId, metadataQueriesParam(FIELDS), search, total], // Tables/XList.php:53-56
    handle: ({ state, params, path }) => {
      const tables = [...state.store.database(path.databaseId ?? '').tables.values()].map((t) => t.table);
      const { total, items } = listMetadata(tables, {
        fields: FIELDS,
        noun: 'Table',
        id: (table) => table.$id,
        search: (table) => `${table.$id} ${table.name}`,
      }, params);
      return { status: 200, body: { total, tables: items.map((table) => wireTable(table)) } };
    },
  },
  {
    method: 'POST', path: BASE, operation: 'createTable', access: 'admin', scope: ['tables.write', 'collections.write'],
    // Tables/Create.php:60-67
    params: [
      databaseId, param('tableId', customId), param('name', text(128)), ...settings,
      optional('columns', arrayList(json, 100)), optional('indexes', arrayList(json, 100)),
    ],
    handle: ({ state, params, path }) => {
      const database = state.store.database(path.databaseId ?? '');
      const requested = params.requiredKey('tableId', { allowUnique: true });
      const name = params.requiredString('name', { max: 128 });
      const permissions = normalizePermissions('permissions', params.stringArray('permissions') ?? [], 'table');
      const id = requested === 'unique()' ? uniqueId() : requested;
      if (database.tables.has(id)) throw tableAlreadyExists(id);
      const now = isoNow();
      const table: StoredTable = {
        $id: id, databaseId: database.database.$id, name,
        enabled: params.boolean('enabled') ?? true, rowSecurity: params.boolean('rowSecurity') ?? false,
        $permissions: permissions, $createdAt: now, $updatedAt: now, columns: [], indexes: [],
      };
      addInlineSchema(table, params, state.store.internalPrefix(database.database.$id, id));
      state.store.addTable(database.database.$id, table);
      state.store.changed();
      return { status: 201, body: wireTable(table, true) };
    },
  },
  {
    method: 'GET', path: `${BASE}/:tableId`, operation: 'getTable', access: 'admin', scope: ['tables.read', 'collections.read'],
    params: [databaseId, tableId], // Tables/Get.php:50-51
    handle: ({ state, path }) => ({ status: 200, body: wireTable(state.store.table(path.databaseId ?? '', path.tableId ?? '').table) }),
  },
  {
    method: 'PUT', path: `${BASE}/:tableId`, operation: 'updateTable', access: 'admin', scope: ['tables.write', 'collections.write'],
    params: [databaseId, tableId, optional('name', text(128)), ...settings], // Tables/Update.php:57-62
    handle: ({ state, params, path }) => {
      const { table } = state.store.table(path.databaseId ?? '', path.tableId ?? '');
      // Collections/Update.php: only a truthy name replaces the old one (PHP's `if ($name)`, so not "0").
      const name = params.string('name', { max: 128 });
      if (name !== undefined && name !== '0') table.name = name;
      const permissions = params.stringArray('permissions');
      if (permissions !== undefined) table.$permissions = normalizePermissions('permissions', permissions, 'table');
      // Appwrite always writes both: omitted, row security goes off and the table is enabled again.
      table.rowSecurity = params.boolean('rowSecurity') ?? false;
      table.enabled = params.boolean('enabled') ?? true;
      table.$updatedAt = isoNow();
      state.store.changed();
      return { status: 200, body: wireTable(table) };
    },
  },
  {
    method: 'DELETE', path: `${BASE}/:tableId`, operation: 'deleteTable', access: 'admin', scope: ['tables.write', 'collections.write'],
    params: [databaseId, tableId], // Tables/Delete.php:53-54
    handle: ({ state, path }) => {
      const database = state.store.database(path.databaseId ?? '');
      const { table } = state.store.table(path.databaseId ?? '', path.tableId ?? '');
      database.tables.delete(table.$id);
      state.store.changed();
      return { status: 204 };
    },
  },
];
