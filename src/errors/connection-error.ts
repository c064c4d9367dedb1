import { AppwriteError } from './appwrite-error.js';
import type { OrmErrorContext } from './orm-error.js';

/**
 * Appwrite could not be reached: the connection was refused, the host name did not resolve, the TLS
 * handshake failed, the connection was reset... The message names the endpoint, what the ORM was doing and
 * the operating system's error code (`ECONNREFUSED`, `ENOTFOUND`, `EAI_AGAIN`, `ECONNRESET`, `UND_ERR_*`...).
 * When no connection was opened (refused, unknown host) nothing was delivered and the message says "Could not
 * reach"; after a reset or a timeout it says "Lost the connection": the request may have arrived. A kind of {@link AppwriteError} with status 0, retried like any request without an answer.
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
    const message = osCode !== undefined && LOST.test(osCode)
      ? `Lost the connection to Appwrite at ${endpoint} while ${operation}${code}: ${detail}. The request may have been applied or not.`
      : `Could not reach Appwrite at ${endpoint} while ${operation}${code}: ${detail}. Check the endpoint setting and that Appwrite is running and reachable from here.`;
    super(0, 'network_error', message, context, options, 'E_CONNECTION');
    this.endpoint = endpoint;
    this.osCode = osCode;
  }
}

/** Codes of a connection that was open and then broke (the request may have arrived), rather than never opened. */
const LOST = /^(ECONNRESET|EPIPE|ETIMEDOUT|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED|UND_ERR_ABORTED|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/;
