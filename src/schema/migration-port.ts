import type { TableSettings } from './migration-plan.js';
import type { ColumnSpec, IndexSpec, LiveState, LiveTable, TableSpec } from './spec.js';

/**
 * The writes and reads a migration needs, over one database. The server implements it with node-appwrite's
 * TablesDB (`MigrationGateway`); tests can implement it in memory.
 *
 * Contract: `create*` resolve when the resource already exists (Appwrite's 409: another process made it
 * first, which is what the plan wanted); `delete*` resolve when it is already gone (404). Any other failure
 * rejects with a `MigrationError` that names the table and the column or index and carries Appwrite's text.
 */
export interface MigrationPort {
  /** Every table with its columns and indexes, in as few requests as the server allows. */
  readState(): Promise<LiveState>;
  /** One table with its columns and indexes (for polling statuses); `null` when it does not exist. */
  readTable(tableId: string): Promise<LiveTable | null>;
  createDatabase(name: string): Promise<void>;
  /** Creates the table with its columns and indexes inline (available at once). */
  createTable(table: TableSpec): Promise<void>;
  updateTable(tableId: string, settings: TableSettings): Promise<void>;
  deleteTable(tableId: string): Promise<void>;
  /** Starts creating a column; it is `processing` until Appwrite makes it `available`. */
  createColumn(tableId: string, column: ColumnSpec): Promise<void>;
  /** Sets every in-place property (required, default, size, min, max, elements) to the declared value. */
  updateColumn(tableId: string, column: ColumnSpec): Promise<void>;
  /**
   * Gives the column `column.key` the key `newKey`, keeping its values (Appwrite's `newKey` on the column's
   * update), and sets its in-place properties to those of `column` as {@link updateColumn} does.
   */
  renameColumn(tableId: string, column: ColumnSpec, newKey: string): Promise<void>;
  deleteColumn(tableId: string, key: string): Promise<void>;
  createIndex(tableId: string, index: IndexSpec): Promise<void>;
  deleteIndex(tableId: string, key: string): Promise<void>;
}
