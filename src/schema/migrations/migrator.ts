import { Query } from 'node-appwrite';
import { MigrationError } from '../../errors/migration-error.js';
import { applyPlan, type ApplyOptions } from '../applier.js';
import { needsRecreate } from '../column-diff.js';
import { columnSpec, indexSpec } from '../desired-spec.js';
import type { FieldDefinition, SchemaDefinition } from '../field-definition.js';
import type { MigrationStep } from '../migration-plan.js';
import { liveKeys } from '../live-keys.js';
import type { MigrationPort } from '../migration-port.js';
import { normalisePermissions } from '../permissions.js';
import { renderPlan } from '../plan-renderer.js';
import { waitForTable } from '../resource-waiter.js';
import type { ColumnSpec, LiveTable } from '../spec.js';
import type { IndexDefinition } from '../table-definition.js';

/** A row as Appwrite returns it. */
export type MigrationRow = Readonly<Record<string, unknown>>;

/** The row calls a data migration needs; the ORM's rows adapter provides them. */
export interface RowStore {
  listRows(tableId: string, queries: readonly string[]): Promise<{ readonly rows: readonly MigrationRow[] }>;
  getRow(tableId: string, rowId: string): Promise<MigrationRow | null>;
  createRow(tableId: string, rowId: string | undefined, data: object, permissions?: readonly string[]): Promise<MigrationRow>;
  updateRow(tableId: string, rowId: string, data: object): Promise<MigrationRow>;
  deleteRow(tableId: string, rowId: string): Promise<void>;
}

/** The schema writes a migration file needs: the migration port, plus renaming a column in place. */
export interface MigrationSchemaPort extends MigrationPort {
  /** Gives a column a new key, keeping its data (Appwrite's `newKey`). */
  renameColumn(tableId: string, column: ColumnSpec, newKey: string): Promise<void>;
}

/** Settings of a table created or changed by a migration. `name` defaults to the table id. */
export interface MigrationTableOptions {
  readonly name?: string;
  readonly permissions?: readonly string[];
  readonly rowSecurity?: boolean;
  readonly indexes?: readonly IndexDefinition[];
}

/** Rows of one table, for data migrations. Writes go straight to Appwrite (no cache is involved). */
export interface MigrationRows {
  /** One page of rows (`Query` strings; Appwrite's default limit is 25). */
  list(queries?: readonly string[]): Promise<readonly MigrationRow[]>;
  /** Visits every row, `pageSize` at a time, in Appwrite's order. */
  each(visit: (row: MigrationRow) => Promise<void> | void, pageSize?: number): Promise<number>;
  get(rowId: string): Promise<MigrationRow | null>;
  create(data: Readonly<Record<string, unknown>>, rowId?: string): Promise<MigrationRow>;
  update(rowId: string, data: Readonly<Record<string, unknown>>): Promise<MigrationRow>;
  delete(rowId: string): Promise<void>;
}

/**
 * What a migration file's `up(m)` and `down(m)` receive. Every schema operation waits until Appwrite has
 * finished it (columns and indexes are built asynchronously), so the next line can use what the previous made.
 *
 * @example
 * ```ts
 * export async function up(m: Migrator) {
 *   await m.createTable('posts', { title: { type: 'string', size: 200, required: true } });
 *   await m.addColumn('posts', 'views', { type: 'integer', min: 0, default: 0 });
 *   await m.rows('posts').each(async (row) => { await m.rows('posts').update(String(row.$id), { views: 0 }); });
 * }
 * export async function down(m: Migrator) {
 *   await m.dropTable('posts');
 * }
 * ```
 */
