import type { TableSettings } from '../../../src/schema/migration-plan.js';
import type { MigrationPort } from '../../../src/schema/migration-port.js';
import type { ColumnSpec, IndexSpec, LiveColumn, LiveIndex, LiveState, LiveTable, ResourceStatus, TableSpec } from '../../../src/schema/spec.js';

interface MutableTable {
  id: string;
  name: string;
  permissions: readonly string[];
  rowSecurity: boolean;
  columns: (LiveColumn & { polls: number })[];
  indexes: (LiveIndex & { polls: number })[];
}

/**
 * An in-memory MigrationPort: new columns and indexes stay `processing` for `pollsUntilAvailable` reads of
 * their table (readTable or readState), deletions linger for as many reads; every call is logged with the requests in flight.
 */
export class MemoryPort implements MigrationPort {
  readonly calls: string[] = [];
  databaseExists = true;
  pollsUntilAvailable = 1;
  inFlight = 0;
  maxInFlight = 0;
  readonly failColumns = new Map<string, string>();
  readonly neverAvailable = new Set<string>();
  private readonly tables = new Map<string, MutableTable>();

  seed(table: LiveTable): void {
    this.tables.set(table.id, { ...table, columns: table.columns.map((c) => ({ ...c, polls: 0 })), indexes: table.indexes.map((i) => ({ ...i, polls: 0 })) });
  }

  async readState(): Promise<LiveState> {
    await this.track('readState');
    return { databaseExists: this.databaseExists, tables: [...this.tables.values()].map((table) => this.poll(table)) };
  }

  async readTable(tableId: string): Promise<LiveTable | null> {
    await this.track(`readTable ${tableId}`);
    const table = this.tables.get(tableId);
    return table === undefined ? null : this.poll(table);
  }

  private poll(table: MutableTable): LiveTable {
    for (const item of [...table.columns, ...table.indexes]) this.advance(item, table);
    table.columns = table.columns.filter((column) => !(column.status === 'deleting' && column.polls > this.pollsUntilAvailable));
    table.indexes = table.indexes.filter((index) => !(index.status === 'deleting' && index.polls > this.pollsUntilAvailable));
    return this.snapshot(table);
  }

  async createDatabase(name: string): Promise<void> {
    await this.track(`createDatabase ${name}`);
    this.databaseExists = true;
  }

  async createTable(table: TableSpec): Promise<void> {
    await this.track(`createTable ${table.id}`);
    this.seed({
      id: table.id,
      name: table.name,
      permissions: table.permissions ?? [],
      rowSecurity: table.rowSecurity ?? false,
      columns: table.columns.map((column) => ({ ...column, status: 'available', error: '' })),
      indexes: table.indexes.map((index) => ({ ...index, status: 'available', error: '' })),
    });
  }

  async updateTable(tableId: string, settings: TableSettings): Promise<void> {
    await this.track(`updateTable ${tableId}`);
    Object.assign(this.table(tableId), settings);
  }

  async deleteTable(tableId: string): Promise<void> {
    await this.track(`deleteTable ${tableId}`);
    this.tables.delete(tableId);
  }

  async createColumn(tableId: string, column: ColumnSpec): Promise<void> {
    await this.track(`createColumn ${tableId}.${column.key}`);
    this.table(tableId).columns.push({ ...column, status: 'processing', error: '', polls: 0 });
  }

  async updateColumn(tableId: string, column: ColumnSpec): Promise<void> {
    await this.track(`updateColumn ${tableId}.${column.key}`);
    const table = this.table(tableId);
    table.columns = table.columns.map((current) => (current.key === column.key ? { ...current, ...column } : current));
  }

  async renameColumn(tableId: string, column: ColumnSpec, newKey: string): Promise<void> {
    await this.track(`renameColumn ${tableId}.${column.key} -> ${newKey}`);
    const table = this.table(tableId);
    table.columns = table.columns.map((current) => (current.key === column.key ? { ...current, ...column, key: newKey } : current));
    table.indexes = table.indexes.map((index) => ({ ...index, columns: index.columns.map((key) => (key === column.key ? newKey : key)) }));
  }

  async deleteColumn(tableId: string, key: string): Promise<void> {
    await this.track(`deleteColumn ${tableId}.${key}`);
    this.mark(this.table(tableId).columns, key);
  }

  async createIndex(tableId: string, index: IndexSpec): Promise<void> {
    await this.track(`createIndex ${tableId}.${index.key}`);
    const table = this.table(tableId);
    const missing = index.columns.find((key) => table.columns.find((column) => column.key === key)?.status !== 'available' && !key.startsWith('$'));
    if (missing !== undefined) throw new Error(`column_not_available: ${missing}`);
    table.indexes.push({ ...index, status: 'processing', error: '', polls: 0 });
  }

  async deleteIndex(tableId: string, key: string): Promise<void> {
    await this.track(`deleteIndex ${tableId}.${key}`);
    this.mark(this.table(tableId).indexes, key);
  }

  private mark(items: { key: string; status: ResourceStatus; polls: number }[], key: string): void {
    for (const item of items) if (item.key === key) Object.assign(item, { status: 'deleting', polls: 0 });
  }

  private advance(item: { key: string; status: ResourceStatus; error: string; polls: number }, table: MutableTable): void {
    item.polls += 1;
    if (item.status !== 'processing' || item.polls < this.pollsUntilAvailable || this.neverAvailable.has(`${table.id}.${item.key}`)) return;
    const failure = this.failColumns.get(`${table.id}.${item.key}`);
    Object.assign(item, failure === undefined ? { status: 'available' } : { status: 'failed', error: failure });
  }

  private table(tableId: string): MutableTable {
    const table = this.tables.get(tableId);
    if (table === undefined) throw new Error(`no table ${tableId}`);
    return table;
  }

  private snapshot(table: MutableTable): LiveTable {
    const strip = <T extends { polls: number }>({ polls: _polls, ...rest }: T): Omit<T, 'polls'> => rest;
    return { ...table, columns: table.columns.map(strip), indexes: table.indexes.map(strip) };
  }

  private async track(call: string): Promise<void> {
    this.calls.push(call);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await Promise.resolve();
    await Promise.resolve();
    this.inFlight -= 1;
  }
}
