import { OrmError, type OrmErrorCode, type OrmErrorContext } from './orm-error.js';

/**
 * Any other failure reported by Appwrite, or a request that got no answer. Wraps the SDK's
 * `AppwriteException` (kept as `cause`) with its HTTP status and error type.
 *
 * @example
 * ```ts
 * try { await products.find([]); }
 * catch (error) { if (error instanceof AppwriteError && error.status === 401) console.log(error.type); }
 * ```
 */
export class AppwriteError extends OrmError {
  /** HTTP status Appwrite answered with; 0 when no answer arrived (network error, dropped connection). */
  readonly status: number;
  /** Appwrite's error type (`general_server_error`, `user_unauthorized`...), or `network_error`. */
  readonly type: string;

  /** `code` is for subclasses (`ConnectionError`); an Appwrite answer is always `E_APPWRITE`. */
  constructor(status: number, type: string, message: string, context: OrmErrorContext = {}, options?: { cause?: unknown }, code: OrmErrorCode = 'E_APPWRITE') {
    super(code, message, context, options);
    this.status = status;
    this.type = type;
  }

  /** True for answers worth retrying: 429, 5xx, and no answer at all. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}
