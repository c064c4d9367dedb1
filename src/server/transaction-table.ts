import type { InsertOf, PatchOf, RowOf, UpsertOf } from '../schema/infer.js';
import type { TableDefinition } from '../schema/table-definition.js';
import type { BulkCreateRow, BulkUpdateItem, BulkUpsertRow, CreateOptions, StepOf, SteppableColumn, TableQuery, WriteOptions } from './table-types.js';

/**
 * A row as a staged write answers it: the values sent with `$id`, `$tableId` and `$databaseId` (Appwrite
 * fills timestamps, defaults and `$sequence` only at commit).
 */
export type StagedRow<D extends TableDefinition> = Readonly<Partial<RowOf<D>>> & { readonly $id: string };

/**
 * A table inside a transaction, from `tx.table(name)`. Writes are validated by the same checks as ordinary
 * writes, then staged in Appwrite with the transaction id: nothing changes, and nothing is invalidated, until
 * the commit. Reads see the staged state and never touch the cache. Each call is one of the transaction's 100
 * operations (a bulk call: one per 100 rows, or per distinct change of `bulkUpdate`).
 *
 * @example
 * ```ts
 * await db.transaction(async (tx) => {
 *   const stock = tx.table('stock');
 *   await stock.decrement('pen', 'count', 2, { min: 0 });
 *   await tx.table('orders').create({ sku: 'pen', qty: 2 });
 * });
 * ```
 */
export interface TransactionTable<D extends TableDefinition = TableDefinition> {
  /** The Appwrite table id. */
  readonly id: string;

  /**
   * The row as the transaction sees it (staged changes applied), or `null`. Never cached.
   *
   * @example
   * ```ts
   * const pen = await tx.table('stock').get('pen');
   * ```
   */
  get(id: string): Promise<RowOf<D> | null>;

  /**
   * One `listRows` as the transaction sees it. Appwrite appends rows created in the transaction after the
   * committed ones, without applying the queries' order or limit to them. Never cached.
   *
   * @example
   * ```ts
   * const open = await tx.table('orders').find({ status: 'open' });
   * ```
   */
  find(queries?: TableQuery<D>): Promise<readonly RowOf<D>[]>;

  /**
   * Stages the creation of a row; returns it as staged. The id is chosen here unless given.
   *
   * @example
   * ```ts
   * const order = await tx.table('orders').create({ sku: 'pen', qty: 2 });
   * ```
   */
  create(data: InsertOf<D>, options?: CreateOptions): Promise<StagedRow<D>>;

  /**
   * Stages a change of the given fields; Appwrite answers 404 (`NotFoundError`) if the transaction does
   * not see the row. A field may be given an `Operator` (checked against the field as in `update()`
   * outside a transaction): Appwrite applies it at commit, to the row as it is then, so the staged row
   * leaves that field out.
   *
   * @example
   * ```ts
   * await tx.table('orders').update('o1', { status: 'paid' });
   * await tx.table('stock').update('pen', { count: Operator.decrement(2, 0) });
   * ```
   */
  update(id: string, data: PatchOf<D>, options?: WriteOptions): Promise<StagedRow<D>>;

  /**
   * Stages the creation or replacement of a row (validated as a complete row, where a field may be given
   * an `Operator`, applied at commit to the stored value, or to NULL on a new row; left out of the staged row).
   *
   * @example
   * ```ts
   * await tx.table('stock').upsert('pen', { sku: 'pen', count: 10 });
   * ```
   */
  upsert(id: string, data: UpsertOf<D>, options?: WriteOptions): Promise<StagedRow<D>>;

  /**
   * Stages the deletion of a row.
   *
   * @example
   * ```ts
   * await tx.table('orders').delete('o1');
   * ```
   */
  delete(id: string): Promise<void>;

  /**
   * Stages adding `by` (default 1) to a numeric column, never above `max` (checked at commit).
   *
   * @example
   * ```ts
   * await tx.table('stock').increment('pen', 'count', 5);
   * ```
   */
  increment<C extends SteppableColumn<D>>(id: string, column: C, by?: StepOf<D, C>, options?: { readonly max?: StepOf<D, C> }): Promise<void>;

  /**
   * Stages subtracting `by` (default 1) from a numeric column, never below `min` (checked at commit).
   *
   * @example
   * ```ts
   * await tx.table('stock').decrement('pen', 'count', 2, { min: 0 });
   * ```
   */
  decrement<C extends SteppableColumn<D>>(id: string, column: C, by?: StepOf<D, C>, options?: { readonly min?: StepOf<D, C> }): Promise<void>;

  /**
   * Stages `createRows` (one operation per 100 rows); returns the ids of the rows, in input order.
   *
   * @example
   * ```ts
   * const ids = await tx.table('orders').bulkCreate([{ sku: 'pen', qty: 1 }, { sku: 'ink', qty: 2 }]);
   * ```
   */
  bulkCreate(rows: readonly BulkCreateRow<D>[]): Promise<readonly string[]>;

  /**
   * Stages `upsertRows` (one operation per 100 rows); returns the ids, in input order. Fields may be given
   * `Operator`s, applied at commit.
   *
   * @example
   * ```ts
   * await tx.table('stock').bulkUpsert([{ $id: 'pen', sku: 'pen', count: 10 }]);
   * ```
   */
  bulkUpsert(rows: readonly BulkUpsertRow<D>[]): Promise<readonly string[]>;

  /**
   * Stages `updateRows` by id: one operation per distinct change and 100 ids. Fields may be given
   * `Operator`s, applied at commit.
   *
   * @example
   * ```ts
   * await tx.table('orders').bulkUpdate([{ id: 'o1', data: { status: 'paid' } }, { id: 'o2', data: { status: 'paid' } }]);
   * ```
   */
  bulkUpdate(items: readonly BulkUpdateItem<D>[]): Promise<void>;

  /**
   * Stages `deleteRows` by id: one operation per 100 ids.
   *
   * @example
   * ```ts
   * await tx.table('orders').bulkDelete(['o1', 'o2']);
   * ```
   */
  bulkDelete(ids: readonly string[]): Promise<void>;

  /**
   * Stages `updateRows` on every row matching the queries at commit (at least one filter). A field may be
   * given an `Operator`, applied at commit to each matching row.
   *
   * @example
   * ```ts
   * await tx.table('orders').updateWhere({ status: 'open' }, { status: 'cancelled' });
   * ```
   */
  updateWhere(queries: TableQuery<D>, data: PatchOf<D>): Promise<void>;

  /**
   * Stages `deleteRows` on every row matching the queries at commit (at least one filter).
   *
   * @example
   * ```ts
   * await tx.table('orders').deleteWhere({ status: 'cancelled' });
   * ```
   */
  deleteWhere(queries: TableQuery<D>): Promise<void>;
}
