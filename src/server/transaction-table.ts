import { ID, type TablesDB } from 'node-appwrite';
import { deepFreeze } from '../cache/deep-freeze.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { InsertOf, PatchOf, RowOf, UpsertOf } from '../schema/infer.js';
import { isColumnOperator } from '../schema/operator.js';
import type { TableDefinition } from '../schema/table-definition.js';
import { checkId } from '../appwrite/appwrite-ids.js';
import { chunk } from './bulk-chunks.js';
import { distinctIds, groupUpdates, idFilter, prepareRow } from './bulk-prepare.js';
import type { QueryInput } from '../query/query-normalizer.js';
import { checkStep, createBody, patchBody, requireFilter, upsertBody, writeTables } from './table-checks.js';
import type { TableRuntime } from './table-runtime.js';
import type { BulkCreateRow, BulkUpdateItem, BulkUpsertRow, CreateOptions, StepOf, SteppableColumn, TableQuery, WriteOptions } from './table-types.js';
import { rejectOperatorStrings } from '../query/operator-strings.js';
import { wireNumber } from '../appwrite/tables-db-adapter.js';
import { decodeRow } from './table-runtime.js';
import type { StepValue } from './step-check.js';
import type { TransactionAdapter } from '../appwrite/transaction-adapter.js';
import type { TransactionLedger } from './transaction-ledger.js';

/**
 * A row as a staged write answers it: the values sent with `$id`, `$tableId` and `$databaseId` (Appwrite
 * fills timestamps, defaults and `$sequence` only at commit).
 */
export type StagedRow<D extends TableDefinition> = Readonly<Partial<RowOf<D>>> & { readonly $id: string };

/** What a transaction's table handle needs: the table, the transaction's Appwrite calls and its ledger. */
export interface TransactionTableContext<D extends TableDefinition> {
  readonly runtime: TableRuntime<D>;
  readonly adapter: TransactionAdapter;
  readonly ledger: TransactionLedger;
}

type Call<T> = (api: TablesDB, databaseId: string, transactionId: string) => Promise<T>;

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
export class TransactionTable<D extends TableDefinition = TableDefinition> {
  readonly #tx: TransactionTableContext<D>;

  /** Built by `Transaction.table()`. */
  constructor(context: TransactionTableContext<D>) {
    this.#tx = context;
  }

  /** The Appwrite table id. */
  get id(): string {
    return this.#tx.runtime.id;
  }