export interface Migrator {
  /** The database the migration runs on. */
  readonly databaseId: string;
  createTable(tableId: string, schema: SchemaDefinition, options?: MigrationTableOptions): Promise<void>;
  /** Changes a table's name, permissions or row security (what is left out is kept). */
  updateTable(tableId: string, settings: Omit<MigrationTableOptions, 'indexes'>): Promise<void>;
  dropTable(tableId: string): Promise<void>;
  addColumn(tableId: string, key: string, field: FieldDefinition): Promise<void>;
  /** Sets the column's in-place properties (required, default, size, min, max, enum values); the type stays. */
  alterColumn(tableId: string, key: string, field: FieldDefinition): Promise<void>;
  renameColumn(tableId: string, from: string, to: string): Promise<void>;
  dropColumn(tableId: string, key: string): Promise<void>;
  addIndex(tableId: string, index: IndexDefinition): Promise<void>;
  dropIndex(tableId: string, key: string): Promise<void>;
  rows(tableId: string): MigrationRows;
}

/** What a migrator is built on. */
export interface MigratorDeps {
  readonly databaseId: string;
  readonly port: MigrationSchemaPort;
  readonly rows: RowStore;
  readonly apply: ApplyOptions;
}

class MigratorImpl implements Migrator {
  readonly #deps: MigratorDeps;

  constructor(deps: MigratorDeps) {
    this.#deps = deps;
  }

  get databaseId(): string {
    return this.#deps.databaseId;
  }

  async createTable(tableId: string, schema: SchemaDefinition, options: MigrationTableOptions = {}): Promise<void> {
    const columns = Object.entries(schema).map(([key, field]) => columnSpec(key, field, (name) => name, tableId));
    const plain = columns.filter((column) => column.kind !== 'relationship');
    const table = {
      id: tableId,
      name: options.name ?? tableId,
      ...(options.permissions === undefined ? {} : { permissions: normalisePermissions(options.permissions) }),
      ...(options.rowSecurity === undefined ? {} : { rowSecurity: options.rowSecurity }),
      columns: plain,
      indexes: (options.indexes ?? []).map(indexSpec),
    };
    const related = columns.filter((column) => column.kind === 'relationship');
    await this.#apply([{ kind: 'createTable', table, destructive: false }, ...related.map((column) => ({ kind: 'createColumn', tableId, column, destructive: false }) as const)]);
  }

  async updateTable(tableId: string, settings: Omit<MigrationTableOptions, 'indexes'>): Promise<void> {
    const live = await this.#table(tableId);
    const next = {
      name: settings.name ?? live.name,
      permissions: settings.permissions === undefined ? live.permissions : normalisePermissions(settings.permissions),
      rowSecurity: settings.rowSecurity ?? live.rowSecurity,
      enabled: live.enabled ?? true,
    };
    await this.#apply([{ kind: 'updateTable', tableId, settings: next, changes: [], destructive: false }]);
  }

  async dropTable(tableId: string): Promise<void> {
    await this.#apply([{ kind: 'deleteTable', tableId, name: tableId, destructive: true }]);
  }

  async addColumn(tableId: string, key: string, field: FieldDefinition): Promise<void> {
    await this.#apply([{ kind: 'createColumn', tableId, column: columnSpec(key, field, (name) => name, tableId), destructive: false }]);
  }

  async alterColumn(tableId: string, key: string, field: FieldDefinition): Promise<void> {
    const live = await this.#column(tableId, key);
    const declared = columnSpec(key, field, (name) => name, tableId);
    // The keys of a relationship change by renameColumn (on either table), not here: compare the rest.
    const column = live.relation !== undefined && declared.relation !== undefined ? { ...declared, relation: { ...declared.relation, twoWayKey: live.relation.twoWayKey } } : declared;
    if (needsRecreate(live, column)) {
      throw new MigrationError(`Column ${tableId}.${key} cannot change its type in place: add a new column, copy the data, then drop the old one`, { table: tableId, field: key });
    }
    await this.#apply([{ kind: 'updateColumn', tableId, column, changes: [], destructive: false }]);
  }

