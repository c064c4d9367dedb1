import { OrmError } from './orm-error.js';

/**
 * A row that was asked for by id (or the first row matching a filter) does not exist.
 *
 * @example
 * ```ts
 * try { await products.getOrFail('missing'); }
 * catch (error) { if (error instanceof NotFoundError) console.log(error.context.rowId); }
 * ```
 */
export class NotFoundError extends OrmError {
  /**
   * @param table the table id
   * @param what the row id, or a description of the filter that matched nothing
   */
  constructor(table: string, what: { readonly rowId: string } | { readonly filter: string }, options?: { cause?: unknown }) {
    const message = 'rowId' in what
      ? `Row "${what.rowId}" was not found in table "${table}".`
      : `No row of table "${table}" matches ${what.filter}.`;
    super('E_NOT_FOUND', message, 'rowId' in what ? { table, rowId: what.rowId } : { table }, options);
  }
}
