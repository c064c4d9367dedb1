import { OrmError } from './orm-error.js';

/**
 * A write clashed with an existing row: the id is taken, or a unique index already holds the value
 * (Appwrite's 409 `row_already_exists`).
 *
 * @example
 * ```ts
 * try { await products.create({ name: 'Pen', price: 2 }, { id: 'pen' }); }
 * catch (error) { if (error instanceof ConflictError) console.log(error.message); }
 * ```
 */
export class ConflictError extends OrmError {
  /** Appwrite's error type, e.g. `row_already_exists`. */
  readonly type: string;

  constructor(table: string, rowId: string | undefined, type: string, detail: string, options?: { cause?: unknown }) {
    const row = rowId === undefined ? '' : ` row "${rowId}"`;
    super('E_CONFLICT', `Conflict writing${row} in table "${table}": ${detail}`, rowId === undefined ? { table } : { table, rowId }, options);
    this.type = type;
  }
}