  async renameColumn(tableId: string, from: string, to: string): Promise<void> {
    const live = await this.#column(tableId, from);
    // Checked first: Appwrite answers a relationship renamed onto a taken key with a bare 500.
    if (liveKeys((await this.#deps.port.readState()).tables, tableId).has(to)) {
      throw new MigrationError(`Column ${tableId}.${from} cannot be renamed to "${to}": ${tableId} already has a column or relationship key "${to}"`, { table: tableId, field: from });
    }
    await this.#deps.port.renameColumn(tableId, live, to);
    await this.#waitFor(tableId, { columnsAvailable: [to], columnsGone: [from] });
  }

  async dropColumn(tableId: string, key: string): Promise<void> {
    const column = await this.#column(tableId, key);
    await this.#apply([{ kind: 'deleteColumn', tableId, column, reason: 'removed', destructive: true }]);
  }

  async addIndex(tableId: string, index: IndexDefinition): Promise<void> {
    await this.#apply([{ kind: 'createIndex', tableId, index: indexSpec(index), destructive: false }]);
  }

  async dropIndex(tableId: string, key: string): Promise<void> {
    const live = await this.#table(tableId);
    const index = live.indexes.find((candidate) => candidate.key === key);
    if (index === undefined) throw new MigrationError(`Index ${tableId}.${key} does not exist`, { table: tableId, field: key });
    await this.#apply([{ kind: 'deleteIndex', tableId, index, reason: 'undeclared', destructive: false }]);
  }

  rows(tableId: string): MigrationRows {
    const store = this.#deps.rows;
    return {
      list: async (queries = []) => (await store.listRows(tableId, queries)).rows,
      each: async (visit, pageSize = 100) => {
        let seen = 0;
        for (let cursor: string | undefined; ; ) {
          const queries = [Query.limit(pageSize), ...(cursor === undefined ? [] : [Query.cursorAfter(cursor)])];
          const { rows } = await store.listRows(tableId, queries);
          for (const row of rows) await visit(row);
          seen += rows.length;
          if (rows.length < pageSize) return seen;
          cursor = String(rows[rows.length - 1]?.$id);
        }
      },
      get: (rowId) => store.getRow(tableId, rowId),
      create: (data, rowId) => store.createRow(tableId, rowId, data),
      update: (rowId, data) => store.updateRow(tableId, rowId, data),
      delete: (rowId) => store.deleteRow(tableId, rowId),
    };
  }

  async #table(tableId: string): Promise<LiveTable> {
    const live = await this.#deps.port.readTable(tableId);
    if (live === null) throw new MigrationError(`Table ${tableId} does not exist in database ${this.databaseId}`, { table: tableId });
    return live;
  }

  async #column(tableId: string, key: string): Promise<ColumnSpec> {
    const column = (await this.#table(tableId)).columns.find((candidate) => candidate.key === key);
    if (column === undefined) throw new MigrationError(`Column ${tableId}.${key} does not exist`, { table: tableId, field: key });
    return column;
  }

  async #apply(steps: readonly MigrationStep[]): Promise<void> {
    const plan = { databaseId: this.databaseId, steps, refused: [], notes: [] };
    await applyPlan({ ...plan, text: renderPlan(plan) }, this.#deps.port, this.#deps.apply);
  }

  async #waitFor(tableId: string, target: Parameters<typeof waitForTable>[2]): Promise<void> {
    const { poll, timeoutMs } = this.#deps.apply;
    await waitForTable((id) => this.#deps.port.readTable(id), tableId, target, { ...poll, timeoutMs }, true);
  }
}

/**
 * The {@link Migrator} migration files run with.
 *
 * @example
 * ```ts
 * const m = createMigrator({ databaseId: 'shop', port: gateway, rows: adapter, apply: { concurrency: 4, timeoutMs: 60_000 } });
 * await m.addColumn('products', 'sku', { type: 'string', size: 32 });
 * ```
 */
export function createMigrator(deps: MigratorDeps): Migrator {
  return new MigratorImpl(deps);
}
