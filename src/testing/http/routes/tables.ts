import { isoNow } from '../../control/clock.js';
import { buildColumn } from '../../store/column-specs.js';
import { isColumnEndpoint, type ColumnEndpoint } from '../../store/column-types.js';
import { argumentInvalid, columnAlreadyExists, paramInvalid, tableAlreadyExists } from '../errors.js';
import { uniqueId } from '../../store/ids.js';
import { buildIndex } from '../../store/index-specs.js';
import type { StoredColumn, StoredTable } from '../../store/model.js';
import { Params } from '../params.js';
import { normalizePermissions } from '../../auth/permissions.js';
import { wireTable } from '../serialize.js';
import { listMetadata } from './list-params.js';
import type { RouteDefinition } from './route.js';

const BASE = '/v1/tablesdb/:databaseId/tables';

/** The endpoint an inline column definition stands for (`float`/`double`, or `string` with a format). */
function inlineEndpoint(definition: Readonly<Record<string, unknown>>): ColumnEndpoint {
  const type = definition.type;
  const format = definition.format;
  if (type === 'relationship') {
    throw argumentInvalid('Relationship attributes cannot be created inline. Please create them using the createRelationshipColumn endpoint.');
  }
  if (type === 'double') return 'float';
  if (type === 'string' && typeof format === 'string' && format !== '' && isColumnEndpoint(format)) return format;
  if (typeof type === 'string' && isColumnEndpoint(type)) return type;
  throw paramInvalid('columns', `Column type "${String(type)}" is not supported.`);
}

/**
 * An inline number column takes its storage size as given (none: 32-bit) and has a range format only with
 * `min` or `max` (Collections/Create.php `buildAttributeDocument`).
 */
function inlineNumberShape(column: StoredColumn, definition: Readonly<Record<string, unknown>>): void {
  if (column.type !== 'integer' && column.type !== 'double') return;
  const given = (name: string): boolean => definition[name] !== undefined && definition[name] !== null;
  column.rangeFormat = given('min') || given('max');
  if (column.type === 'integer') column.intBytes = typeof definition.size === 'number' ? definition.size : 0;
}

function objects(params: Params, name: string): Readonly<Record<string, unknown>>[] {
  const list = params.array(name) ?? [];
  return list.map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw paramInvalid(name, 'Value must be a valid array of objects');
    return item as Record<string, unknown>;
  });
}

/** Inline columns and indexes are created in the request itself and are `available` at once. */
function addInlineSchema(table: StoredTable, params: Params): void {
  for (const definition of objects(params, 'columns')) {
    const column = buildColumn(inlineEndpoint(definition), new Params(definition));
    inlineNumberShape(column, definition);
    if (table.columns.some((existing) => existing.key === column.key)) throw columnAlreadyExists(column.key);
    column.status = 'available';
    table.columns.push(column);
  }
  for (const definition of objects(params, 'indexes')) {
    const index = buildIndex(table, new Params(definition), 'attributes');
    index.status = 'available';
    table.indexes.push(index);
  }
}

/** Table routes: list (full models), create (with inline columns and indexes), get, update, delete. */
export const tableRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET', path: BASE, operation: 'listTables', access: 'admin', scope: ['tables.read', 'collections.read'],
    handle: ({ state, params, path }) => {
      const tables = [...state.store.database(path.databaseId ?? '').tables.values()].map((t) => t.table);
      const { total, items } = listMetadata(tables, { name: 'string', enabled: 'boolean', rowSecurity: 'boolean' }, params, {
        id: (table) => table.$id,
        search: (table) => `${table.$id} ${table.name}`,
      });
      return { status: 200, body: { total, tables: items.map(wireTable) } };
    },
  },
  {
    method: 'POST', path: BASE, operation: 'createTable', access: 'admin', scope: ['tables.write', 'collections.write'],
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
      addInlineSchema(table, params);
      state.store.addTable(database.database.$id, table);
      state.store.changed();
      return { status: 201, body: wireTable(table) };
    },
  },
  {
    method: 'GET', path: `${BASE}/:tableId`, operation: 'getTable', access: 'admin', scope: ['tables.read', 'collections.read'],
    handle: ({ state, path }) => ({ status: 200, body: wireTable(state.store.table(path.databaseId ?? '', path.tableId ?? '').table) }),
  },
  {
    method: 'PUT', path: `${BASE}/:tableId`, operation: 'updateTable', access: 'admin', scope: ['tables.write', 'collections.write'],
    handle: ({ state, params, path }) => {
      const { table } = state.store.table(path.databaseId ?? '', path.tableId ?? '');
      table.name = params.string('name', { max: 128 }) ?? table.name;
      const permissions = params.stringArray('permissions');
      if (permissions !== undefined) table.$permissions = normalizePermissions('permissions', permissions, 'table');
      table.rowSecurity = params.boolean('rowSecurity') ?? table.rowSecurity;
      table.enabled = params.boolean('enabled') ?? table.enabled;
      table.$updatedAt = isoNow();
      state.store.changed();
      return { status: 200, body: wireTable(table) };
    },
  },
  {
    method: 'DELETE', path: `${BASE}/:tableId`, operation: 'deleteTable', access: 'admin', scope: ['tables.write', 'collections.write'],
    handle: ({ state, path }) => {
      const database = state.store.database(path.databaseId ?? '');
      const { table } = state.store.table(path.databaseId ?? '', path.tableId ?? '');
      database.tables.delete(table.$id);
      state.store.changed();
      return { status: 204 };
    },
  },
];
