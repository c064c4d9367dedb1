import { OrmError } from './orm-error.js';

/**
 * A query could not be understood: an unparsable string, an unknown method or column, a bad value.
 * Thrown before any request when the ORM can tell, and for Appwrite's 400 `general_query_invalid`.
 *
 * @example
 * ```ts
 * try { await products.find(['equal("price", ']); }
 * catch (error) { if (error instanceof QueryError) console.log(error.query); }
 * ```
 */
export class QueryError extends OrmError {
  /** The query as the caller wrote it (or as it was sent, for errors reported by Appwrite). */
  readonly query: string | undefined;

  constructor(table: string | undefined, query: string | undefined, reason: string, options?: { cause?: unknown }) {
    const where = table === undefined ? '' : ` on table "${table}"`;
    const what = query === undefined ? 'Invalid query' : `Invalid query ${quote(query)}`;
    super('E_QUERY', `${what}${where}: ${reason}`, table === undefined ? {} : { table }, options);
    this.query = query;
  }
}

function quote(query: string): string {
  return query.length > 200 ? `'${query.slice(0, 200)}...'` : `'${query}'`;
}
