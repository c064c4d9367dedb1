import { OrmError } from './orm-error.js';

/** One reason a row was rejected: the field it concerns (`''` for the row as a whole) and why. */
export interface ValidationIssue {
  readonly field: string;
  readonly reason: string;
}

/**
 * A row does not match its table's declared schema. Thrown before any request is sent; the message names
 * the table, the field, the row's index in a bulk call, and the reason. `issues` lists every problem found.
 *
 * @example
 * ```ts
 * try { await products.create({ name: 'Pen', price: -1 }); }
 * catch (error) { if (error instanceof ValidationError) console.log(error.context.field, error.issues); }
 * ```
 */
export class ValidationError extends OrmError {
  /** Every problem found in the row, in the order the validator reported them. */
  readonly issues: readonly ValidationIssue[];

  /**
   * @param options.subject what was invalid, in place of the default "Invalid row", e.g. `Invalid row id in get()`
   */
  constructor(table: string, issues: readonly ValidationIssue[], rowIndex?: number, options?: { readonly subject?: string }) {
    const first = issues[0] ?? { field: '', reason: 'invalid row' };
    const row = rowIndex === undefined ? '' : ` (row ${rowIndex})`;
    const details = issues.map((issue) => (issue.field === '' ? issue.reason : `field "${issue.field}": ${issue.reason}`));
    super('E_VALIDATION', `${options?.subject ?? 'Invalid row'} for table "${table}"${row}: ${details.join('; ')}`, {
      table,
      ...(first.field === '' ? {} : { field: first.field }),
      ...(rowIndex === undefined ? {} : { rowIndex }),
    });
    this.issues = issues;
  }
}
