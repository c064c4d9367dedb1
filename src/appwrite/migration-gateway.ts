import { AppwriteException, OrderBy, Query, TablesDBIndexType, type RelationMutate, type RelationshipType, type TablesDB } from 'node-appwrite';
import { MigrationError } from '../errors/migration-error.js';
import type { ConnectionError } from '../errors/connection-error.js';
import { fitsInt32 } from '../schema/appwrite-limits.js';
import { normaliseTable, type RawTable } from '../schema/live-state.js';
import type { TableSettings } from '../schema/migration-plan.js';
import type { MigrationPort } from '../schema/migration-port.js';
import type { ColumnSpec, IndexSpec, LiveState, LiveTable, TableSpec } from '../schema/spec.js';
import { checkId, type IdKind } from './appwrite-ids.js';
import { connectionFailure } from './connection-failure.js';
import { DEFAULT_TIMEOUT_MS, withDeadline } from './request-deadline.js';

/** Tables per `listTables` page: one request reads the whole schema of any realistic database. */
const PAGE_SIZE = 1000;
/** Appwrite's bounds for "no min/max" (PHP_INT_MIN/MAX, ±PHP_FLOAT_MAX), sent to clear a bound. */
const INT_MIN = -9223372036854775808n;
const INT_MAX = 9223372036854775807n;
/** Inline `type` (and `format`, `size`) per declared kind; the other kinds go as they are named. */
const INLINE_SHAPES: Readonly<Partial<Record<ColumnSpec['kind'], Record<string, unknown>>>> = {
  float: { type: 'double' },
  email: { type: 'string', format: 'email', size: 254 },
  url: { type: 'string', format: 'url', size: 2000 },
  ip: { type: 'string', format: 'ip', size: 39 },
  enum: { type: 'string', format: 'enum', size: 255 },
};

/** Why a bigint column cannot be made on a server without the route (Appwrite before 1.9.5 answers 404). */
export const BIGINT_VERSION_REASON = 'bigint columns need Appwrite 1.9.5 or later';

/** A number bound of an integer or float column (only bigint columns hold `bigint` bounds). */
function numberBound(value: number | bigint | undefined): number | undefined {
  return typeof value === 'bigint' ? Number(value) : value;
}

/**
 * True when Appwrite refused a bigint column because it predates them: 404 on the bigint route, or 400
 * `Invalid type for attribute 'x': bigint` for one inline in createTable (Attributes.php before 1.9.5).
 */
function lacksBigint(error: unknown): boolean {
  const exception = appwriteError(error);
  if (exception === undefined) return false;
  return (exception.code === 404 && exception.type === 'general_route_not_found')
    || (exception.code === 400 && /^Invalid type for attribute '[^']*': bigint$/.test(exception.message));
}

function appwriteError(error: unknown): AppwriteException | undefined {
  return error instanceof AppwriteException ? error : undefined;
}

/** The `default` a column update sends: `null` clears it (the SDK insists on the parameter being present). */
function updateDefault<T>(column: ColumnSpec): T {
  return column.default as T;
}

/**
 * A column in the form Appwrite 1.9's inline createTable accepts (reference §12): `double` for float;
 * email, url, ip and enum as `string` with `format` (and `elements`) and the size their endpoints use;
 * integers 64-bit (`size: 8`) unless the declaration bounds them within 32 bits.
 */
export function inlineColumn(column: ColumnSpec): Record<string, unknown> {
  const shape = INLINE_SHAPES[column.kind] ?? { type: column.kind };
  const int32 = column.kind === 'integer' && fitsInt32(numberBound(column.min), numberBound(column.max));
  return {
    key: column.key,
    ...shape,
    required: column.required,
    array: column.array,
    ...(column.default === null ? {} : { default: column.default }),
    ...(column.size === undefined ? {} : { size: column.size }),
    ...(column.kind === 'integer' && !int32 ? { size: 8 } : {}),
    ...(column.min === undefined ? {} : { min: column.min }),
    ...(column.max === undefined ? {} : { max: column.max }),
    ...(column.elements === undefined ? {} : { elements: column.elements }),
  };
}

