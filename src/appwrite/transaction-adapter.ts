import { AppwriteException, TablesDB, type Client } from 'node-appwrite';
import { TransactionError, type TransactionFailureReason } from '../errors/transaction-error.js';
import type { OrmError } from '../errors/orm-error.js';
import { toOrmError, type RequestContext } from './appwrite-error-mapping.js';
import { withDeadline } from './request-deadline.js';

/** Where a transaction failure happened, to name it in the error. */
export interface TransactionWhere {
  readonly transactionId?: string;
  readonly tables: readonly string[];
  readonly table?: string;
  readonly rowId?: string;
}

/** Appwrite error types that concern the transaction itself rather than the row a staged call names. */
const STAGING_REASONS: Readonly<Record<string, TransactionFailureReason>> = {
  transaction_not_found: 'unknown',
  transaction_not_ready: 'unknown',
  transaction_expired: 'expired',
  transaction_limit_exceeded: 'limit',
  transaction_conflict: 'conflict',
};

/**
 * The Appwrite calls of a transaction: create, commit, rollback, and any TablesDB call made with its id.
 * Nothing here is retried: a staged write sent twice is staged twice, and a commit whose answer was lost
 * cannot be repeated (its status is read instead). Failures come out as {@link TransactionError} when they concern the transaction,
 * as the ORM's usual errors otherwise.
 *
 * @example
 * ```ts
 * const adapter = new TransactionAdapter(client, 'shop', 20_000);
 * const id = await adapter.begin(60);
 * await adapter.call({ table: 'orders', action: 'staging a row' }, { transactionId: id, tables: ['orders'] },
 *   (api, databaseId) => api.createRow({ databaseId, tableId: 'orders', rowId: 'o1', data: { sku: 'pen' }, transactionId: id }));
 * await adapter.finish(id, 'commit', ['orders']);
 * ```
 */
export class TransactionAdapter {
  readonly #api: TablesDB;
  readonly #databaseId: string;
  readonly #timeoutMs: number;

  /** `timeoutMs`: the deadline of each request (a commit past it has an unknown outcome). */
  constructor(client: Client, databaseId: string, timeoutMs: number) {
    this.#api = new TablesDB(client);
    this.#databaseId = databaseId;
    this.#timeoutMs = timeoutMs;
  }

  /** Creates a transaction that expires after `ttl` seconds; returns its id. */
  async begin(ttl: number): Promise<string> {
    const created = await this.call({ table: '', action: 'creating a transaction' }, { tables: [] },
      (api) => api.createTransaction({ ttl }));
    return created.$id;
  }

  /**
   * Commits or rolls back. A commit failure is a `TransactionError`. A commit that got no answer (dropped
   * connection, deadline) is settled by asking Appwrite for the transaction's status: `committed` resolves
   * as a commit would; `failed` is a `commit-failed` error with `nothingApplied` set; anything else (still
   * `pending` or `committing`, gone, or no answer again) is a `commit-unknown` error.
   */
  async finish(transactionId: string, how: 'commit' | 'rollback', tables: readonly string[], tableOfRow: (rowId: string) => string | undefined = () => undefined): Promise<void> {
    try {
      await withDeadline(this.#timeoutMs, () => this.#api.updateTransaction({ transactionId, ...(how === 'commit' ? { commit: true } : { rollback: true }) }));
    } catch (error) {
      if (how === 'commit' && isUnanswered(error)) return this.#settleUnanswered(transactionId, tables, error);
      throw commitFailure(error, { transactionId, tables }, how, tableOfRow);
    }
  }

  /** Reads the status of a transaction whose commit got no answer; resolves only when it is `committed`. */
  async #settleUnanswered(transactionId: string, tables: readonly string[], lost: unknown): Promise<void> {
    const where = { transactionId, tables };
    const reason = lost instanceof Error ? lost.message : String(lost);
    let status: string;
    try {
      status = (await withDeadline(this.#timeoutMs, () => this.#api.getTransaction({ transactionId }))).status;
    } catch (error) {
      const asked = error instanceof AppwriteException && error.code !== 0 ? describe(error) : 'no answer either';
      throw new TransactionError('commit-unknown', `no answer to the commit (${reason}); asking for its status: ${asked}`, where, { cause: lost });
    }
    if (status === 'committed') return;
    if (status === 'failed') {
      throw new TransactionError('commit-failed', `no answer to the commit (${reason}); Appwrite reports the transaction failed, nothing was applied`,
        where, { cause: lost, nothingApplied: true });
    }
    throw new TransactionError('commit-unknown', `no answer to the commit (${reason}); the transaction is still "${status}"`, where, { cause: lost });
  }

  /** Runs one TablesDB call for the transaction, mapping its failure. */
  async call<T>(context: RequestContext, where: TransactionWhere, request: (api: TablesDB, databaseId: string) => Promise<T>): Promise<T> {
    try {
      return await withDeadline(this.#timeoutMs, () => request(this.#api, this.#databaseId));
    } catch (error) {
      throw stagingFailure(error, context, where, () => this.#api.client.config.endpoint);
    }
  }
}

function stagingFailure(error: unknown, context: RequestContext, where: TransactionWhere, endpoint: () => string): OrmError {
  if (error instanceof AppwriteException) {
    const reason = STAGING_REASONS[error.type]
      // Increment, decrement and the bulk routes say "Invalid or non-pending transaction" (with U+2011).
      ?? (error.type === 'general_bad_request' && /non.pending transaction/.test(error.message) ? 'unknown' : undefined);
    if (reason !== undefined) return new TransactionError(reason, describe(error), where, { cause: error });
  }
  return toOrmError(error, context, endpoint);
}

/** Rows Appwrite names in a commit failure ("Document with the requested ID 'x' could not be found."). */
const NAMED_ROW = /requested ID '([^']*)'/;

/** Appwrite types of a commit it refused and rolled back whole (Transactions/Update.php, reference §13). */
const CLEAN_COMMIT_FAILURES: ReadonlySet<string> = new Set([
  'document_not_found', 'transaction_conflict', 'document_invalid_structure', 'attribute_limit_exceeded', 'transaction_failed', 'general_query_invalid',
]);

function isUnanswered(error: unknown): boolean {
  return !(error instanceof AppwriteException) || error.code === 0;
}

function commitFailure(error: unknown, where: TransactionWhere, how: 'commit' | 'rollback', tableOfRow: (rowId: string) => string | undefined): TransactionError {
  if (!(error instanceof AppwriteException) || error.code === 0) {
    const reason = error instanceof Error ? error.message : String(error);
    return new TransactionError(how === 'commit' ? 'commit-unknown' : 'commit-failed', `no answer to the ${how}, its outcome is unknown: ${reason}`, where, { cause: error });
  }
  const named = NAMED_ROW.exec(error.message)?.[1];
  const table = named === undefined ? undefined : tableOfRow(named);
  const located = named === undefined || named === where.transactionId || named === 'unknown' ? where
    : { ...where, rowId: named, ...(table === undefined ? {} : { table }) };
  const reason = STAGING_REASONS[error.type] ?? 'commit-failed';
  return new TransactionError(reason === 'limit' ? 'commit-failed' : reason, describe(error), located,
    { cause: error, nothingApplied: how === 'commit' && CLEAN_COMMIT_FAILURES.has(error.type) });
}

function describe(error: AppwriteException): string {
  return `Appwrite answered ${error.code} ${error.type === '' ? 'unknown' : error.type}: ${error.message}`;
}
