import type { Caller } from '../../auth/auth.js';
import { formatInstant, isoAfter, nowMs } from '../../control/clock.js';
import { uniqueId } from '../ids.js';
import {
  transactionExpired, transactionLimitExceeded, transactionNotFound, transactionNotPending, transactionNotReady,
} from './transaction-errors.js';

/** `APP_LIMIT_DATABASE_TRANSACTION`: staged operations per transaction (a bulk call counts as one). */
export const TRANSACTION_LIMIT = 100;
/** `ttl` bounds and default, in seconds (app/init/constants.php). */
export const TTL_MIN = 60;
export const TTL_MAX = 3600;
export const TTL_DEFAULT = 300;

/** What a staged operation does, as Appwrite's transaction log names it. */
export type StagedAction =
  | 'create' | 'update' | 'upsert' | 'delete' | 'increment' | 'decrement'
  | 'bulkCreate' | 'bulkUpdate' | 'bulkUpsert' | 'bulkDelete';

/**
 * One entry of a transaction's log. `data` is what the route logged: a row (create, update, upsert), rows
 * (bulkCreate, bulkUpsert), `{ data, queries }` (bulkUpdate), `{ queries }` (bulkDelete), `{ column, value,
 * max|min }` (increment, decrement), nothing (delete).
 */
export interface StagedOperation {
  readonly action: StagedAction;
  readonly databaseId: string;
  readonly tableId: string;
  readonly rowId: string | null;
  readonly data: unknown;
  /** When it was staged (ms): the commit's conflict checks compare rows' `$updatedAt` with it. */
  readonly stagedAt: number;
}

/** Lifecycle of a transaction; Appwrite 1.9 writes `failed` on rollback, never `rolled_back`. */
export type TransactionStatus = 'pending' | 'committing' | 'committed' | 'failed';

/** A transaction as the emulator keeps it. */
export interface TransactionRecord {
  readonly $id: string;
  readonly $createdAt: string;
  $updatedAt: string;
  status: TransactionStatus;
  readonly expiresAt: string;
  /** The user who created it (who alone may see it), or undefined for an API key's. */
  readonly owner: string | undefined;
  readonly log: StagedOperation[];
}

/** How a route reports an unusable transaction: staging row routes differ from increment, bulk and operations. */
export type TransactionCheck = 'row' | 'loose' | 'loose-no-expiry';

/**
 * The transactions of one emulator: create, find (hidden from other users), check before staging, and log
 * staged operations. Expiry follows the emulator's clock (`advanceClock`).
 *
 * @example
 * ```ts
 * const tx = registry.create(caller, 60);
 * registry.stage(registry.usable(caller, tx.$id, 'row'), [{ action: 'delete', databaseId: 'db', tableId: 't', rowId: 'r1', data: {} }]);
 * ```
 */
export class TransactionRegistry {
  readonly #records = new Map<string, TransactionRecord>();

  create(caller: Caller, ttl: number): TransactionRecord {
    const now = nowMs();
    const record: TransactionRecord = {
      $id: uniqueId(),
      $createdAt: formatInstant(now),
      $updatedAt: formatInstant(now),
      status: 'pending',
      expiresAt: formatInstant(now + ttl * 1000),
      owner: caller.kind === 'user' ? caller.userId : undefined,
      log: [],
    };
    this.#records.set(record.$id, record);
    return record;
  }

  /** The transaction if the caller may see it (API keys see all; a user only their own). */
  find(caller: Caller, id: string): TransactionRecord | undefined {
    const record = this.#records.get(id);
    if (record === undefined) return undefined;
    return caller.kind === 'key' || (caller.kind === 'user' && caller.userId === record.owner) ? record : undefined;
  }

  /** Like find(), or 404 `transaction_not_found`. */
  get(caller: Caller, id: string): TransactionRecord {
    const record = this.find(caller, id);
    if (record === undefined) throw transactionNotFound(id);
    return record;
  }

  /** Every transaction the caller may see, oldest first. */
  list(caller: Caller): TransactionRecord[] {
    return [...this.#records.values()].filter((record) => this.find(caller, record.$id) !== undefined);
  }

  delete(id: string): void {
    this.#records.delete(id);
  }

  clear(): void {
    this.#records.clear();
  }

  /** Whether the transaction's ttl has run out on the emulator's clock. */
  expired(record: TransactionRecord): boolean {
    return nowMs() > Date.parse(record.expiresAt);
  }

  /**
   * The transaction a staging route may use, checked as that route does: `row` (single-row create, update,
   * upsert, delete) answers 404 / `transaction_not_ready` / expired; `loose` (increment, decrement) and
   * `loose-no-expiry` (bulk routes) answer 400 "Invalid or non-pending transaction" for both of the first two.
   */
  usable(caller: Caller, id: string, check: TransactionCheck): TransactionRecord {
    const record = this.find(caller, id);
    if (check !== 'row' && (record === undefined || record.status !== 'pending')) throw transactionNotPending();
    if (record === undefined) throw transactionNotFound(id);
    if (record.status !== 'pending') throw transactionNotReady();
    if (check !== 'loose-no-expiry' && this.expired(record)) throw transactionExpired();
    return record;
  }

  /** Logs operations after checking the limit; counts them all or none. */
  stage(record: TransactionRecord, operations: readonly Omit<StagedOperation, 'stagedAt'>[]): void {
    const existing = record.log.length;
    if (existing + operations.length > TRANSACTION_LIMIT) throw transactionLimitExceeded(existing, operations.length, TRANSACTION_LIMIT);
    const stagedAt = nowMs();
    for (const operation of operations) record.log.push({ ...operation, stagedAt });
    record.$updatedAt = isoAfter(record.$updatedAt);
  }

  /** Sets the status (and `$updatedAt`). */
  settle(record: TransactionRecord, status: TransactionStatus): void {
    record.status = status;
    record.$updatedAt = isoAfter(record.$updatedAt);
  }
}

/** The Transaction model Appwrite answers. */
export function wireTransaction(record: TransactionRecord): Record<string, unknown> {
  return {
    $id: record.$id,
    $createdAt: record.$createdAt,
    $updatedAt: record.$updatedAt,
    status: record.status,
    operations: record.log.length,
    expiresAt: record.expiresAt,
  };
}