  /**
   * The row as the transaction sees it (staged changes applied), or `null`. Never cached.
   *
   * @example
   * ```ts
   * const pen = await tx.table('stock').get('pen');
   * ```
   */
  async get(id: string): Promise<RowOf<D> | null> {
    checkId(id, { table: this.id, method: 'get' });
    try {
      return decodeRow(this.#tx.runtime, await this.#read('reading row', id, (api, databaseId, transactionId) =>
        api.getRow({ databaseId, tableId: this.id, rowId: id, transactionId }))) as RowOf<D>;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /**
   * One `listRows` as the transaction sees it. Appwrite appends rows created in the transaction after the
   * committed ones, without applying the queries' order or limit to them. Never cached.
   *
   * @example
   * ```ts
   * const open = await tx.table('orders').find({ status: 'open' });
   * ```
   */
  async find(queries?: TableQuery<D>): Promise<readonly RowOf<D>[]> {
    const canonical = this.#tx.runtime.normalizer.normalize(queries as QueryInput | undefined);
    const page = await this.#read('listing rows', undefined, (api, databaseId, transactionId) =>
      api.listRows({ databaseId, tableId: this.id, queries: [...canonical], transactionId, total: false }));
    return deepFreeze(page.rows.map((row) => decodeRow(this.#tx.runtime, row))) as readonly RowOf<D>[];
  }

  /**
   * Stages the creation of a row; returns it as staged. The id is chosen here unless given.
   *
   * @example
   * ```ts
   * const order = await tx.table('orders').create({ sku: 'pen', qty: 2 });
   * ```
   */
  async create(data: InsertOf<D>, options: CreateOptions = {}): Promise<StagedRow<D>> {
    const body = createBody(this.#tx.runtime, data, true);
    const rowId = options.id === undefined ? ID.unique() : checkId(options.id, { table: this.id, method: 'create' });
    return this.#row(await this.#stage('staging the creation of row', [rowId], (api, databaseId, transactionId) =>
      api.createRow({ databaseId, tableId: this.id, rowId, data: body, ...perms(options.permissions), transactionId }), this.#writes(body)));
  }

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
  async update(id: string, data: PatchOf<D>, options: WriteOptions = {}): Promise<StagedRow<D>> {
    checkId(id, { table: this.id, method: 'update' });
    const body = patchBody(this.#tx.runtime, data, 'update', options.permissions);
    return this.#row(await this.#stage('staging an update of row', [id], (api, databaseId, transactionId) =>
      api.updateRow({ databaseId, tableId: this.id, rowId: id, data: body, ...perms(options.permissions), transactionId }), this.#writes(body)), body);
  }

  /**
   * Stages the creation or replacement of a row (validated as a complete row, where a field may be given
   * an `Operator`, applied at commit to the stored value, or to NULL on a new row; left out of the staged row).
   *
   * @example
   * ```ts
   * await tx.table('stock').upsert('pen', { sku: 'pen', count: 10 });
   * ```
   */
  async upsert(id: string, data: UpsertOf<D>, options: WriteOptions = {}): Promise<StagedRow<D>> {
    checkId(id, { table: this.id, method: 'upsert' });
    const body = upsertBody(this.#tx.runtime, data);
    return this.#row(await this.#stage('staging an upsert of row', [id], (api, databaseId, transactionId) =>
      api.upsertRow({ databaseId, tableId: this.id, rowId: id, data: body, ...perms(options.permissions), transactionId }), this.#writes(body)), body);
  }

  /**
   * Stages the deletion of a row.
   *
   * @example
   * ```ts
   * await tx.table('orders').delete('o1');
   * ```
   */
  async delete(id: string): Promise<void> {
    checkId(id, { table: this.id, method: 'delete' });
    await this.#stage('staging the deletion of row', [id], (api, databaseId, transactionId) =>
      api.deleteRow({ databaseId, tableId: this.id, rowId: id, transactionId }), this.#deletes());
  }

  /**
   * Stages adding `by` (default 1) to a numeric column, never above `max` (checked at commit).
   *
   * @example
   * ```ts
   * await tx.table('stock').increment('pen', 'count', 5);
   * ```
   */
  async increment<C extends SteppableColumn<D>>(id: string, column: C, by: StepOf<D, C> = 1, options: { readonly max?: StepOf<D, C> } = {}): Promise<void> {
    this.#checkStep(id, column, by, options.max, 'increment');
    await this.#stage(`staging an increment of "${column}" of row`, [id], (api, databaseId, transactionId) =>
      api.incrementRowColumn({ databaseId, tableId: this.id, rowId: id, column, value: wireNumber(by), ...(options.max === undefined ? {} : { max: wireNumber(options.max) }), transactionId }));
  }

  /**
   * Stages subtracting `by` (default 1) from a numeric column, never below `min` (checked at commit).
   *
   * @example
   * ```ts
   * await tx.table('stock').decrement('pen', 'count', 2, { min: 0 });
   * ```
   */
  async decrement<C extends SteppableColumn<D>>(id: string, column: C, by: StepOf<D, C> = 1, options: { readonly min?: StepOf<D, C> } = {}): Promise<void> {
    this.#checkStep(id, column, by, options.min, 'decrement');
    await this.#stage(`staging a decrement of "${column}" of row`, [id], (api, databaseId, transactionId) =>
      api.decrementRowColumn({ databaseId, tableId: this.id, rowId: id, column, value: wireNumber(by), ...(options.min === undefined ? {} : { min: wireNumber(options.min) }), transactionId }));
  }

  /**
   * Stages `createRows` (one operation per 100 rows); returns the ids of the rows, in input order.
   *
   * @example
   * ```ts
   * const ids = await tx.table('orders').bulkCreate([{ sku: 'pen', qty: 1 }, { sku: 'ink', qty: 2 }]);
   * ```
   */
  async bulkCreate(rows: readonly BulkCreateRow<D>[]): Promise<readonly string[]> {
    return this.#bulkRows(rows, 'create');
  }

  /**
   * Stages `upsertRows` (one operation per 100 rows); returns the ids, in input order. Fields may be given
   * `Operator`s, applied at commit.
   *
   * @example
   * ```ts
   * await tx.table('stock').bulkUpsert([{ $id: 'pen', sku: 'pen', count: 10 }]);
   * ```
   */
  async bulkUpsert(rows: readonly BulkUpsertRow<D>[]): Promise<readonly string[]> {
    return this.#bulkRows(rows, 'upsert');
  }

  /**
   * Stages `updateRows` by id: one operation per distinct change and 100 ids. Fields may be given
   * `Operator`s, applied at commit.
   *
   * @example
   * ```ts
   * await tx.table('orders').bulkUpdate([{ id: 'o1', data: { status: 'paid' } }, { id: 'o2', data: { status: 'paid' } }]);
   * ```
   */
  async bulkUpdate(items: readonly BulkUpdateItem<D>[]): Promise<void> {
    const { chunks, keys } = groupUpdates(this.#tx.runtime, items);
    const ids = chunks.flatMap((part) => part.refs.map((ref) => ref.id ?? ''));
    this.#tx.ledger.reserve(this.id, chunks.length, ids, this.#writes(keys));
    for (const part of chunks) {
      await this.#send('staging an update of rows', undefined, (api, databaseId, transactionId) =>
        api.updateRows({ databaseId, tableId: this.id, data: part.data, queries: [idFilter(part.refs)], transactionId }));
    }
  }

  /**
   * Stages `deleteRows` by id: one operation per 100 ids.
   *
   * @example
   * ```ts
   * await tx.table('orders').bulkDelete(['o1', 'o2']);
   * ```
   */
  async bulkDelete(ids: readonly string[]): Promise<void> {
    const chunks = chunk([...distinctIds(this.#tx.runtime, ids)].map(([id, index]) => ({ index, id })));
    this.#tx.ledger.reserve(this.id, chunks.length, ids, this.#deletes());
    for (const refs of chunks) {
      await this.#send('staging a deletion of rows', undefined, (api, databaseId, transactionId) =>
        api.deleteRows({ databaseId, tableId: this.id, queries: [idFilter(refs)], transactionId }));
    }
  }

  /**
   * Stages `updateRows` on every row matching the queries at commit (at least one filter). A field may be
   * given an `Operator`, applied at commit to each matching row.
   *
   * @example
   * ```ts
   * await tx.table('orders').updateWhere({ status: 'open' }, { status: 'cancelled' });
   * ```
   */
  async updateWhere(queries: TableQuery<D>, data: PatchOf<D>): Promise<void> {
    const canonical = this.#filters(queries, 'updateWhere');
    const body = patchBody(this.#tx.runtime, data, 'updateWhere');
    await this.#stage('staging an update of rows', [], (api, databaseId, transactionId) =>
      api.updateRows({ databaseId, tableId: this.id, data: body, queries: [...canonical], transactionId }), this.#writes(body));
  }

  /**
   * Stages `deleteRows` on every row matching the queries at commit (at least one filter).
   *
   * @example
   * ```ts
   * await tx.table('orders').deleteWhere({ status: 'cancelled' });
   * ```
   */
  async deleteWhere(queries: TableQuery<D>): Promise<void> {
    const canonical = this.#filters(queries, 'deleteWhere');
    await this.#stage('staging a deletion of rows', [], (api, databaseId, transactionId) =>
      api.deleteRows({ databaseId, tableId: this.id, queries: [...canonical], transactionId }), this.#deletes());
  }

  async #bulkRows(rows: readonly unknown[], mode: 'create' | 'upsert'): Promise<readonly string[]> {
    const prepared = rows.map((row, index) => prepareRow(this.#tx.runtime, row, index, mode));
    // At commit Appwrite parses staged creates for operators too; prepareRow checks upserts already.
    if (mode === 'create') prepared.forEach((row, index) => rejectOperatorStrings(this.id, 'bulkCreate', row, index));
    const chunks = chunk(prepared);
    this.#tx.ledger.reserve(this.id, chunks.length, prepared.map((row) => row.$id), this.#writes(Object.assign({}, ...prepared) as object));
    for (const part of chunks) {
      await this.#send(mode === 'create' ? 'staging a creation of rows' : 'staging an upsert of rows', undefined, (api, databaseId, transactionId) =>
        (mode === 'create'
          ? api.createRows({ databaseId, tableId: this.id, rows: [...part], transactionId })
          : api.upsertRows({ databaseId, tableId: this.id, rows: [...part], transactionId })));
    }
    return deepFreeze(prepared.map((row) => row.$id));
  }

  #filters(queries: TableQuery<D>, method: string): readonly string[] {
    const canonical = this.#tx.runtime.normalizer.canonical(queries as QueryInput);
    requireFilter(this.#tx.runtime, canonical, method);
    return canonical.strings;
  }

  #checkStep(id: string, column: string, by: StepValue, bound: StepValue | undefined, method: 'increment' | 'decrement'): void {
    checkId(id, { table: this.id, method });
    checkStep(this.#tx.runtime, column, by, method, bound);
  }

  /** Tables a write setting these fields changes at commit (relationships reach further than this table). */
  #writes(body: object): readonly string[] {
    return writeTables(this.#tx.runtime, body);
  }

  /** Tables a delete changes at commit (cascade, setNull, two-way partners). */
  #deletes(): readonly string[] {
    return this.#tx.runtime.relations.deleteTables();
  }

  /** The staged answer as a row; fields `sent` gives an operator are left out (their value is only known at commit). */
  #row(row: object, sent: Readonly<Record<string, unknown>> = {}): StagedRow<D> {
    const plain: Record<string, unknown> = { ...decodeRow(this.#tx.runtime, row) };
    for (const [field, value] of Object.entries(sent)) if (isColumnOperator(value)) delete plain[field];
    return plain as StagedRow<D>;
  }

  /** Counts one operation (changing `affected` at commit), then sends it. */
  #stage<T>(action: string, rowIds: readonly string[], request: Call<T>, affected: readonly string[] = [this.id]): Promise<T> {
    this.#tx.ledger.reserve(this.id, 1, rowIds, affected);
    return this.#send(action, rowIds.length === 1 ? rowIds[0] : undefined, request);
  }

  #send<T>(action: string, rowId: string | undefined, request: Call<T>): Promise<T> {
    const { adapter, ledger } = this.#tx;
    const where = { transactionId: ledger.transactionId, tables: ledger.tables, table: this.id, ...(rowId === undefined ? {} : { rowId }) };
    const context = { table: this.id, action, ...(rowId === undefined ? {} : { rowId }) };
    return ledger.track(adapter.call(context, where, (api, databaseId) => request(api, databaseId, ledger.transactionId)));
  }

  #read<T>(action: string, rowId: string | undefined, request: Call<T>): Promise<T> {
    this.#tx.ledger.assertOpen(this.id);
    const { adapter, ledger } = this.#tx;
    const context = { table: this.id, action, ...(rowId === undefined ? {} : { rowId }) };
    return adapter.call(context, { transactionId: ledger.transactionId, tables: ledger.tables, table: this.id },
      (api, databaseId) => request(api, databaseId, ledger.transactionId));
  }
}

function perms(permissions: readonly string[] | undefined): { permissions?: string[] } {
  return permissions === undefined ? {} : { permissions: [...permissions] };
}
