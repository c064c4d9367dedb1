import type { Client } from 'node-appwrite';
import { ConfigError } from '../errors/config-error.js';
import { TransactionError } from '../errors/transaction-error.js';
import type { TableDefinition } from '../schema/table-definition.js';
import type { Session, TableRuntime } from './table-runtime.js';
import type { Transaction, TransactionOptions } from './transaction.js';
import { TransactionImpl } from './transaction-impl.js';
import { TransactionAdapter } from '../appwrite/transaction-adapter.js';
import { TransactionLedger } from './transaction-ledger.js';

const DEFAULT_TTL = 300;

/** What `db.transaction()` runs with. */
export interface TransactionRun {
  readonly runtimes: ReadonlyMap<string, TableRuntime>;
  readonly session: Session;
  /** A client acting as the session's identity. */
  readonly client: Client;
  readonly databaseId: string;
}

/**
 * Creates an Appwrite transaction, runs `fn` with a view that stages writes in it, then commits when `fn`
 * resolves or rolls back when it throws (or when an operation past the limit was refused), and returns
 * `fn`'s result.
 *
 * Cache protocol: staging invalidates nothing. The commit runs as one write over every table the
 * transaction touched: their generations are bumped when it is sent (reads in flight then are not stored)
 * and each is invalidated once, and announced once on the bridge, when it settles, unless Appwrite confirmed
 * that the commit failed whole (`TransactionError.nothingApplied`). A commit whose answer was lost is settled
 * by reading the transaction's status. A rollback invalidates nothing: nothing was applied.
 *
 * @example
 * ```ts
 * const result = await runTransaction(run, async (tx) => tx.table('orders').create({ sku: 'pen', qty: 1 }), { ttl: 60 });
 * ```
 */
export async function runTransaction<T extends readonly TableDefinition[], R>(
  run: TransactionRun,
  fn: (tx: Transaction<T>) => Promise<R>,
  options: TransactionOptions = {},
): Promise<R> {
  const ttl = options.ttl ?? DEFAULT_TTL;
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 3600) {
    throw new ConfigError(`transaction ttl must be a whole number of seconds from 60 to 3600, got ${String(ttl)}`);
  }
  if (typeof fn !== 'function') throw new ConfigError('db.transaction() needs a callback');
  const adapter = new TransactionAdapter(run.client, run.databaseId, run.session.adapter.timeoutMs);
  const ledger = new TransactionLedger(await adapter.begin(ttl));
  let result: R;
  try {
    result = await fn(new TransactionImpl<T>({ runtimes: run.runtimes, adapter, ledger }));
  } catch (error) {
    await end(adapter, ledger);
    throw error;
  }
  const refusal = ledger.refusal;
  if (refusal !== undefined) {
    await end(adapter, ledger);
    throw refusal;
  }
  ledger.close();
  await ledger.idle();
  await commit(run.session, adapter, ledger);
  return result;
}

async function commit(session: Session, adapter: TransactionAdapter, ledger: TransactionLedger): Promise<void> {
  const tables = ledger.tables;
  // One write over every touched table: bumped now so that no read overlapping the commit is stored,
  // invalidated once each when the commit settles, unless Appwrite confirmed that it applied nothing (a
  // lost answer, or a status that cannot be read, may have committed).
  const settles = tables.map((table) => session.cache.beginWrite(table));
  let applied = true;
  try {
    await adapter.finish(ledger.transactionId, 'commit', tables, (rowId) => ledger.tableOf(rowId));
  } catch (error) {
    applied = !(error instanceof TransactionError && error.nothingApplied);
    throw error;
  } finally {
    if (applied) for (const settle of settles) settle();
  }
}

/** Rolls back after a failure; a rollback that fails is left to the ttl (nothing was applied either way). */
async function end(adapter: TransactionAdapter, ledger: TransactionLedger): Promise<void> {
  ledger.close();
  await ledger.idle();
  try {
    await adapter.finish(ledger.transactionId, 'rollback', ledger.tables);
  } catch {
    // Appwrite discards an uncommitted transaction when its ttl runs out.
  }
}
