/** Stable codes carried by every error the ORM throws. */
export type OrmErrorCode =
  | 'E_CONFIG'
  | 'E_VALIDATION'
  | 'E_NOT_FOUND'
  | 'E_CONFLICT'
  | 'E_QUERY'
  | 'E_MIGRATION'
  | 'E_SCHEMA_DRIFT'
  | 'E_APPWRITE'
  | 'E_CONNECTION'
  | 'E_BULK_PARTIAL';

/** Context that locates an error: which table, row and field it concerns. */
export interface OrmErrorContext {
  readonly table?: string;
  readonly rowId?: string;
  readonly rowIndex?: number;
  readonly field?: string;
}

/**
 * Base class of every error thrown by appwrite-orm. Catch it to handle all of them; switch on `code`.
 *
 * @example
 * ```ts
 * try { await products.create({ name: '' }); }
 * catch (error) { if (error instanceof OrmError && error.code === 'E_VALIDATION') console.log(error.message); }
 * ```
 */
export class OrmError extends Error {
  readonly code: OrmErrorCode;
  readonly context: OrmErrorContext;

  constructor(code: OrmErrorCode, message: string, context: OrmErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }
}
