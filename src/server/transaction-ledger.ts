import { TransactionError } from '../errors/transaction-error.js';

/** Appwrite's limit of staged operations per transaction (`APP_LIMIT_DATABASE_TRANSACTION`). */
export const TRANSACTION_OPERATION_LIMIT = 100;

/**
 * What one transaction has staged so far: how many operations (a bulk request counts as one), which tables
 * they touch (the tables its commit invalidates), which table each named row belongs to, and the requests
 * still in flight. It refuses an operation past the limit before anything is sent, and remembers that
 * refusal so that the transaction is rolled back even if the caller catches it.
 *
 * @example
 * ```ts
 * const ledger = new TransactionLedger('tx1');
 * ledger.reserve('orders', 1, ['o1']);
 * ledger.tables; // ['orders']
 * ```
 */
export class TransactionLedger {
  readonly #tables = new Set<string>();
  readonly #rows = new Map<string, string>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #operations = 0;
  #closed = false;
  #refusal: TransactionError | undefined;

  constructor(readonly transactionId: string) {}

  /** Operations staged or being staged. */
  get operations(): number {
    return this.#operations;
  }

  /** Tables written to, in first-use order. */
  get tables(): readonly string[] {
    return [...this.#tables];
  }

  /** The limit error that dooms the transaction, once an operation was refused. */
  get refusal(): TransactionError | undefined {
    return this.#refusal;
  }

  /** The table a staged row belongs to, if the transaction named it. */
  tableOf(rowId: string): string | undefined {
    return this.#rows.get(rowId);
  }

  /**
   * Counts `count` operations on `table` before they are sent; throws `TransactionError` (reason `limit`)
   * when they would pass the limit, or when the transaction has ended. `affected`: every table the commit
   * of these operations changes (relationships reach further than `table`).
   */
  reserve(table: string, count: number, rowIds: readonly string[] = [], affected: readonly string[] = [table]): void {
    this.assertOpen(table);
    const where = { transactionId: this.transactionId, tables: this.tables, table };
    if (this.#operations + count > TRANSACTION_OPERATION_LIMIT) {
      this.#refusal ??= new TransactionError('limit',
        `${this.#operations} operations are staged, ${count} more would pass Appwrite's limit of ${TRANSACTION_OPERATION_LIMIT}; the transaction will be rolled back`,
        where);
      throw this.#refusal;
    }
    this.#operations += count;
    this.#tables.add(table);
    for (const other of affected) this.#tables.add(other);
    for (const id of rowIds) this.#rows.set(id, table);
  }

  /** Throws `TransactionError` (reason `unknown`) once the transaction has ended. */
  assertOpen(table: string): void {
    if (!this.#closed) return;
    throw new TransactionError('unknown', 'the transaction has already ended; use it only inside its callback',
      { transactionId: this.transactionId, tables: this.tables, table });
  }

  /** Ends staging: later reserve() and assertOpen() calls throw. */
  close(): void {
    this.#closed = true;
  }

  /** Tracks a request, so that the commit waits for staged writes the callback did not await. */
  track<T>(request: Promise<T>): Promise<T> {
    this.#inFlight.add(request);
    const done = (): void => {
      this.#inFlight.delete(request);
    };
    request.then(done, done);
    return request;
  }

  /** Resolves when every tracked request has settled. */
  async idle(): Promise<void> {
    // Bounded: once the ledger is closed nothing new is tracked, so each round only waits on older requests.
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}
