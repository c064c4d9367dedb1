import { TablesDB, type Client } from 'node-appwrite';
import { currentOperation } from '../cache/operation-record.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import { ConflictError } from '../errors/conflict-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { toOrmError, type RequestContext } from './appwrite-error-mapping.js';
import { ConfigError } from '../errors/config-error.js';
import { withRetry, type RetryPolicy } from './read-retry.js';
import { plain, type RowDecoder } from '../schema/row-decoder.js';
import { DEFAULT_TIMEOUT_MS, withDeadline } from './request-deadline.js';

/** A row as Appwrite returns it: system fields and columns, as a plain object. */
export type RowRecord = Readonly<Record<string, unknown>>;

/** One page of `listRows`. `total` is 0 unless asked for, and Appwrite caps it at 5000. */
export interface RowPage {
  readonly total: number;
  readonly rows: readonly RowRecord[];
}

/** Data of one row in a bulk create or upsert, with its id and optional permissions. */
export type BulkRowData = Readonly<Record<string, unknown>> & { readonly $id: string; readonly $permissions?: readonly string[] };

/**
 * The one place the ORM calls node-appwrite's TablesDB for rows. Every failure comes out as a typed
 * `OrmError`; every attempt has a deadline (`timeoutMs`); reads and writes that name their rows are retried
 * per the {@link RetryPolicy}; rows are frozen plain objects (the SDK parses JSON into prototype-less objects).
 *
 * @example
 * ```ts
 * const adapter = new TablesDbAdapter(client, 'shop', DEFAULTS.retry);
 * const page = await adapter.listRows('products', [Query.limit(10)]);
 * ```
 */
export class TablesDbAdapter {
  readonly databaseId: string;
  // Private fields: the TablesDB service holds the client, and so the API key or the user's JWT.
  readonly #api: TablesDB;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #decoder: RowDecoder | undefined;

  /** `decoder`: turns each answered row into the declared shape (bigint fields as `bigint`); rows are only copied without it. */
  constructor(client: Client | TablesDB, databaseId: string, retry: RetryPolicy, timeoutMs = DEFAULT_TIMEOUT_MS, decoder?: RowDecoder) {
    this.#api = client instanceof TablesDB ? client : new TablesDB(client);
    this.databaseId = databaseId;
    this.#retry = retry;
    this.#timeoutMs = checkTimeout(timeoutMs);
    this.#decoder = decoder;
  }

  /**
   * A row of `tableId` as reads return it: a frozen copy, bigint fields as `bigint` (also in related rows).
   *
   * @example
   * ```ts
   * const row = adapter.decodeRow('counters', await tablesDB.getRow({ databaseId, tableId: 'counters', rowId: 'a' }));
   * ```
   */
  decodeRow(tableId: string, row: object): RowRecord {
    return this.#decoder === undefined ? plainRow(row) : this.#decoder.decode(tableId, row);
  }

  /** Longest wait for one answer, in ms. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /**
   * The same adapter with another deadline per attempt (`undefined` keeps this one): for a call's `timeoutMs`.
   *
   * @example
   * ```ts
   * await adapter.withTimeout(2_000).getRow('products', 'pen');
   * ```
   */
  withTimeout(timeoutMs: number | undefined): TablesDbAdapter {
    return timeoutMs === undefined || timeoutMs === this.#timeoutMs ? this : new TablesDbAdapter(this.#api, this.databaseId, this.#retry, timeoutMs, this.#decoder);
  }


  async listRows(tableId: string, queries: readonly string[], total = false): Promise<RowPage> {
    const page = await this.#call({ table: tableId, action: 'listing rows' }, true,
      () => this.#api.listRows({ databaseId: this.databaseId, tableId, queries: [...queries], total }));
    return { total: page.total, rows: page.rows.map((row) => this.decodeRow(tableId, row)) };
  }

