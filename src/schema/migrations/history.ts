import { Query } from 'node-appwrite';
import type { MigrationPort } from '../migration-port.js';
import type { TableSpec } from '../spec.js';
import type { MigrationRow, RowStore } from './migrator.js';

/** Default id of the table that records applied migrations. */
export const HISTORY_TABLE = 'orm_migrations';

/** One applied migration, as recorded. */
export interface HistoryEntry {
  readonly rowId: string;
  readonly name: string;
  readonly batch: number;
  readonly checksum: string;
  readonly appliedAt: string;
}

/**
 * The history table: one row per applied migration (name, batch, checksum, applied at), with a unique index
 * on the name so that the same file can never be recorded twice.
 */
function historyTableSpec(tableId: string): TableSpec {
  const base = { array: false, default: null } as const;
  return {
    id: tableId,
    name: tableId,
    permissions: [],
    rowSecurity: false,
    columns: [
      { ...base, key: 'name', kind: 'string', size: 255, required: true },
      { ...base, key: 'batch', kind: 'integer', required: true, min: 1, max: 2_147_483_647 },
      { ...base, key: 'checksum', kind: 'string', size: 64, required: true },
      { ...base, key: 'appliedAt', kind: 'datetime', required: true },
    ],
    indexes: [{ key: 'unique_name', type: 'unique', columns: ['name'], orders: ['asc'] }],
  };
}

function entry(row: MigrationRow): HistoryEntry {
  return { rowId: String(row.$id), name: String(row.name), batch: Number(row.batch), checksum: String(row.checksum), appliedAt: String(row.appliedAt) };
}

/**
 * Reads and writes the history table of one database.
 *
 * @example
 * ```ts
 * const history = new MigrationHistory(gateway, adapter, 'orm_migrations');
 * await history.ensure();
 * const applied = await history.list();
 * ```
 */
export class MigrationHistory {
  readonly #port: MigrationPort;
  readonly #rows: RowStore;

  constructor(port: MigrationPort, rows: RowStore, readonly tableId: string = HISTORY_TABLE) {
    this.#port = port;
    this.#rows = rows;
  }

  /** Creates the history table when it is missing (its columns are created inline: usable at once). */
  async ensure(): Promise<void> {
    if ((await this.#port.readTable(this.tableId)) === null) await this.#port.createTable(historyTableSpec(this.tableId));
  }

  /** Every applied migration, oldest first; empty when the table does not exist yet. */
  async list(): Promise<HistoryEntry[]> {
    if ((await this.#port.readTable(this.tableId)) === null) return [];
    const entries: HistoryEntry[] = [];
    const pageSize = 500;
    for (let cursor: string | undefined; ; ) {
      const queries = [Query.limit(pageSize), ...(cursor === undefined ? [] : [Query.cursorAfter(cursor)])];
      const { rows } = await this.#rows.listRows(this.tableId, queries);
      entries.push(...rows.map(entry));
      if (rows.length < pageSize) break;
      cursor = String(rows[rows.length - 1]?.$id);
    }
    return entries.sort((a, b) => a.batch - b.batch || a.name.localeCompare(b.name));
  }

  async record(name: string, batch: number, checksum: string): Promise<void> {
    await this.#rows.createRow(this.tableId, undefined, { name, batch, checksum, appliedAt: new Date().toISOString() });
  }

  async remove(entry: HistoryEntry): Promise<void> {
    await this.#rows.deleteRow(this.tableId, entry.rowId);
  }
}
