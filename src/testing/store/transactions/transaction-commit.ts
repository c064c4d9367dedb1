import { assertCanChange, assertCanCreate } from '../../auth/access.js';
import type { Caller } from '../../auth/auth.js';
import { isoAfter } from '../../control/clock.js';
import { ApiError } from '../../http/api-error.js';
import type { StoredRow } from '../model.js';
import { filterRows, validateQueries, type ParsedQuery } from '../query/index.js';
import { parseOperators } from '../operators/index.js';
import { prepareBulkUpdate, prepareUpdate, prepareUpsertExisting } from '../row-update.js';
import { commitRows, prepareCreates, removeRows, type RowInput } from '../row-writer.js';
import type { Store, TableState } from '../store.js';
import { documentNotFound, transactionConflict } from './transaction-errors.js';
import type { StagedOperation } from './transaction-registry.js';
import { isSteppable, steppedValue } from '../column-step.js';

/** A row change a commit made, for the events Appwrite emits after it (single-row operations only). */
export interface CommittedChange {
  readonly table: TableState;
  readonly action: 'create' | 'update' | 'delete';
  readonly row: StoredRow;
}

/** The commit has already answered this error: the status stays `committing` (an authorization failure). */
export class CommitInterrupted extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

const KEY: Caller = { kind: 'key' };

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * A logged row document as a row-writer input: column values (operator strings, stored verbatim when staged,
 * are parsed now, Transactions/Update.php:239-241), permissions, and the dates a key may set.
 */
function inputOf(table: TableState, document: Readonly<Record<string, unknown>>, id: string | undefined): RowInput {
  const relationships = new Set(table.table.columns.filter((column) => column.type === 'relationship').map((column) => column.key));
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseOperators(document, relationships))) if (!key.startsWith('$')) values[key] = value;
  const permissions = Array.isArray(document.$permissions) ? (document.$permissions as string[]) : undefined;
  const date = (key: string): string | undefined => (typeof document[key] === 'string' ? document[key] : undefined);
  return { id, values, permissions, createdAt: date('$createdAt'), updatedAt: date('$updatedAt') };
}

/**
 * Replays a transaction's log in staging order as one atomic change (Transactions/Update.php): any failure
 * restores every table it touched, and is answered with the types Appwrite uses there: a missing row 404
 * `document_not_found`, a duplicate or a row changed after its operation was staged 409
 * `transaction_conflict`, an invalid row 400 `document_invalid_structure`, a bound 400
 * `attribute_limit_exceeded`. Rows the commit itself wrote earlier are exempt from the conflict check.
 */
export class TransactionCommit {
  readonly #store: Store;
  readonly #caller: Caller;
  readonly #parse: (raw: unknown) => ParsedQuery[];
  readonly #saved = new Map<TableState, { rows: Map<string, StoredRow>; nextSequence: number }>();
  readonly #written = new Map<TableState, Set<string>>();
  readonly changes: CommittedChange[] = [];

  constructor(store: Store, caller: Caller, parse: (raw: unknown) => ParsedQuery[]) {
    this.#store = store;
    this.#caller = caller;
    this.#parse = parse;
  }

  /** Applies every operation, or none. */
  run(log: readonly StagedOperation[]): void {
    let current: string | null = null;
    try {
      for (const operation of log) {
        current = operation.rowId;
        this.#apply(operation);
      }
    } catch (error) {
      this.#restore();
      throw this.#translate(error, current);
    }
  }

