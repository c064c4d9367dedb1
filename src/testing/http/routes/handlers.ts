import { notImplemented } from '../errors.js';
import { bulkRowRoutes } from './bulk-rows.js';
import { columnRoutes } from './columns.js';
import { databaseRoutes } from './databases.js';
import { indexRoutes } from './indexes.js';
import type { RouteDefinition } from './route.js';
import { rowRoutes } from './rows.js';
import { tableRoutes } from './tables.js';

const pingRoute: RouteDefinition = {
  method: 'GET', path: '/v1/ping', operation: 'ping', access: 'public',
  handle: () => ({ status: 200, text: 'Pong!' }),
};

/** Transactions (1.8+) are not emulated: their routes answer 501 instead of being read as database IDs. */
const transactionRoutes: RouteDefinition[] = (['GET', 'POST', 'PATCH', 'DELETE'] as const).flatMap((method) =>
  ['/v1/tablesdb/transactions', '/v1/tablesdb/transactions/:transactionId', '/v1/tablesdb/transactions/:transactionId/operations'].map(
    (path): RouteDefinition => ({
      method, path, operation: 'transaction', access: 'public',
      handle: () => {
        throw notImplemented('Transactions');
      },
    }),
  ),
);

/**
 * Every route the emulator serves. The router puts static segments before params, so the order here does not
 * matter (the transaction routes are not read as `:databaseId`).
 */
export function emulatorRoutes(): readonly RouteDefinition[] {
  return [...rowRoutes, ...bulkRowRoutes, ...columnRoutes, ...indexRoutes, ...tableRoutes, pingRoute, ...transactionRoutes, ...databaseRoutes];
}
