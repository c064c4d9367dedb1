import type { Caller } from '../../auth/auth.js';
import type { EmulatorState } from '../../emulator-state.js';
import type { ParamRule } from '../param-rules.js';
import type { Params } from '../params.js';
import type { Reply } from '../responses.js';

/**
 * Who may call a route: `public` anyone; `admin` only an API key (databases, tables, columns, indexes: scopes
 * a user's role lacks); `rows` anyone, with permission checks in the route.
 */
type Access = 'public' | 'admin' | 'rows';

/** What a route handler receives. */
export interface RouteContext {
  readonly state: EmulatorState;
  readonly caller: Caller;
  readonly params: Params;
  readonly path: Readonly<Record<string, string>>;
}

/** One endpoint, declared like an Appwrite action: method, path, the SDK operation, access and handler. */
export interface RouteDefinition {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the server root with `:name` params, e.g. `/v1/tablesdb/:databaseId`. */
  readonly path: string;
  /** SDK method name, or a function of the request for routes several SDK methods share. */
  readonly operation: string | ((path: Readonly<Record<string, string>>, params: Params) => string);
  readonly access: Access;
  /** Scopes named in `general_unauthorized_scope` errors of `admin` routes (the route's `scope` label). */
  readonly scope?: readonly string[];
  /**
   * The action's declared params in Appwrite's order (path params included), checked before the handler
   * runs any lookup; a function of the path where the route serves several actions (column types).
   */
  readonly params?: readonly ParamRule[] | ((path: Readonly<Record<string, string>>) => readonly ParamRule[]);
  readonly handle: (context: RouteContext) => Reply | Promise<Reply>;
}
