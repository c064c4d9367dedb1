import { OrmError } from './orm-error.js';

/** One row of a bulk call, by its position in the input and its id when known. */
export interface BulkRowRef {
  readonly index: number;
  readonly id?: string;
}

/** A row of a bulk call that did not go through, with the error of its request. */
export interface BulkRowFailure extends BulkRowRef {
  readonly error: OrmError;
}

/**
 * Part of a bulk call failed. Bulk calls are sent in chunks of 100 rows; each chunk succeeds or fails as a
 * whole, so the error lists the rows that were written and those that were not (with the chunk's error).
 * A failure whose outcome is unknown (timeout, 5xx) is listed as failed: such rows may have been written.
 *
 * @example
 * ```ts
 * try { await products.bulkCreate(rows); }
 * catch (error) {
 *   if (error instanceof BulkPartialError) console.log(error.succeeded.length, error.failed.map((f) => f.index));
 * }
 * ```
 */
export class BulkPartialError extends OrmError {
  /** The bulk method that failed: `bulkCreate`, `bulkUpsert`, `bulkUpdate` or `bulkDelete`. */
  readonly operation: string;
  readonly succeeded: readonly BulkRowRef[];
  readonly failed: readonly BulkRowFailure[];

  constructor(table: string, operation: string, succeeded: readonly BulkRowRef[], failed: readonly BulkRowFailure[]) {
    const first = failed[0];
    const firstRow = first === undefined ? '' : `; first failed row ${describe(first)}: ${first.error.message}`;
    super(
      'E_BULK_PARTIAL',
      `${operation} on table "${table}": ${succeeded.length} rows succeeded, ${failed.length} failed${firstRow}`,
      first === undefined ? { table } : { table, rowIndex: first.index, ...(first.id === undefined ? {} : { rowId: first.id }) },
      { cause: first?.error },
    );
    this.operation = operation;
    this.succeeded = succeeded;
    this.failed = failed;
  }
}

function describe(row: BulkRowRef): string {
  return row.id === undefined ? `#${row.index}` : `#${row.index} ("${row.id}")`;
}
