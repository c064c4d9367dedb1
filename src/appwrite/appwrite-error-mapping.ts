import { AppwriteException } from 'node-appwrite';
import { AppwriteError } from '../errors/appwrite-error.js';
import { ConflictError } from '../errors/conflict-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { OrmError } from '../errors/orm-error.js';
import { QueryError } from '../errors/query-error.js';
import { connectionFailure } from './connection-failure.js';
import { TIMEOUT_TYPE } from './request-deadline.js';

/** What a failed request was doing, to name it in the error. */
export interface RequestContext {
  readonly table: string;
  /** Verb phrase for messages, e.g. `listing rows`, `updating a row`. */
  readonly action: string;
  readonly rowId?: string;
}

const QUERY_TYPES = new Set(['general_query_invalid', 'general_cursor_not_found', 'database_query_order_null']);

/**
 * Maps whatever a node-appwrite call threw to the ORM's typed errors: 404 `row_not_found` to
 * {@link NotFoundError} (when a row id is known), 409 to {@link ConflictError}, invalid queries to
 * {@link QueryError}, any other answer to {@link AppwriteError} with its status and type, a request that
 * never reached the endpoint (fetch failed: refused, unknown host, reset...) to a `ConnectionError` naming
 * it, and one that got no answer otherwise (none within the deadline: type `request_timeout`) to an
 * {@link AppwriteError} with status 0.
 *
 * @example
 * ```ts
 * try { return await tablesDB.listRows(params); }
 * catch (error) { throw toOrmError(error, { table: 'products', action: 'listing rows' }, () => client.config.endpoint); }
 * ```
 */
export function toOrmError(error: unknown, context: RequestContext, endpoint: () => string): OrmError {
  const { table, rowId } = context;
  const row = rowId === undefined ? '' : ` "${rowId}"`;
  if (error instanceof AppwriteException && error.type === TIMEOUT_TYPE) {
    return new AppwriteError(0, TIMEOUT_TYPE, `${error.message} while ${context.action}${row} in table "${table}"`, locate(table, rowId), { cause: error });
  }
  const unreachable = connectionFailure(error, endpoint, `${context.action}${row} in table "${table}"`, locate(table, rowId));
  if (unreachable !== undefined) return unreachable;
  if (!(error instanceof AppwriteException) || error.code === 0) {
    const reason = error instanceof Error ? error.message : String(error);
    return new AppwriteError(0, 'network_error', `No answer from Appwrite while ${context.action}${row} in table "${table}": ${reason}`,
      locate(table, rowId), { cause: error });
  }
  const type = error.type === '' ? 'unknown' : error.type;
  if (error.code === 404 && type === 'row_not_found' && rowId !== undefined) return new NotFoundError(table, { rowId }, { cause: error });
  if (error.code === 409) return new ConflictError(table, rowId, type, error.message, { cause: error });
  if (error.code === 400 && QUERY_TYPES.has(type)) return new QueryError(table, undefined, `Appwrite rejected the query: ${error.message}`, { cause: error });
  return new AppwriteError(error.code, type, `Appwrite answered ${error.code} ${type} while ${context.action}${row} in table "${table}": ${error.message}`,
    locate(table, rowId), { cause: error });
}

function locate(table: string, rowId: string | undefined): { table: string; rowId?: string } {
  return rowId === undefined ? { table } : { table, rowId };
}