/** An inline index: `attributes`, one upper-case order and one length (null: the whole column) per attribute. */
export function inlineIndex(index: IndexSpec): Record<string, unknown> {
  return {
    key: index.key,
    type: index.type,
    attributes: index.columns,
    orders: index.orders.map((order) => order.toUpperCase()),
    ...(index.lengths === undefined ? {} : { lengths: index.lengths.map((length) => length ?? null) }),
  };
}

/**
 * The {@link MigrationPort} over node-appwrite's `TablesDB`: the one place that calls TablesDB's schema
 * methods. Reads the whole schema with one `listTables` call; turns Appwrite's 409 on creates and 404 on
 * deletes into success; turns a request that never reached Appwrite into a `ConnectionError` naming the
 * endpoint, and wraps every other failure into a `MigrationError` naming the table and key.
 *
 * @example
 * ```ts
 * const gateway = new MigrationGateway(new TablesDB(client), 'shop');
 * const live = await gateway.readState();
 * ```
 */
export class MigrationGateway implements MigrationPort {
  // Private: the TablesDB service holds the client and so the API key; nothing may render it.
  readonly #tablesDB: TablesDB;
  readonly #databaseId: string;
  readonly #timeoutMs: number;

  /** `timeoutMs`: longest wait for one answer (see `ServerORMConfig.timeoutMs`). */
  constructor(tablesDB: TablesDB, databaseId: string, timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.#tablesDB = tablesDB;
    this.#databaseId = databaseId;
    this.#timeoutMs = timeoutMs;
  }



  /** Checks every id a schema request puts into its URL before it is sent: the database, then `ids`. */
  #ids(method: string, table: string, ...ids: readonly (readonly [IdKind, unknown])[]): void {
    checkId(this.#databaseId, { table, method, kind: 'database id' });
    for (const [kind, id] of ids) checkId(id, { table, method, kind });
  }

