import { bulkRowRoutes } from './bulk-rows.js';
import { columnRoutes } from './columns.js';
import { databaseRoutes } from './databases.js';
import { indexRoutes } from './indexes.js';
import type { RouteDefinition } from './route.js';
import { rowRoutes } from './rows.js';
import { tableRoutes } from './tables.js';
import { transactionRoutes } from './transactions.js';

const pingRoute: RouteDefinition = {
  method: 'GET', path: '/v1/ping', operation: 'ping', access: 'public',
  handle: () => ({ status: 200, text: 'Pong!' }),
};

/**
 * Every route the emulator serves, each declaring its params (path params included) for the dispatcher to
 * check before the handler runs. The router puts static segments before params, so the order here does not
 * matter (the transaction routes are not read as `:databaseId`).
 */
export function emulatorRoutes(): readonly RouteDefinition[] {
  return [...rowRoutes, ...bulkRowRoutes, ...columnRoutes, ...indexRoutes, ...tableRoutes, pingRoute, ...transactionRoutes, ...databaseRoutes];
}
