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
import type { StagedRow, TransactionTable } from './transaction-table.js';

/** What a transaction's table needs: the table, the transaction's Appwrite calls and its ledger. */
export interface TransactionTableContext<D extends TableDefinition> {
  readonly runtime: TableRuntime<D>;
  readonly adapter: TransactionAdapter;
  readonly ledger: TransactionLedger;
}

type Call<T> = (api: TablesDB, databaseId: string, transactionId: string) => Promise<T>;

/**
 * The {@link TransactionTable} `tx.table(name)` returns: the same write checks as the table handles, then
 * each call staged as one of the transaction's operations (counted and tracked by its ledger).
 */
export class TransactionTableImpl<D extends TableDefinition = TableDefinition> implements TransactionTable<D> {
  readonly #tx: TransactionTableContext<D>;

  constructor(context: TransactionTableContext<D>) {
    this.#tx = context;
  }

  get id(): string {
    return this.#tx.runtime.id;
  }

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

  async find(queries?: TableQuery<D>): Promise<readonly RowOf<D>[]> {
    const canonical = this.#tx.runtime.normalizer.normalize(queries as QueryInput | undefined);
    const page = await this.#read('listing rows', undefined, (api, databaseId, transactionId) =>
      api.listRows({ databaseId, tableId: this.id, queries: [...canonical], transactionId, total: false }));
    return deepFreeze(page.rows.map((row) => decodeRow(this.#tx.runtime, row))) as readonly RowOf<D>[];
  }

  async create(data: InsertOf<D>, options: CreateOptions = {}): Promise<StagedRow<D>> {
    const body = createBody(this.#tx.runtime, data, true);
    const rowId = options.id === undefined ? ID.unique() : checkId(options.id, { table: this.id, method: 'create' });
    return this.#row(await this.#stage('staging the creation of row', [rowId], (api, databaseId, transactionId) =>
      api.createRow({ databaseId, tableId: this.id, rowId, data: body, ...perms(options.permissions), transactionId }), this.#writes(body)));
  }

  async update(id: string, data: PatchOf<D>, options: WriteOptions = {}): Promise<StagedRow<D>> {
    checkId(id, { table: this.id, method: 'update' });
    const body = patchBody(this.#tx.runtime, data, 'update', options.permissions);
    return this.#row(await this.#stage('staging an update of row', [id], (api, databaseId, transactionId) =>
      api.updateRow({ databaseId, tableId: this.id, rowId: id, data: body, ...perms(options.permissions), transactionId }), this.#writes(body)), body);
  }

  async upsert(id: string, data: UpsertOf<D>, options: WriteOptions = {}): Promise<StagedRow<D>> {
    checkId(id, { table: this.id, method: 'upsert' });
    const body = upsertBody(this.#tx.runtime, data);
    return this.#row(await this.#stage('staging an upsert of row', [id], (api, databaseId, transactionId) =>
      api.upsertRow({ databaseId, tableId: this.id, rowId: id, data: body, ...perms(options.permissions), transactionId }), this.#writes(body)), body);
  }

  async delete(id: string): Promise<void> {
    checkId(id, { table: this.id, method: 'delete' });
    await this.#stage('staging the deletion of row', [id], (api, databaseId, transactionId) =>
      api.deleteRow({ databaseId, tableId: this.id, rowId: id, transactionId }), this.#deletes());
  }

  async increment<C extends SteppableColumn<D>>(id: string, column: C, by: StepOf<D, C> = 1, options: { readonly max?: StepOf<D, C> } = {}): Promise<void> {
    this.#checkStep(id, column, by, options.max, 'increment');
    await this.#stage(`staging an increment of "${column}" of row`, [id], (api, databaseId, transactionId) =>
      api.incrementRowColumn({ databaseId, tableId: this.id, rowId: id, column, value: wireNumber(by), ...(options.max === undefined ? {} : { max: wireNumber(options.max) }), transactionId }));
  }

  async decrement<C extends SteppableColumn<D>>(id: string, column: C, by: StepOf<D, C> = 1, options: { readonly min?: StepOf<D, C> } = {}): Promise<void> {
    this.#checkStep(id, column, by, options.min, 'decrement');
    await this.#stage(`staging a decrement of "${column}" of row`, [id], (api, databaseId, transactionId) =>
      api.decrementRowColumn({ databaseId, tableId: this.id, rowId: id, column, value: wireNumber(by), ...(options.min === undefined ? {} : { min: wireNumber(options.min) }), transactionId }));
  }

  async bulkCreate(rows: readonly BulkCreateRow<D>[]): Promise<readonly string[]> {
    return this.#bulkRows(rows, 'create');
  }

  async bulkUpsert(rows: readonly BulkUpsertRow<D>[]): Promise<readonly string[]> {
    return this.#bulkRows(rows, 'upsert');
  }

  async bulkUpdate(items: readonly BulkUpdateItem<D>[]): Promise<void> {
    const { chunks, keys } = groupUpdates(this.#tx.runtime, items);
    const ids = chunks.flatMap((part) => part.refs.map((ref) => ref.id ?? ''));
    this.#tx.ledger.reserve(this.id, chunks.length, ids, this.#writes(keys));
    for (const part of chunks) {
      await this.#send('staging an update of rows', undefined, (api, databaseId, transactionId) =>
        api.updateRows({ databaseId, tableId: this.id, data: part.data, queries: [idFilter(part.refs)], transactionId }));
    }
  }

  async bulkDelete(ids: readonly string[]): Promise<void> {
    const chunks = chunk([...distinctIds(this.#tx.runtime, ids)].map(([id, index]) => ({ index, id })));
    this.#tx.ledger.reserve(this.id, chunks.length, ids, this.#deletes());
    for (const refs of chunks) {
      await this.#send('staging a deletion of rows', undefined, (api, databaseId, transactionId) =>
        api.deleteRows({ databaseId, tableId: this.id, queries: [idFilter(refs)], transactionId }));
    }
  }

  async updateWhere(queries: TableQuery<D>, data: PatchOf<D>): Promise<void> {
    const canonical = this.#filters(queries, 'updateWhere');
    const body = patchBody(this.#tx.runtime, data, 'updateWhere');
    await this.#stage('staging an update of rows', [], (api, databaseId, transactionId) =>
      api.updateRows({ databaseId, tableId: this.id, data: body, queries: [...canonical], transactionId }), this.#writes(body));
  }

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
