import { HttpHandler, type HttpRequestParsedResult } from 'msw';
import type { EmulatorState } from '../../emulator-state.js';
import { routeNotFound } from '../errors.js';
import { bulkRowRoutes } from './bulk-rows.js';
import { columnRoutes } from './columns.js';
import { databaseRoutes } from './databases.js';
import { indexRoutes } from './indexes.js';
import { errorResponse } from '../responses.js';
import { RouteHandler, type RouteDefinition } from './route.js';
import { rowRoutes } from './rows.js';
import { tableRoutes } from './tables.js';
import { transactionRoutes } from './transactions.js';

const pingRoute: RouteDefinition = {
  method: 'GET', path: '/v1/ping', operation: 'ping', access: 'public',
  handle: () => ({ status: 200, text: 'Pong!' }),
};

/** Answers every request no route matched with 404 `general_route_not_found`. */
class RouteNotFoundHandler extends HttpHandler {
  constructor() {
    super('ALL', '*', () => errorResponse(routeNotFound()));
  }

  override parse(): Promise<HttpRequestParsedResult> {
    return Promise.resolve({ match: { matches: true, params: {} }, cookies: {} });
  }

  override predicate(): boolean {
    return true;
  }
}

/**
 * The emulator's msw request handlers, hottest routes first (msw tries handlers in order): rows, bulk rows,
 * columns, indexes, tables, ping, transactions (before databases, whose `:databaseId` would match them),
 * databases, then the not-found fallback.
 */
export function createHandlers(state: EmulatorState): HttpHandler[] {
  const routes = [...rowRoutes, ...bulkRowRoutes, ...columnRoutes, ...indexRoutes, ...tableRoutes, pingRoute, ...transactionRoutes, ...databaseRoutes];
  return [...routes.map((route) => new RouteHandler(state, route)), new RouteNotFoundHandler()];
}
