import { HttpHandler, HttpResponse, type HttpRequestParsedResult } from 'msw';
import { ApiError } from '../api-error.js';
import { describeCaller, resolveCaller, type Caller } from '../../auth/auth.js';
import type { EmulatorState } from '../../emulator-state.js';
import { badRequest, unauthorizedScope } from '../errors.js';
import { faultError, type FaultSpec } from '../../control/faults.js';
import { Params, parseSearchParams } from '../params.js';
import type { RequestLogEntry } from '../../control/request-log.js';
import { bridgedBodies, errorResponse, replyResponse, type Reply } from '../responses.js';

/**
 * Who may call a route: `public` anyone; `admin` only an API key (databases, tables, columns, indexes: scopes
 * a user's role lacks); `rows` anyone, with permission checks in the route; `bulk` only an API key.
 */
export type Access = 'public' | 'admin' | 'rows' | 'bulk';

/** What a route handler receives. */
export interface RouteContext {
  readonly state: EmulatorState;
  readonly caller: Caller;
  readonly params: Params;
  readonly path: Readonly<Record<string, string>>;
}

export interface RouteDefinition {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the server root with `:name` params, e.g. `/v1/tablesdb/:databaseId`. */
  readonly path: string;
  /** SDK method name, or a function of the request for routes several SDK methods share. */
  readonly operation: string | ((path: Readonly<Record<string, string>>, params: Params) => string);
  readonly access: Access;
  /** Scope named in `general_unauthorized_scope` errors of `admin` routes. */
  readonly scope?: string;
  readonly handle: (context: RouteContext) => Reply | Promise<Reply>;
}

function pathOf(url: string): { path: string; search: string } {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const query = url.indexOf('?', start);
  return query < 0 ? { path: url.slice(start), search: '' } : { path: url.slice(start, query), search: url.slice(query + 1) };
}

async function readParams(request: Request, search: string): Promise<{ params: Params; body: unknown }> {
  const query = parseSearchParams(new URLSearchParams(search));
  if (request.method === 'GET' || request.method === 'HEAD') return { params: new Params(query), body: null };
  const text = bridgedBodies.get(request) ?? (await request.text());
  if (text.trim() === '') return { params: new Params(query), body: {} };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  return { params: new Params({ ...query, ...(body as Record<string, unknown>) }), body };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function checkAccess(route: RouteDefinition, caller: Caller): void {
  if (caller.kind === 'key' || route.access === 'public' || route.access === 'rows') return;
  if (route.access === 'bulk') {
    throw unauthorizedScope('The current user or API key does not have the required scopes to access the requested resource.');
  }
  throw unauthorizedScope(`${describeCaller(caller)} missing scopes (${JSON.stringify([route.scope ?? 'databases.read'])})`);
}

function logEntry(operation: string, request: Request, urlPath: string, path: Readonly<Record<string, string>>, params: Params, body: unknown): RequestLogEntry {
  return {
    operation,
    method: request.method,
    path: urlPath,
    ...(path.databaseId === undefined ? {} : { databaseId: path.databaseId }),
    ...(path.tableId === undefined ? {} : { tableId: path.tableId }),
    ...(path.rowId === undefined ? {} : { rowId: path.rowId }),
    queries: Array.isArray(params.raw.queries) ? (params.raw.queries as string[]) : [],
    body,
    status: 0,
    startedAt: Date.now(),
  };
}

async function handleRoute(state: EmulatorState, route: RouteDefinition, request: Request, params: Params, path: Readonly<Record<string, string>>, bridged: boolean): Promise<Response> {
  const caller = resolveCaller(
    { project: request.headers.get('x-appwrite-project'), key: request.headers.get('x-appwrite-key'), jwt: request.headers.get('x-appwrite-jwt') },
    state,
    state.jwts,
  );
  checkAccess(route, caller);
  return replyResponse(await route.handle({ state, caller, params, path }), bridged);
}

/** Logs the request, applies a matching fault, runs the route and turns any error into an Appwrite error body. */
async function resolve(state: EmulatorState, route: RouteDefinition, request: Request, path: Readonly<Record<string, string>>): Promise<Response> {
  const { path: urlPath, search } = pathOf(request.url);
  const bridged = bridgedBodies.has(request);
  let entry: RequestLogEntry | undefined;
  let fault: FaultSpec | undefined;
  let response: Response;
  try {
    const { params, body } = await readParams(request, search);
    const operation = typeof route.operation === 'string' ? route.operation : route.operation(path, params);
    entry = logEntry(operation, request, urlPath, path, params, body);
    state.log.record(entry);
    fault = state.faults.take({ operation, method: request.method, tableId: path.tableId });
    if (fault?.delayMs !== undefined) await sleep(fault.delayMs);
    if (fault?.drop === true) {
      entry.status = -1;
      return HttpResponse.error();
    }
    response = fault?.status === undefined
      ? await handleRoute(state, route, request, params, path, bridged)
      : errorResponse(faultError({ ...fault, status: fault.status }), bridged);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError('general_server_error', `Emulator error: ${String(error)}`, 500);
    response = errorResponse(apiError, bridged);
  }
  if (fault?.responseDelayMs !== undefined) await sleep(fault.responseDelayMs);
  if (entry !== undefined) entry.status = response.status;
  return response;
}

/**
 * An msw `HttpHandler` for one emulator route. It matches paths with a regular expression compiled once and
 * skips msw's cookie parsing, which otherwise dominates the cost of every request.
 */
export class RouteHandler extends HttpHandler {
  private readonly pattern: RegExp;
  private readonly names: string[] = [];

  constructor(state: EmulatorState, route: RouteDefinition) {
    super(route.method, `*${route.path}`, ({ request, params }) => resolve(state, route, request, params as Record<string, string>));
    const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_match, name: string) => {
      this.names.push(name);
      return '([^/]+)';
    });
    this.pattern = new RegExp(`^${source}/?$`);
  }

  override parse(args: { request: Request }): Promise<HttpRequestParsedResult> {
    const match = this.pattern.exec(pathOf(args.request.url).path);
    const params: Record<string, string> = {};
    if (match !== null) {
      this.names.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1] ?? '');
      });
    }
    return Promise.resolve({ match: { matches: match !== null, params }, cookies: {} });
  }
}