  /** The row, or `null` when it does not exist (or the caller may not read it: Appwrite answers 404 then). */
  async getRow(tableId: string, rowId: string, queries?: readonly string[]): Promise<RowRecord | null> {
    try {
      return this.decodeRow(tableId, await this.#call({ table: tableId, action: 'reading row', rowId }, true,
        () => this.#api.getRow({ databaseId: this.databaseId, tableId, rowId, ...(queries === undefined ? {} : { queries: [...queries] }) })));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /**
   * Retried only when the caller chose the id: a retry then cannot create a second row. When a retry finds
   * the id taken (409), the first attempt may have written the row and lost its answer: the row is read back
   * and returned if `isOurs` recognises it, else the conflict stands.
   */
  async createRow(tableId: string, rowId: string | undefined, data: object, permissions?: readonly string[], isOurs?: (row: RowRecord) => boolean): Promise<RowRecord> {
    const id = rowId ?? 'unique()';
    let attempts = 0;
    try {
      return this.decodeRow(tableId, await this.#call({ table: tableId, action: 'creating row', ...(rowId === undefined ? {} : { rowId }) }, rowId !== undefined, () => {
        attempts += 1;
        return this.#api.createRow({ databaseId: this.databaseId, tableId, rowId: id, data, ...perms(permissions) });
      }));
    } catch (error) {
      if (!(error instanceof ConflictError && error.type === 'row_already_exists' && attempts > 1 && rowId !== undefined && isOurs !== undefined)) throw error;
      const stored = await this.getRow(tableId, rowId);
      if (stored === null || !isOurs(stored)) throw error;
      return stored;
    }
  }

  async upsertRow(tableId: string, rowId: string, data: object, permissions?: readonly string[]): Promise<RowRecord> {
    return this.decodeRow(tableId, await this.#call({ table: tableId, action: 'upserting row', rowId }, true,
      () => this.#api.upsertRow({ databaseId: this.databaseId, tableId, rowId, data, ...perms(permissions) })));
  }

  async updateRow(tableId: string, rowId: string, data: object, permissions?: readonly string[]): Promise<RowRecord> {
    return this.decodeRow(tableId, await this.#call({ table: tableId, action: 'updating row', rowId }, true,
      () => this.#api.updateRow({ databaseId: this.databaseId, tableId, rowId, data, ...perms(permissions) })));
  }

  async deleteRow(tableId: string, rowId: string): Promise<void> {
    let attempts = 0;
    try {
      await this.#call({ table: tableId, action: 'deleting row', rowId }, true, () => {
        attempts += 1;
        return this.#api.deleteRow({ databaseId: this.databaseId, tableId, rowId });
      });
    } catch (error) {
      // A retried delete that finds no row means an earlier attempt, whose answer was lost, deleted it.
      if (!(error instanceof NotFoundError && attempts > 1)) throw error;
    }
  }

  /** `value` and `limit` may be `bigint`s (bigint columns): node-appwrite types them as numbers but writes a BigInt exactly (json-bigint). */
  async incrementRowColumn(tableId: string, rowId: string, column: string, value: number | bigint, limit?: number | bigint): Promise<RowRecord> {
    return this.#stepped(tableId, rowId, () => this.#call({ table: tableId, action: `incrementing "${column}" of row`, rowId }, false,
      () => this.#api.incrementRowColumn({ databaseId: this.databaseId, tableId, rowId, column, value: wireNumber(value), ...(limit === undefined ? {} : { max: wireNumber(limit) }) })));
  }

  async decrementRowColumn(tableId: string, rowId: string, column: string, value: number | bigint, limit?: number | bigint): Promise<RowRecord> {
    return this.#stepped(tableId, rowId, () => this.#call({ table: tableId, action: `decrementing "${column}" of row`, rowId }, false,
      () => this.#api.decrementRowColumn({ databaseId: this.databaseId, tableId, rowId, column, value: wireNumber(value), ...(limit === undefined ? {} : { min: wireNumber(limit) }) })));
  }

  /**
   * Appwrite's increment and decrement routes answer 404 `column_not_found` for a missing row as well as for
   * a missing column (reference §2.5): the row is looked up to tell which, and a missing row is a `NotFoundError`.
   */
  async #stepped(tableId: string, rowId: string, request: () => Promise<object>): Promise<RowRecord> {
    try {
      return this.decodeRow(tableId, await request());
    } catch (error) {
      if (!(error instanceof AppwriteError && error.status === 404 && error.type === 'column_not_found')) throw error;
      if ((await this.getRow(tableId, rowId)) === null) throw new NotFoundError(tableId, { rowId }, { cause: error });
      throw error;
    }
  }

  /** Not retried: a lost answer followed by a retry would report the first attempt's rows as conflicts. */
  async createRows(tableId: string, rows: readonly BulkRowData[]): Promise<RowPage> {
    return this.#page(tableId, await this.#call({ table: tableId, action: 'creating rows' }, false,
      () => this.#api.createRows({ databaseId: this.databaseId, tableId, rows: [...rows] })));
  }

  async upsertRows(tableId: string, rows: readonly BulkRowData[]): Promise<RowPage> {
    return this.#page(tableId, await this.#call({ table: tableId, action: 'upserting rows' }, true,
      () => this.#api.upsertRows({ databaseId: this.databaseId, tableId, rows: [...rows] })));
  }

  /** `byIds`: the queries select rows by `$id`, so repeating the request changes nothing more: retried. */
  async updateRows(tableId: string, data: object, queries: readonly string[], byIds: boolean): Promise<RowPage> {
    return this.#page(tableId, await this.#call({ table: tableId, action: 'updating rows' }, byIds,
      () => this.#api.updateRows({ databaseId: this.databaseId, tableId, data, queries: [...queries] })));
  }

  async deleteRows(tableId: string, queries: readonly string[], byIds: boolean): Promise<RowPage> {
    return this.#page(tableId, await this.#call({ table: tableId, action: 'deleting rows' }, byIds,
      () => this.#api.deleteRows({ databaseId: this.databaseId, tableId, queries: [...queries] })));
  }

  #page(tableId: string, list: { total: number; rows: readonly object[] }): RowPage {
    return { total: list.total, rows: list.rows.map((row) => this.decodeRow(tableId, row)) };
  }

  #call<T>(context: RequestContext, retry: boolean, request: () => Promise<T>): Promise<T> {
    const attempt = async (): Promise<T> => {
      const operation = currentOperation();
      if (operation !== undefined) operation.requests++;
      try {
        return await withDeadline(this.#timeoutMs, request);
      } catch (error) {
        throw toOrmError(error, context, () => this.#api.client.config.endpoint);
      }
    };
    return retry ? withRetry(attempt, this.#retry) : attempt();
  }
}

/**
 * A numeric request param as node-appwrite types it. A `bigint` is passed as it is: the SDK's json-bigint
 * writes it as the exact integer, which a conversion to number would round.
 *
 * @example
 * ```ts
 * api.incrementRowColumn({ databaseId, tableId, rowId, column, value: wireNumber(2n ** 60n) });
 * ```
 */
export function wireNumber(value: number | bigint): number {
  return value as number;
}

function checkTimeout(timeoutMs: number): number {
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new ConfigError(`timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`);
  return timeoutMs;
}

function perms(permissions: readonly string[] | undefined): { permissions?: string[] } {
  return permissions === undefined ? {} : { permissions: [...permissions] };
}

/** A row as node-appwrite parsed it, as a deep-frozen plain object (no column conversion). */
function plainRow(row: object): RowRecord {
  return plain(row) as RowRecord;
}

