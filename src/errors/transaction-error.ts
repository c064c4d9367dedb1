import { OrmError } from './orm-error.js';

/**
 * Why a transaction failed:
 * - `limit`: more than 100 operations were staged (refused before sending; the transaction is rolled back);
 * - `expired`: its ttl ran out before the commit;
 * - `unknown`: Appwrite does not know the transaction, or it is no longer pending (already committed or
 *   rolled back, or another user's);
 * - `conflict`: a row it changes was changed by someone else after it was staged, or a row it creates
 *   already exists (`transaction_conflict`);
 * - `commit-failed`: the commit was refused (a staged row is invalid, missing, or past a bound), or its answer
 *   was lost and Appwrite then reported the transaction `failed`;
 * - `commit-unknown`: the commit's answer was lost and its status could not be settled (still `committing`,
 *   gone, or no answer): it may or may not have been applied.
 */
export type TransactionFailureReason = 'limit' | 'expired' | 'unknown' | 'conflict' | 'commit-failed' | 'commit-unknown';

/**
 * A transaction could not be staged or committed. `reason` says why; `tables` names the tables it touched
 * and `rowId` the row Appwrite named, when it named one. The Appwrite error, if any, is the `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await db.transaction(async (tx) => { await tx.table('stock').decrement('pen', 'count', 2, { min: 0 }); });
 * } catch (error) {
 *   if (error instanceof TransactionError && error.reason === 'conflict') console.log('retry', error.tables);
 * }
 * ```
 */
export class TransactionError extends OrmError {
  readonly reason: TransactionFailureReason;
  /** The Appwrite transaction id, when one was created. */
  readonly transactionId: string | undefined;
  /** Ids of the tables the transaction staged writes into, in first-use order. */
  readonly tables: readonly string[];
  /**
   * True when Appwrite confirmed that the commit failed and rolled back whole (it answered a refusal, or
   * reported the status `failed` after the answer was lost): nothing was applied, so running the
   * transaction again is safe. False when that is not known.
   */
  readonly nothingApplied: boolean;

  constructor(
    reason: TransactionFailureReason,
    detail: string,
    where: { readonly transactionId?: string; readonly tables: readonly string[]; readonly table?: string; readonly rowId?: string },
    options?: { cause?: unknown; nothingApplied?: boolean },
  ) {
    const id = where.transactionId === undefined ? '' : ` "${where.transactionId}"`;
    const tables = where.tables.length === 0 ? '' : ` (tables ${where.tables.map((table) => `"${table}"`).join(', ')})`;
    const row = where.rowId === undefined ? '' : ` row "${where.rowId}"${where.table === undefined ? '' : ` of table "${where.table}"`}:`;
    super('E_TRANSACTION', `Transaction${id}${tables} ${reason}:${row} ${detail}`, {
      ...(where.table === undefined ? (where.tables.length === 1 ? { table: where.tables[0] } : {}) : { table: where.table }),
      ...(where.rowId === undefined ? {} : { rowId: where.rowId }),
    }, options === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.nothingApplied = options?.nothingApplied ?? false;
    this.transactionId = where.transactionId;
    this.tables = [...where.tables];
  }
}