  async readState(): Promise<LiveState> {
    this.#ids('listTables', this.#databaseId);
    const tables: LiveTable[] = [];
    for (let cursor: string | undefined; ; ) {
      const queries = [Query.limit(PAGE_SIZE), ...(cursor === undefined ? [] : [Query.cursorAfter(cursor)])];
      let page: RawTable[];
      try {
        page = (await this.#deadline(() => this.#tablesDB.listTables({ databaseId: this.#databaseId, queries, total: false }))).tables;
      } catch (error) {
        // Only Appwrite's own "no such database" means missing: a 401 or an outage must never lead to a create.
        if (appwriteError(error)?.code === 404 && appwriteError(error)?.type === 'database_not_found') return { databaseExists: false, tables: [] };
        throw this.#failure('read the tables of', `database ${this.#databaseId}`, error, {});
      }
      tables.push(...page.map(normaliseTable));
      if (page.length < PAGE_SIZE) return { databaseExists: true, tables };
      cursor = page[page.length - 1]?.$id;
    }
  }

  async readTable(tableId: string): Promise<LiveTable | null> {
    this.#ids('getTable', tableId, ['table id', tableId]);
    try {
      return normaliseTable(await this.#deadline(() => this.#tablesDB.getTable({ databaseId: this.#databaseId, tableId })));
    } catch (error) {
      if (appwriteError(error)?.code === 404) return null;
      throw this.#failure('read', `table ${tableId}`, error, { table: tableId });
    }
  }

  async createDatabase(name: string): Promise<void> {
    this.#ids('create', this.#databaseId);
    return this.#create('create', `database ${this.#databaseId}`, {}, () => this.#tablesDB.create({ databaseId: this.#databaseId, name }));
  }

  async createTable(table: TableSpec): Promise<void> {
    this.#ids('createTable', table.id, ['table id', table.id], ...table.columns.map((column) => ['column key', column.key] as const),
      ...table.indexes.map((index) => ['index key', index.key] as const));
    const bigint = table.columns.find((column) => column.kind === 'bigint');
    const request = (): Promise<unknown> => this.#tablesDB.createTable({
      databaseId: this.#databaseId,
      tableId: table.id,
      name: table.name,
      permissions: [...(table.permissions ?? [])],
      rowSecurity: table.rowSecurity ?? false,
      // Relationship columns cannot be created inline; the plan creates them once both tables exist.
      columns: table.columns.filter((column) => column.kind !== 'relationship').map(inlineColumn),
      indexes: table.indexes.map(inlineIndex),
    });
    return this.#create('create', `table ${table.id}`, { table: table.id },
      bigint === undefined ? request : () => this.#bigint(table.id, bigint.key, request));
  }

  async updateTable(tableId: string, settings: TableSettings): Promise<void> {
    const { name, rowSecurity, enabled } = settings;
    this.#ids('updateTable', tableId, ['table id', tableId]);
    await this.#run('update', `table ${tableId}`, { table: tableId }, () =>
      this.#tablesDB.updateTable({ databaseId: this.#databaseId, tableId, name, permissions: [...settings.permissions], rowSecurity, enabled }),
    );
  }

  async deleteTable(tableId: string): Promise<void> {
    this.#ids('deleteTable', tableId, ['table id', tableId]);
    return this.#delete(`table ${tableId}`, { table: tableId }, () => this.#tablesDB.deleteTable({ databaseId: this.#databaseId, tableId }));
  }

  async createColumn(tableId: string, column: ColumnSpec): Promise<void> {
    this.#ids('createColumn', tableId, ['table id', tableId], ['column key', column.key]);
    const params = { databaseId: this.#databaseId, tableId, key: column.key, required: column.required, array: column.array };
    const fallback = column.default ?? undefined;
    const bounds = { min: numberBound(column.min), max: numberBound(column.max) };
    const encrypt = column.encrypt === true;
    const call = (): Promise<unknown> => {
      switch (column.kind) {
        case 'string':
          return this.#tablesDB.createStringColumn({ ...params, size: column.size ?? 255, xdefault: fallback as string | undefined, encrypt });
        case 'varchar':
          return this.#tablesDB.createVarcharColumn({ ...params, size: column.size ?? 255, xdefault: fallback as string | undefined, encrypt });
        case 'text':
          return this.#tablesDB.createTextColumn({ ...params, xdefault: fallback as string | undefined, encrypt });
        case 'mediumtext':
          return this.#tablesDB.createMediumtextColumn({ ...params, xdefault: fallback as string | undefined, encrypt });
        case 'longtext':
          return this.#tablesDB.createLongtextColumn({ ...params, xdefault: fallback as string | undefined, encrypt });
        case 'integer':
          return this.#tablesDB.createIntegerColumn({ ...params, ...bounds, xdefault: fallback as number | undefined });
        case 'bigint':
          return this.#bigint(tableId, column.key, () => this.#tablesDB.createBigIntColumn({
            ...params, min: column.min, max: column.max, xdefault: fallback as bigint | undefined,
          }));
        case 'float':
          return this.#tablesDB.createFloatColumn({ ...params, ...bounds, xdefault: fallback as number | undefined });
        case 'boolean':
          return this.#tablesDB.createBooleanColumn({ ...params, xdefault: fallback as boolean | undefined });
        case 'datetime':
          return this.#tablesDB.createDatetimeColumn({ ...params, xdefault: fallback as string | undefined });
        case 'email':
          return this.#tablesDB.createEmailColumn({ ...params, xdefault: fallback as string | undefined });
        case 'url':
          return this.#tablesDB.createUrlColumn({ ...params, xdefault: fallback as string | undefined });
        case 'ip':
          return this.#tablesDB.createIpColumn({ ...params, xdefault: fallback as string | undefined });
        case 'enum':
          return this.#tablesDB.createEnumColumn({ ...params, elements: [...(column.elements ?? [])], xdefault: fallback as string | undefined });
        case 'relationship': {
          const relation = column.relation;
          if (relation === undefined) throw new MigrationError(`Column ${tableId}.${column.key} has no relationship`, { table: tableId, field: column.key });
          return this.#tablesDB.createRelationshipColumn({
            databaseId: this.#databaseId, tableId, key: column.key, relatedTableId: relation.relatedTable,
            type: relation.relationType as RelationshipType, twoWay: relation.twoWay,
            ...(relation.twoWay ? { twoWayKey: relation.twoWayKey } : {}), onDelete: relation.onDelete as RelationMutate,
          });
        }
        case 'other':
          throw new MigrationError(`Cannot create column ${tableId}.${column.key} of type ${column.rawType ?? 'other'}`, { table: tableId, field: column.key });
      }
    };
    return this.#create('create', `column ${tableId}.${column.key}`, { table: tableId, field: column.key }, call);
  }

  async updateColumn(tableId: string, column: ColumnSpec): Promise<void> {
    await this.#changeColumn(tableId, column, undefined);
  }

  /**
   * Gives a column a new key, keeping its data and every other property (Appwrite's `newKey` on the column's
   * update). The column is briefly `processing` under its new key.
   *
   * @example
   * ```ts
   * await gateway.renameColumn('posts', live.columns[0], 'headline');
   * ```
   */
  async renameColumn(tableId: string, column: ColumnSpec, newKey: string): Promise<void> {
    this.#ids('updateColumn', tableId, ['column key', newKey]);
    await this.#changeColumn(tableId, column, newKey);
  }

  async #changeColumn(tableId: string, column: ColumnSpec, newKey: string | undefined): Promise<void> {
    this.#ids('updateColumn', tableId, ['table id', tableId], ['column key', column.key]);
    const params = { databaseId: this.#databaseId, tableId, key: column.key, required: column.required, ...(newKey === undefined ? {} : { newKey }) };
    const call = (): Promise<unknown> => {
      switch (column.kind) {
        case 'string':
          return this.#tablesDB.updateStringColumn({ ...params, xdefault: updateDefault(column), size: column.size });
        case 'varchar':
          return this.#tablesDB.updateVarcharColumn({ ...params, xdefault: updateDefault(column), size: column.size });
        case 'text':
          return this.#tablesDB.updateTextColumn({ ...params, xdefault: updateDefault(column) });
        case 'mediumtext':
          return this.#tablesDB.updateMediumtextColumn({ ...params, xdefault: updateDefault(column) });
        case 'longtext':
          return this.#tablesDB.updateLongtextColumn({ ...params, xdefault: updateDefault(column) });
        case 'integer':
          return this.#tablesDB.updateIntegerColumn({ ...params, xdefault: updateDefault(column), min: column.min ?? INT_MIN, max: column.max ?? INT_MAX });
        case 'bigint':
          return this.#bigint(tableId, column.key, () =>
            this.#tablesDB.updateBigIntColumn({ ...params, xdefault: updateDefault(column), min: column.min ?? INT_MIN, max: column.max ?? INT_MAX }));
        case 'float':
          return this.#tablesDB.updateFloatColumn({ ...params, xdefault: updateDefault(column), min: numberBound(column.min) ?? -Number.MAX_VALUE, max: numberBound(column.max) ?? Number.MAX_VALUE });
        case 'boolean':
          return this.#tablesDB.updateBooleanColumn({ ...params, xdefault: updateDefault(column) });
        case 'datetime':
          return this.#tablesDB.updateDatetimeColumn({ ...params, xdefault: updateDefault(column) });
        case 'email':
          return this.#tablesDB.updateEmailColumn({ ...params, xdefault: updateDefault(column) });
        case 'url':
          return this.#tablesDB.updateUrlColumn({ ...params, xdefault: updateDefault(column) });
        case 'ip':
          return this.#tablesDB.updateIpColumn({ ...params, xdefault: updateDefault(column) });
        case 'enum':
          return this.#tablesDB.updateEnumColumn({ ...params, elements: [...(column.elements ?? [])], xdefault: updateDefault(column) });
        case 'relationship':
          return this.#tablesDB.updateRelationshipColumn({
            databaseId: this.#databaseId, tableId, key: column.key, onDelete: (column.relation?.onDelete ?? 'restrict') as RelationMutate, ...(newKey === undefined ? {} : { newKey }),
          });
        case 'other':
          throw new MigrationError(`Cannot update column ${tableId}.${column.key} of type ${column.rawType ?? 'other'}`, { table: tableId, field: column.key });
      }
    };
    await this.#run('update', `column ${tableId}.${column.key}`, { table: tableId, field: column.key }, call);
  }

  async deleteColumn(tableId: string, key: string): Promise<void> {
    this.#ids('deleteColumn', tableId, ['table id', tableId], ['column key', key]);
    return this.#delete(`column ${tableId}.${key}`, { table: tableId, field: key }, () => this.#tablesDB.deleteColumn({ databaseId: this.#databaseId, tableId, key }));
  }

  async createIndex(tableId: string, index: IndexSpec): Promise<void> {
    this.#ids('createIndex', tableId, ['table id', tableId], ['index key', index.key]);
    return this.#create('create', `index ${tableId}.${index.key}`, { table: tableId, field: index.key }, () =>
      this.#tablesDB.createIndex({
        databaseId: this.#databaseId,
        tableId,
        key: index.key,
        type: index.type as TablesDBIndexType,
        columns: [...index.columns],
        orders: index.orders.map((order) => (order === 'desc' ? OrderBy.Desc : OrderBy.Asc)),
        // 0 is Appwrite's "the whole column" (what it stores for an index created without lengths).
        ...(index.lengths === undefined ? {} : { lengths: index.lengths.map((length) => length ?? 0) }),
      }),
    );
  }

  async deleteIndex(tableId: string, key: string): Promise<void> {
    this.#ids('deleteIndex', tableId, ['table id', tableId], ['index key', key]);
    return this.#delete(`index ${tableId}.${key}`, { table: tableId, field: key }, () => this.#tablesDB.deleteIndex({ databaseId: this.#databaseId, tableId, key }));
  }

  /** A bigint column request; on a server without bigint columns, a MigrationError saying which version they need. */
  async #bigint(tableId: string, key: string, call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      if (!lacksBigint(error)) throw error;
      throw new MigrationError(`Could not create or update column ${tableId}.${key}: ${BIGINT_VERSION_REASON} (${appwriteError(error)?.message ?? ''})`,
        { table: tableId, field: key }, { cause: error });
    }
  }

  #deadline<T>(call: () => Promise<T>): Promise<T> {
    return withDeadline(this.#timeoutMs, call);
  }

  async #create(verb: string, what: string, context: { table?: string; field?: string }, call: () => Promise<unknown>): Promise<void> {
    try {
      await this.#deadline(call);
    } catch (error) {
      // 409: another process created it first (two instances starting at once); the plan's goal is reached.
      if (appwriteError(error)?.code === 409) return;
      throw this.#failure(verb, what, error, context);
    }
  }

  async #delete(what: string, context: { table?: string; field?: string }, call: () => Promise<unknown>): Promise<void> {
    try {
      await this.#deadline(call);
    } catch (error) {
      // 404: already gone (deleted by another process); the plan's goal is reached.
      if (appwriteError(error)?.code === 404) return;
      throw this.#failure('delete', what, error, context);
    }
  }

  async #run(verb: string, what: string, context: { table?: string; field?: string }, call: () => Promise<unknown>): Promise<void> {
    try {
      await this.#deadline(call);
    } catch (error) {
      throw this.#failure(verb, what, error, context);
    }
  }

  #failure(verb: string, what: string, error: unknown, context: { table?: string; field?: string }): MigrationError | ConnectionError {
    if (error instanceof MigrationError) return error;
    // Appwrite not reached is no migration failure (and `init` without `autoMigrate` only reads the schema).
    const unreachable = connectionFailure(error, () => this.#tablesDB.client.config.endpoint, `trying to ${verb} ${what}`, context);
    if (unreachable !== undefined) return unreachable;
    const exception = appwriteError(error);
    const detail = exception === undefined ? (error instanceof Error ? error.message : String(error)) : `${exception.message} (${exception.type || 'error'}, HTTP ${exception.code})`;
    return new MigrationError(`Could not ${verb} ${what}: ${detail}`, context, { cause: error });
  }
}
