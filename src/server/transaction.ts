import { ConfigError } from '../errors/config-error.js';
import type { TableByName, TableDefinition, TableName } from '../schema/table-definition.js';
import type { TableRuntime } from './table-runtime.js';
import type { TransactionAdapter } from '../appwrite/transaction-adapter.js';
import type { TransactionLedger } from './transaction-ledger.js';
import { TransactionTable } from './transaction-table.js';

/** Options of `db.transaction()`. */
export interface TransactionOptions {
  /** Seconds before Appwrite expires the transaction (60 to 3600). @default 300 */
  readonly ttl?: number;
}

/** What a transaction view is built from. */
export interface TransactionParts {
  readonly runtimes: ReadonlyMap<string, TableRuntime>;
  readonly adapter: TransactionAdapter;
  readonly ledger: TransactionLedger;
}

/**
 * The view `db.transaction()` gives its callback: table handles whose writes are staged in one Appwrite
 * transaction and whose reads see them. Use it only inside the callback.
 *
 * @example
 * ```ts
 * const order = await db.transaction(async (tx) => {
 *   const o = await tx.table('orders').create({ sku: 'pen', qty: 2 });
 *   await tx.table('stock').decrement('pen', 'count', 2);
 *   return o;
 * }, { ttl: 60 });
 * ```
 */
export class Transaction<T extends readonly TableDefinition[] = readonly TableDefinition[]> {
  readonly #parts: TransactionParts;
  readonly #handles = new Map<string, TransactionTable>();

  /** Built by `db.transaction()`. */
  constructor(parts: TransactionParts) {
    this.#parts = parts;
  }

  /** The Appwrite transaction id. */
  get id(): string {
    return this.#parts.ledger.transactionId;
  }

  /** Operations staged so far (Appwrite allows 100; a bulk request counts as one). */
  get operations(): number {
    return this.#parts.ledger.operations;
  }

  /**
   * The handle of a declared table inside this transaction (the same object on every call).
   *
   * @example
   * ```ts
   * const stock = tx.table('stock');
   * ```
   */
  table<N extends TableName<T>>(name: N): TransactionTable<TableByName<T, N>> {
    let handle = this.#handles.get(name);
    if (handle === undefined) {
      const runtime = this.#parts.runtimes.get(name);
      if (runtime === undefined) throw new ConfigError(`No table named "${name}" was declared`, { table: name });
      const { adapter, ledger } = this.#parts;
      handle = new TransactionTable({ runtime, adapter, ledger });
      this.#handles.set(name, handle);
    }
    return handle as unknown as TransactionTable<TableByName<T, N>>;
  }
}