  #translate(error: unknown, rowId: string | null): unknown {
    if (!(error instanceof ApiError)) return error;
    if (error.type === 'user_unauthorized') return new CommitInterrupted(error);
    if (error.type === 'row_already_exists') return transactionConflict();
    if (error.type === 'row_not_found' || error.type === 'table_not_found') return documentNotFound(rowId ?? 'unknown');
    if (error.type === 'row_invalid_structure') return new ApiError('document_invalid_structure', error.message, 400);
    return error;
  }

  #restore(): void {
    for (const [table, saved] of this.#saved) {
      table.rows.clear();
      for (const [id, row] of saved.rows) table.rows.set(id, row);
      table.nextSequence = saved.nextSequence;
      this.#store.changed(table);
    }
  }

  #table(operation: StagedOperation): TableState {
    const table = this.#store.table(operation.databaseId, operation.tableId);
    if (!this.#saved.has(table)) this.#saved.set(table, { rows: new Map(table.rows), nextSequence: table.nextSequence });
    return table;
  }

  #writtenIn(table: TableState): Set<string> {
    let written = this.#written.get(table);
    if (written === undefined) {
      written = new Set();
      this.#written.set(table, written);
    }
    return written;
  }

  /** A row changed after the operation was staged, and not by this commit, is a conflict. */
  #checkFresh(table: TableState, row: StoredRow, stagedAt: number): void {
    if (!this.#writtenIn(table).has(row.$id) && Date.parse(row.$updatedAt) > stagedAt) throw transactionConflict();
  }

  #existing(table: TableState, id: string): StoredRow {
    const row = table.rows.get(id);
    if (row === undefined) throw documentNotFound(id);
    return row;
  }

  #save(table: TableState, rows: readonly StoredRow[], mustBeNew: boolean): StoredRow[] {
    const stored = commitRows(this.#store, table, rows, { mustBeNew });
    for (const row of stored) this.#writtenIn(table).add(row.$id);
    return stored;
  }

  #allowed(check: () => void): void {
    if (this.#caller.kind !== 'key') check();
  }

  #apply(operation: StagedOperation): void {
    const table = this.#table(operation);
    const id = operation.rowId ?? undefined;
    const data = record(operation.data);
    switch (operation.action) {
      case 'create': {
        this.#allowed(() => assertCanCreate(this.#caller, table.table));
        const [row] = this.#save(table, prepareCreates(this.#store, table, KEY, [inputOf(table, data, id)]), true);
        if (row !== undefined) this.changes.push({ table, action: 'create', row });
        return;
      }
      case 'update':
      case 'upsert':
        this.#applyRow(operation, table, id ?? '', data);
        return;
      case 'delete': {
        const row = this.#existing(table, id ?? '');
        this.#checkFresh(table, row, operation.stagedAt);
        this.#allowed(() => assertCanChange(this.#caller, table.table, row, 'delete'));
        removeRows(this.#store, table, [row.$id]);
        this.changes.push({ table, action: 'delete', row });
        return;
      }
      case 'increment':
      case 'decrement':
        this.#applyStep(operation, table, id ?? '', data);
        return;
      default:
        this.#applyBulk(operation, table, data);
    }
  }

  #applyRow(operation: StagedOperation, table: TableState, id: string, data: Record<string, unknown>): void {
    const existing = table.rows.get(id);
    if (existing === undefined && operation.action === 'update') throw documentNotFound(id);
    let prepared: StoredRow;
    if (existing === undefined) {
      this.#allowed(() => assertCanCreate(this.#caller, table.table));
      [prepared] = prepareCreates(this.#store, table, KEY, [inputOf(table, data, id)]) as [StoredRow];
    } else {
      this.#checkFresh(table, existing, operation.stagedAt);
      const input = inputOf(table, data, id);
      const resolved = { ...input, permissions: input.permissions ?? existing.$permissions };
      const authorize = (): void => this.#allowed(() => assertCanChange(this.#caller, table.table, existing, 'update'));
      prepared = operation.action === 'update'
        ? prepareUpdate(this.#store, table, existing, resolved, authorize).row
        : prepareUpsertExisting(this.#store, table, existing, resolved, authorize).row;
    }
    const [row] = this.#save(table, [prepared], false);
    // Appwrite announces a committed upsert as an update, even when it created the row.
    if (row !== undefined) this.changes.push({ table, action: 'update', row });
  }

  #applyStep(operation: StagedOperation, table: TableState, id: string, data: Record<string, unknown>): void {
    const key = typeof data.column === 'string' ? data.column : '';
    const column = this.#store.availableColumns(table).find((item) => item.key === key);
    if (column === undefined) throw documentNotFound(id);
    const value = typeof data.value === 'number' || typeof data.value === 'bigint' ? data.value : 1;
    if (!isSteppable(column) || value <= 0) {
      throw new ApiError('general_unknown', 'Server Error', 500);
    }
    const row = this.#existing(table, id);
    this.#allowed(() => assertCanChange(this.#caller, table.table, row, 'update'));
    const up = operation.action === 'increment';
    const bound = data[up ? 'max' : 'min'];
    const next = steppedValue(column, row[key], value, up);
    if ((typeof bound === 'number' || typeof bound === 'bigint') && (up ? next > bound : next < bound)) {
      throw new ApiError('attribute_limit_exceeded', `Attribute value exceeds ${up ? 'maximum' : 'minimum'} limit: ${bound}`, 400);
    }
    const [stored] = this.#save(table, [{ ...row, [key]: next, $updatedAt: isoAfter(row.$updatedAt) }], false);
    if (stored !== undefined) this.changes.push({ table, action: 'update', row: stored });
  }

  #applyBulk(operation: StagedOperation, table: TableState, data: Record<string, unknown>): void {
    if (operation.action === 'bulkCreate' || operation.action === 'bulkUpsert') {
      const documents = (Array.isArray(operation.data) ? operation.data : []).map(record);
      const prepared = documents.map((document) => {
        const id = typeof document.$id === 'string' ? document.$id : undefined;
        const existing = id === undefined ? undefined : table.rows.get(id);
        if (existing === undefined || operation.action === 'bulkCreate') return prepareCreates(this.#store, table, KEY, [inputOf(table, document, id)])[0] as StoredRow;
        this.#checkFresh(table, existing, operation.stagedAt);
        const input = inputOf(table, document, id);
        return prepareUpsertExisting(this.#store, table, existing, { ...input, permissions: input.permissions ?? existing.$permissions }, () => undefined).row;
      });
      this.#save(table, prepared, operation.action === 'bulkCreate');
      return;
    }
    const queries = this.#parse(data.queries ?? []);
    validateQueries(queries, table.table, { context: 'mutation' });
    const matched = filterRows(this.#store.rows(table), queries, table.table);
    for (const row of matched) this.#checkFresh(table, row, operation.stagedAt);
    if (operation.action === 'bulkDelete') removeRows(this.#store, table, matched.map((row) => row.$id));
    else this.#save(table, matched.map(prepareBulkUpdate(this.#store, table, inputOf(table, record(data.data), undefined))), false);
  }
}
