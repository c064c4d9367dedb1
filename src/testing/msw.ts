import type { RequestHandler } from 'msw';
import type { AppwriteEmulator } from './emulator.js';
import { routingOf } from './http/emulator-routing.js';
import { routeHandlers } from './http/msw-adapter.js';

/**
 * The local server's routes as [msw](https://mswjs.io) request handlers, one per route plus a fallback
 * answering 404 `general_route_not_found`, for clients that call the global `fetch` in-process (msw's
 * `setupServer`). They share the emulator's data, request log and faults. Needs msw (an optional peer
 * dependency): called without it, it throws an error saying what to install.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { startAppwriteEmulator } from 'appwrite-orm/testing';
 * import { mswHandlers } from 'appwrite-orm/testing/msw';
 *
 * const emu = await startAppwriteEmulator();
 * const server = setupServer(...mswHandlers(emu));
 * server.listen();
 * ```
 */
export function mswHandlers(emulator: AppwriteEmulator): RequestHandler[] {
  const routing = routingOf(emulator);
  if (routing === undefined) throw new TypeError('mswHandlers() takes an emulator returned by startAppwriteEmulator() of appwrite-orm/testing.');
  return routeHandlers(routing.dispatcher, routing.routes);
}
