import type { TableByName, TableDefinition, TableName } from '../schema/table-definition.js';
import type { TransactionTable } from './transaction-table.js';

/** Options of `db.transaction()`. */
export interface TransactionOptions {
  /** Seconds before Appwrite expires the transaction (60 to 3600). @default 300 */
  readonly ttl?: number;
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
export interface Transaction<T extends readonly TableDefinition[] = readonly TableDefinition[]> {
  /** The Appwrite transaction id. */
  readonly id: string;

  /** Operations staged so far (Appwrite allows 100; a bulk request counts as one). */
  readonly operations: number;

  /**
   * The handle of a declared table inside this transaction (the same object on every call).
   *
   * @example
   * ```ts
   * const stock = tx.table('stock');
   * ```
   */
  table<N extends TableName<T>>(name: N): TransactionTable<TableByName<T, N>>;
}
