import { isoNow } from '../../control/clock.js';
import { databaseAlreadyExists } from '../errors.js';
import { uniqueId } from '../../store/ids.js';
import type { StoredDatabase } from '../../store/model.js';
import { wireDatabase } from '../serialize.js';
import { boolean, customId, optional, param, text, type ParamRule } from '../param-rules.js';
import { databaseId, search, total } from './common-params.js';
import { listMetadata, metadataQueriesParam } from './list-params.js';
import type { RouteDefinition } from './route.js';

const BASE = '/v1/tablesdb';
const FIELDS = { name: 'string' } as const;
const enabled: ParamRule = optional('enabled', boolean());

/** Database routes: list, create, get, update, delete. */
export const databaseRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET', path: BASE, operation: 'list', access: 'admin', scope: ['databases.read'],
    // TablesDB/XList.php:57-59
    params: [metadataQueriesParam(FIELDS), search, total],
    handle: ({ state, params }) => {
      const all = [...state.store.databases.values()].map((db) => db.database);
      const { total, items } = listMetadata(all, {
        fields: FIELDS,
        noun: 'Database',
        id: (db) => db.$id,
        search: (db) => `${db.$id} ${db.name}`,
      }, params);
      return { status: 200, body: { total, databases: items.map(wireDatabase) } };
    },
  },
  {
    method: 'POST', path: BASE, operation: 'create', access: 'admin', scope: ['databases.write'],
    // TablesDB/Create.php:50-52
    params: [param('databaseId', customId), param('name', text(128)), enabled],
    handle: ({ state, params }) => {
      const requested = params.requiredKey('databaseId', { allowUnique: true });
      const name = params.requiredString('name', { max: 128 });
      const enabled = params.boolean('enabled') ?? true;
      const id = requested === 'unique()' ? uniqueId() : requested;
      if (state.store.databases.has(id)) throw databaseAlreadyExists(id);
      const now = isoNow();
      const database: StoredDatabase = { $id: id, name, enabled, $createdAt: now, $updatedAt: now };
      state.store.databases.set(id, { database, tables: new Map() });
      state.store.changed();
      return { status: 201, body: wireDatabase(database) };
    },
  },
  {
    method: 'GET', path: `${BASE}/:databaseId`, operation: 'get', access: 'admin', scope: ['databases.read'],
    params: [databaseId], // TablesDB/Get.php:45
    handle: ({ state, path }) => ({ status: 200, body: wireDatabase(state.store.database(path.databaseId ?? '').database) }),
  },
  {
    method: 'PUT', path: `${BASE}/:databaseId`, operation: 'update', access: 'admin', scope: ['databases.write'],
    params: [databaseId, optional('name', text(128)), enabled], // TablesDB/Update.php:50-52
    handle: ({ state, path, params }) => {
      const { database } = state.store.database(path.databaseId ?? '');
      // Databases/Update.php: a truthy name replaces the old one (PHP's `if ($name)`, so not "0"), and
      // `enabled` is always written, its default true when omitted.
      const name = params.string('name', { max: 128 });
      if (name !== undefined && name !== '0') database.name = name;
      database.enabled = params.boolean('enabled') ?? true;
      database.$updatedAt = isoNow();
      state.store.changed();
      return { status: 200, body: wireDatabase(database) };
    },
  },
  {
    method: 'DELETE', path: `${BASE}/:databaseId`, operation: 'delete', access: 'admin', scope: ['databases.write'],
    params: [databaseId], // TablesDB/Delete.php:48
    handle: ({ state, path }) => {
      const { database } = state.store.database(path.databaseId ?? '');
      state.store.databases.delete(database.$id);
      state.store.changed();
      return { status: 204 };
    },
  },
];
