import { AppwriteError } from './appwrite-error.js';
import type { OrmErrorContext } from './orm-error.js';

/**
 * Appwrite could not be reached: the connection was refused, the host name did not resolve, the TLS
 * handshake failed, the connection was reset... The message names the endpoint, what the ORM was doing and
 * the operating system's error code (`ECONNREFUSED`, `ENOTFOUND`, `EAI_AGAIN`, `ECONNRESET`, `UND_ERR_*`...).
 * When no connection was opened (refused, unknown host) nothing was delivered; after a reset the request may
 * have arrived. A kind of {@link AppwriteError} with status 0, retried like any request without an answer.
 *
 * @example
 * ```ts
 * try { await orm.init(tables); }
 * catch (error) { if (error instanceof ConnectionError) console.log(error.endpoint, error.osCode); }
 * ```
 */
export class ConnectionError extends AppwriteError {
  /** The Appwrite endpoint that did not answer (without credentials, query or fragment). */
  readonly endpoint: string;
  /** The operating system's (or undici's) error code, e.g. `ECONNREFUSED`; `undefined` when none was given. */
  readonly osCode: string | undefined;

  constructor(endpoint: string, operation: string, osCode: string | undefined, detail: string, context: OrmErrorContext = {}, options?: { cause?: unknown }) {
    const code = osCode === undefined ? '' : ` (${osCode})`;
    super(0, 'network_error', `Could not reach Appwrite at ${endpoint} while ${operation}${code}: ${detail}. Check the endpoint setting and that Appwrite is running and reachable from here.`, context, options, 'E_CONNECTION');
    this.endpoint = endpoint;
    this.osCode = osCode;
  }
}
