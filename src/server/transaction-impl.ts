import { ConfigError } from '../errors/config-error.js';
import type { TableByName, TableDefinition, TableName } from '../schema/table-definition.js';
import type { TransactionAdapter } from '../appwrite/transaction-adapter.js';
import type { TableRuntime } from './table-runtime.js';
import type { Transaction } from './transaction.js';
import type { TransactionLedger } from './transaction-ledger.js';
import type { TransactionTable } from './transaction-table.js';
import { TransactionTableImpl } from './transaction-table-impl.js';

/** What a transaction view is built from. */
export interface TransactionParts {
  readonly runtimes: ReadonlyMap<string, TableRuntime>;
  readonly adapter: TransactionAdapter;
  readonly ledger: TransactionLedger;
}

/** The {@link Transaction} `db.transaction()` passes to its callback: one table per declared name, one ledger. */
export class TransactionImpl<T extends readonly TableDefinition[] = readonly TableDefinition[]> implements Transaction<T> {
  readonly #parts: TransactionParts;
  readonly #handles = new Map<string, TransactionTable>();

  constructor(parts: TransactionParts) {
    this.#parts = parts;
  }

  get id(): string {
    return this.#parts.ledger.transactionId;
  }

  get operations(): number {
    return this.#parts.ledger.operations;
  }

  table<N extends TableName<T>>(name: N): TransactionTable<TableByName<T, N>> {
    let handle = this.#handles.get(name);
    if (handle === undefined) {
      const runtime = this.#parts.runtimes.get(name);
      if (runtime === undefined) throw new ConfigError(`No table named "${name}" was declared`, { table: name });
      const { adapter, ledger } = this.#parts;
      handle = new TransactionTableImpl({ runtime, adapter, ledger });
      this.#handles.set(name, handle);
    }
    return handle as unknown as TransactionTable<TableByName<T, N>>;
  }
}
