import { AppwriteException } from 'node-appwrite';
import { ConnectionError } from '../errors/connection-error.js';
import type { OrmErrorContext } from '../errors/orm-error.js';

/** How deep into `cause` (and an `AggregateError`'s `errors`) to look for the system error. */
const MAX_DEPTH = 6;
/** Error codes of Node's sockets and resolver (`ECONNREFUSED`, `ENOTFOUND`, `EAI_AGAIN`...) and of undici (`UND_ERR_*`). */
const NETWORK_CODE = /^(E[A-Z][A-Z0-9_]*|UND_ERR_[A-Z_]+)$/;

interface SystemCause {
  readonly code: string;
  readonly message: string;
}

/**
 * A {@link ConnectionError} for a request that never reached Appwrite (fetch failed, and the system error it
 * carries: `ECONNREFUSED`, `ENOTFOUND`, `ETIMEDOUT`, `ECONNRESET`, `EAI_AGAIN`, `UND_ERR_*`...), naming the
 * endpoint (without credentials; `endpoint` is read only then), the operation and that code; `undefined` for
 * anything else, an answer of Appwrite or the ORM's own deadline included.
 *
 * @example
 * ```ts
 * const failure = connectionFailure(error, () => 'http://user:pw@127.0.0.1:1/v1', 'listing rows in table "products"');
 * failure?.message; // 'Could not reach Appwrite at http://127.0.0.1:1/v1 while listing rows ... (ECONNREFUSED): ...'
 * ```
 */
export function connectionFailure(error: unknown, endpoint: () => string, operation: string, context: OrmErrorContext = {}): ConnectionError | undefined {
  if (error instanceof AppwriteException || !(error instanceof Error)) return undefined;
  const cause = systemCause(error, 0);
  const fetchFailed = error instanceof TypeError && error.message === 'fetch failed';
  if (!fetchFailed && (cause === undefined || !NETWORK_CODE.test(cause.code))) return undefined;
  return new ConnectionError(displayEndpoint(endpoint()), operation, cause?.code, cause?.message || error.message, context, { cause: error });
}

/** The innermost error along `cause` (or an `AggregateError`'s first error) that carries a code. */
function systemCause(error: unknown, depth: number): SystemCause | undefined {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return undefined;
  const { code, cause, message } = error as { code?: unknown; cause?: unknown; message?: unknown };
  const inner = systemCause(cause, depth + 1) ?? (error instanceof AggregateError ? systemCause(error.errors[0], depth + 1) : undefined);
  if (inner !== undefined) return inner;
  return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : '' } : undefined;
}

/** The endpoint as scheme, host and path: user name, password, query and fragment left out. */
export function displayEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(an invalid endpoint)';
  }
}
