import { CommitInterrupted, TransactionCommit } from '../../store/transactions/transaction-commit.js';
import { transactionExpired, transactionNotReady } from '../../store/transactions/transaction-errors.js';
import { TTL_DEFAULT, TTL_MAX, TTL_MIN, wireTransaction, type TransactionRecord } from '../../store/transactions/transaction-registry.js';
import { badRequest, paramInvalid } from '../errors.js';
import { boolean, optional, param, range, uid, type ParamRule } from '../param-rules.js';
import { listMetadata, metadataQueriesParam } from './list-params.js';
import { answerRows, emitRows } from './row-context.js';
import type { RouteContext, RouteDefinition } from './route.js';
import { createOperationsRoute } from './transaction-operations.js';
import { parseLogged } from './transaction-reads.js';

const BASE = '/v1/tablesdb/transactions';
const FIELDS = { status: 'string', expiresAt: 'datetime' } as const;
/** Transactions/Get.php:50, Delete.php:50, Update.php:51, Operations/Create.php:52. */
const transactionId: ParamRule = param('transactionId', uid);

/** updateTransaction with `commit`: replays the log atomically, then announces single-row changes. */
function commit(context: RouteContext, record: TransactionRecord): void {
  const registry = context.state.transactions;
  if (record.log.length === 0) {
    registry.settle(record, 'committed');
    return;
  }
  registry.settle(record, 'committing');
  const run = new TransactionCommit(context.state.store, context.caller, parseLogged);
  try {
    run.run(record.log);
  } catch (error) {
    // An authorization failure escapes Appwrite's handler and leaves the transaction `committing`.
    if (error instanceof CommitInterrupted) throw error.error;
    registry.settle(record, 'failed');
    throw error;
  }
  registry.settle(record, 'committed');
  for (const change of run.changes) emitRows(context, change.table, change.action, answerRows(context, change.table, [change.row]));
}

/**
 * Transaction routes (H/Databases/Transactions/*.php): create (ttl 60-3600), list, get, update (commit or
 * rollback; a rollback sets `failed`), delete, and createOperations. Users see only their own transactions.
 */
export const transactionRoutes: readonly RouteDefinition[] = [
  {
    method: 'POST', path: BASE, operation: 'createTransaction', access: 'rows',
    params: [optional('ttl', range(TTL_MIN, TTL_MAX))], // Transactions/Create.php:49
    handle: ({ state, params, caller }) => {
      const ttl = params.number('ttl', { integer: true }) ?? TTL_DEFAULT;
      if (ttl < TTL_MIN || ttl > TTL_MAX) throw paramInvalid('ttl', `Value must be a valid range between ${TTL_MIN} and ${TTL_MAX.toLocaleString('en-US')}`);
      return { status: 201, body: wireTransaction(state.transactions.create(caller, ttl)) };
    },
  },
  {
    method: 'GET', path: BASE, operation: 'listTransactions', access: 'rows',
    params: [metadataQueriesParam(FIELDS)], // Transactions/XList.php:49
    handle: ({ state, params, caller }) => {
      const { total, items } = listMetadata(state.transactions.list(caller).map(wireTransaction), {
        fields: FIELDS,
        noun: 'Transaction',
        id: (item) => String(item.$id),
        search: (item) => String(item.$id),
      }, params);
      return { status: 200, body: { total, transactions: items } };
    },
  },
  createOperationsRoute(`${BASE}/:transactionId/operations`, [transactionId]),
  {
    method: 'GET', path: `${BASE}/:transactionId`, operation: 'getTransaction', access: 'rows',
    params: [transactionId],
    handle: ({ state, path, caller }) => ({ status: 200, body: wireTransaction(state.transactions.get(caller, path.transactionId ?? '')) }),
  },
  {
    method: 'PATCH', path: `${BASE}/:transactionId`, operation: 'updateTransaction', access: 'rows',
    params: [transactionId, optional('commit', boolean()), optional('rollback', boolean())], // Transactions/Update.php:51-53
    handle: (context) => {
      const { state, params, path, caller } = context;
      const commitIt = params.boolean('commit') ?? false;
      const rollback = params.boolean('rollback') ?? false;
      if (!commitIt && !rollback) throw badRequest('Either commit or rollback must be true');
      if (commitIt && rollback) throw badRequest('Cannot commit and rollback at the same time');
      const record = state.transactions.get(caller, path.transactionId ?? '');
      if (record.status !== 'pending') throw transactionNotReady();
      if (state.transactions.expired(record)) throw transactionExpired();
      if (commitIt) commit(context, record);
      else state.transactions.settle(record, 'failed');
      return { status: 200, body: wireTransaction(record) };
    },
  },
  {
    method: 'DELETE', path: `${BASE}/:transactionId`, operation: 'deleteTransaction', access: 'rows',
    params: [transactionId],
    handle: ({ state, path, caller }) => {
      state.transactions.delete(state.transactions.get(caller, path.transactionId ?? '').$id);
      return { status: 204 };
    },
  },
];
