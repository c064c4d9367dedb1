import { createRequire } from 'node:module';
import type * as Msw from 'msw';
import type { RequestHandler } from 'msw';
import type { Call, Dispatcher, Outcome } from './dispatch.js';
import type { RouteDefinition } from './routes/route.js';

// What to run when `mswHandlers()` is called without msw installed.
const MSW_INSTALL = 'npm install --save-dev msw@^2.9.0';

/**
 * Loads msw on first use only, so that `appwrite-orm/testing/msw` loads without it and says what to install
 * when called. `require` rather than `import()` keeps `mswHandlers()` synchronous; msw recognises its handlers by a marker, not by class identity, so handlers from
 * its CommonJS build work with a `setupServer` imported as ESM.
 */
function loadMsw(): typeof Msw {
  const require = createRequire(import.meta.url);
  try {
    require.resolve('msw');
  } catch (error) {
    throw new Error(`mswHandlers() needs msw, which is not installed. Install it with: ${MSW_INSTALL} (the emulator itself runs without msw).`, { cause: error });
  }
  return require('msw') as typeof Msw;
}

async function callOf(request: Request): Promise<Call> {
  const url = new URL(request.url);
  const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  return { method: request.method, url: url.pathname + url.search, header: (name) => request.headers.get(name), body };
}

function responseOf(outcome: Outcome): Response {
  // msw turns Response.error() into a network error, as a dropped connection looks to a fetch client.
  if (outcome === 'drop') return Response.error();
  const headers = outcome.contentType === undefined ? undefined : { 'content-type': outcome.contentType };
  return new Response(outcome.body === '' ? null : outcome.body, { status: outcome.status, headers });
}

/**
 * The emulator's routes as msw request handlers, one per route plus a fallback answering 404
 * `general_route_not_found`, for clients that call the global `fetch` in-process (msw's `setupServer`).
 * They share the emulator's data, request log and faults.
 *
 * @example
 * ```ts
 * const server = setupServer(...routeHandlers(dispatcher, emulatorRoutes()));
 * ```
 */
export function routeHandlers(dispatcher: Dispatcher, routes: readonly RouteDefinition[]): RequestHandler[] {
  const { http } = loadMsw();
  const answer = async (request: Request): Promise<Response> => responseOf(await dispatcher.answer(await callOf(request)));
  const handlers: RequestHandler[] = routes.map((route) => {
    const method = route.method.toLowerCase() as Lowercase<RouteDefinition['method']>;
    return http[method](`*${route.path}`, ({ request }) =>
      // msw tries handlers in declaration order; only the route the emulator's router picks answers.
      dispatcher.route(request.method, new URL(request.url).pathname) === route ? answer(request) : undefined,
    );
  });
  handlers.push(http.all('*', ({ request }) => answer(request)));
  return handlers;
}
