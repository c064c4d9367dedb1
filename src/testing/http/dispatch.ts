import { describeCaller, resolveCaller, type Caller } from '../auth/auth.js';
import { faultError, type FaultSpec } from '../control/faults.js';
import type { RequestLogEntry } from '../control/request-log.js';
import type { EmulatorState } from '../emulator-state.js';
import { ApiError } from './api-error.js';
import { routeNotFound, unauthorizedScope } from './errors.js';
import { checkParams } from './param-rules.js';
import type { Params } from './params.js';
import { readParams } from './request-params.js';
import { errorAnswer, replyAnswer, type Answer } from './responses.js';
import { Router } from './router.js';
import type { RouteDefinition } from './routes/route.js';

/** A request as the server (or the msw adapter) received it, its body already read as text. */
export interface Call {
  readonly method: string;
  /** Path and query string, e.g. `/v1/tablesdb/main?queries[]=...`. */
  readonly url: string;
  header(name: string): string | null;
  readonly body: string;
}

/** `drop`: close the connection without answering (a `drop` or `dropAnswer` fault). */
export type Outcome = Answer | 'drop';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function checkAccess(route: RouteDefinition, caller: Caller): void {
  if (caller.kind === 'key' || route.access === 'public' || route.access === 'rows') return;
  throw unauthorizedScope(`${describeCaller(caller)} missing scopes (${JSON.stringify(route.scope ?? ['databases.read'])})`);
}

function logEntry(operation: string, method: string, urlPath: string, path: Readonly<Record<string, string>>, params: Params, body: unknown): RequestLogEntry {
  return {
    operation,
    method,
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

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('general_server_error', `Emulator error: ${String(error)}`, 500);
}

/**
 * Answers calls with the emulator's routes: finds the route, logs the request, applies a matching fault,
 * checks the caller's access, runs the handler, and turns any error into an Appwrite error body.
 *
 * @example
 * ```ts
 * const dispatcher = new Dispatcher(state, emulatorRoutes());
 * const outcome = await dispatcher.answer({ method: 'GET', url: '/v1/ping', header: () => null, body: '' });
 * ```
 */
export class Dispatcher {
  readonly #state: EmulatorState;
  readonly #router: Router<RouteDefinition>;

  constructor(state: EmulatorState, routes: Iterable<RouteDefinition>) {
    this.#state = state;
    this.#router = new Router(routes);
  }

  /** The route a method and URL path lead to, if any. */
  route(method: string, urlPath: string): RouteDefinition | undefined {
    return this.#router.match(method, urlPath)?.route;
  }

  async answer(call: Call): Promise<Outcome> {
    const queryAt = call.url.indexOf('?');
    const urlPath = queryAt < 0 ? call.url : call.url.slice(0, queryAt);
    const found = this.#router.match(call.method, urlPath);
    if (found === undefined) return errorAnswer(routeNotFound());
    const { route, path } = found;
    let entry: RequestLogEntry | undefined;
    let fault: FaultSpec | undefined;
    let answer: Answer;
    try {
      const { params, body } = await readParams(call, queryAt < 0 ? '' : call.url.slice(queryAt + 1));
      const operation = typeof route.operation === 'string' ? route.operation : route.operation(path, params);
      entry = logEntry(operation, call.method, urlPath, path, params, body);
      this.#state.log.record(entry);
      fault = this.#state.faults.take({ operation, method: call.method, tableId: path.tableId });
      if (fault?.delayMs !== undefined) await sleep(fault.delayMs);
      if (fault?.drop === true) {
        entry.status = -1;
        return 'drop';
      }
      answer = fault?.status === undefined ? await this.#run(route, call, params, path) : errorAnswer(faultError({ ...fault, status: fault.status }));
    } catch (error) {
      answer = errorAnswer(asApiError(error));
    }
    if (fault?.responseDelayMs !== undefined) await sleep(fault.responseDelayMs);
    if (fault?.dropAnswer === true && entry !== undefined) {
      entry.status = -1;
      return 'drop';
    }
    if (entry !== undefined) entry.status = answer.status;
    return answer;
  }

  async #run(route: RouteDefinition, call: Call, params: Params, path: Readonly<Record<string, string>>): Promise<Answer> {
    const state = this.#state;
    const caller = resolveCaller({ project: call.header('x-appwrite-project'), key: call.header('x-appwrite-key'), jwt: call.header('x-appwrite-jwt') }, state, state.jwts);
    checkAccess(route, caller);
    if (route.params !== undefined) checkParams(typeof route.params === 'function' ? route.params(path) : route.params, path, params.raw);
    return replyAnswer(await route.handle({ state, caller, params, path }));
  }
}
