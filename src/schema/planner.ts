import { columnChanges, describeIndex, describeType, needsRecreate, sameIndex } from './column-diff.js';
import type { MigrationPlan, MigrationStep, PlanNote, PlanOptions, PropertyChange, RefusedChange } from './migration-plan.js';
import { liveKeys } from './live-keys.js';
import { renderPlan } from './plan-renderer.js';
import type { ColumnSpec, IndexSpec, LiveColumn, LiveState, LiveTable, TableSpec } from './spec.js';

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** What the planner compares: the declared tables against the live state, for one database. */
export interface PlanInput {
  readonly databaseId: string;
  /** Name given to the database when it has to be created. */
  readonly databaseName: string;
  readonly desired: readonly TableSpec[];
  readonly live: LiveState;
  readonly options?: PlanOptions;
}

interface TablePlan {
  readonly steps: MigrationStep[];
  readonly refused: RefusedChange[];
  readonly notes: PlanNote[];
}

function settingsChanges(desired: TableSpec, live: LiveTable): PropertyChange[] {
  const changes: PropertyChange[] = [];
  if (desired.name !== live.name) changes.push({ property: 'name', from: live.name, to: desired.name });
  const permissions = desired.permissions;
  if (permissions !== undefined && (permissions.length !== live.permissions.length || permissions.some((entry) => !live.permissions.includes(entry)))) {
    changes.push({ property: 'permissions', from: live.permissions, to: permissions });
  }
  if (desired.rowSecurity !== undefined && desired.rowSecurity !== live.rowSecurity) {
    changes.push({ property: 'rowSecurity', from: live.rowSecurity, to: desired.rowSecurity });
  }
  return changes;
}

/** What the column phase decided that the index phase needs: the live keys deleted, and the live keys renamed (old -> new). */
interface ColumnOutcome {
  readonly deleted: ReadonlySet<string>;
  readonly renames: ReadonlyMap<string, string>;
}

/**
 * The live column a declared one stands for: the one under its key, else (for a field with `renamedFrom`)
 * the one under its former key, which is then renamed. Taken out of `liveColumns`.
 */
function matchLive(column: ColumnSpec, liveColumns: Map<string, LiveColumn>): { current?: LiveColumn; from?: string } {
  const current = liveColumns.get(column.key);
  liveColumns.delete(column.key);
  if (current !== undefined || column.renamedFrom === undefined) return current === undefined ? {} : { current };
  const previous = liveColumns.get(column.renamedFrom);
  if (previous === undefined) return {};
  liveColumns.delete(column.renamedFrom);
  return previous.status === 'failed' ? { current: previous } : { current: previous, from: column.renamedFrom };
}

/** The declared relationship as it is once a declared rename of the related table's side is made. */
function partnerRenamed(current: LiveColumn, column: ColumnSpec): LiveColumn {
  const [live, declared] = [current.relation, column.relation];
  // A one-way relationship's side on the related table is hidden: there is nothing to rename.
  if (live === undefined || declared === undefined || !live.twoWay || column.twoWayKeyRenamedFrom !== live.twoWayKey) return current;
  return { ...current, relation: { ...live, twoWayKey: declared.twoWayKey } };
}

/** The related table's side of a declared two-way relationship, as a column of that table. */
function childSpec(tableId: string, column: ColumnSpec, relation: NonNullable<ColumnSpec['relation']>): ColumnSpec {
  const { renamedFrom: _renamedFrom, twoWayKeyRenamedFrom: _former, ...rest } = column;
  return { ...rest, key: relation.twoWayKey, relation: { ...relation, relatedTable: tableId, twoWayKey: column.key, side: 'child' } };
}

/** A rename Appwrite cannot make in place: a relationship renamed from (or into) a column of another type. */
function renameProblem(current: LiveColumn, column: ColumnSpec, from: string): string | undefined {
  if ((current.kind === 'relationship') === (column.kind === 'relationship')) return undefined;
  const what = column.kind === 'relationship' ? 'a relationship' : `a ${describeType(column)} field`;
  return `renamedFrom "${from}" names a ${describeType(current)} column, and ${what} can only be renamed from a column of its own type`;
}

function planColumns(desired: TableSpec, live: LiveTable, options: PlanOptions, plan: TablePlan, liveTables: readonly LiveTable[]): ColumnOutcome {
  const tableId = desired.id;
  const start = plan.steps.length;
  // Renames of the related tables' sides go first: the steps after them compare relationships with the new keys.
  const partnerRenames: MigrationStep[] = [];
  const deleted = new Set<string>();
  const renames = new Map<string, string>();
  const creates: MigrationStep[] = [];
  const updates: MigrationStep[] = [];
  // The child side of a two-way relationship belongs to its parent column, declared on the other table.
  const liveColumns = new Map(live.columns.filter((column) => column.status !== 'deleting' && column.relation?.side !== 'child')
    .map((column) => [column.key, column]));
  const remove = (column: ColumnSpec, reason: 'removed' | 'typeChange' | 'failed', replacement?: ColumnSpec): void => {
    deleted.add(column.key);
    plan.steps.push({ kind: 'deleteColumn', tableId, column, reason, ...(replacement === undefined ? {} : { replacement }), destructive: reason !== 'failed' });
  };
  for (const column of desired.columns) {
    const { current: matched, from } = matchLive(column, liveColumns);
    const current = matched === undefined ? undefined : partnerRenamed(matched, column);
    // Appwrite answers a relationship renamed onto a key the table uses with a bare 500.
    const problem = current === undefined || from === undefined ? undefined
      : liveKeys(liveTables, tableId).has(column.key) ? `"${column.key}" is taken on ${tableId} by another relationship's key`
        : renameProblem(current, column, from);
    if (problem !== undefined) {
      plan.refused.push({ kind: 'rename', tableId, key: column.key, detail: problem });
      continue;
    }
    // The related side is renamed only when the relationship itself stays (a recreated one gets the new key anyway).
    if (current !== matched && current !== undefined && matched?.relation !== undefined && column.relation !== undefined && current.status !== 'failed' && !needsRecreate(current, column)) {
      const relation = column.relation;
      const side = childSpec(tableId, column, relation);
      if (liveKeys(liveTables, relation.relatedTable).has(relation.twoWayKey)) {
        plan.refused.push({ kind: 'rename', tableId, key: column.key, detail: `its key on ${relation.relatedTable} cannot become "${relation.twoWayKey}": ${relation.relatedTable} already has a column or relationship key "${relation.twoWayKey}"` });
        continue;
      }
      partnerRenames.push({ kind: 'renameColumn', tableId: relation.relatedTable, from: matched.relation.twoWayKey, column: side, changes: [], destructive: false });
    }
    if (current === undefined) {
      creates.push({ kind: 'createColumn', tableId, column, destructive: false });
    } else if (current.status === 'failed') {
      remove(current, 'failed');
      creates.push({ kind: 'createColumn', tableId, column, destructive: false });
    } else if (needsRecreate(current, column)) {
      const detail = `${describeType(current)} -> ${describeType(column)}`;
      if (options.allowDestructive !== true) {
        plan.refused.push({ kind: 'typeChange', tableId, key: column.key, detail, option: 'allowDestructive' });
        continue;
      }
      remove(current, 'typeChange', column);
      creates.push({ kind: 'createColumn', tableId, column, destructive: false });
    } else if (from !== undefined) {
      renames.set(from, column.key);
      plan.steps.push({ kind: 'renameColumn', tableId, from, column, changes: columnChanges(current, column), destructive: false });
    } else {
      const changes = columnChanges(current, column);
      if (changes.length > 0) updates.push({ kind: 'updateColumn', tableId, column, changes, destructive: false });
    }
  }
  for (const column of liveColumns.values()) {
    if (column.status === 'failed') remove(column, 'failed');
    else if (options.allowDestructive === true) remove(column, 'removed');
    else plan.refused.push({ kind: 'removeColumn', tableId, key: column.key, detail: describeType(column), option: 'allowDestructive' });
  }
  plan.steps.splice(start, 0, ...partnerRenames);
  plan.steps.push(...creates, ...updates);
  return { deleted, renames };
}

function planIndexes(desired: TableSpec, live: LiveTable, options: PlanOptions, columns: ColumnOutcome, plan: TablePlan): MigrationStep[] {
  const tableId = desired.id;
  const drops: MigrationStep[] = [];
  const declared = new Map(desired.indexes.map((index) => [index.key, index]));
  const kept = new Set<string>();
  const drop = (index: IndexSpec, reason: 'undeclared' | 'changed' | 'dependency'): void => {
    drops.push({ kind: 'deleteIndex', tableId, index, reason, destructive: false });
  };
  for (const liveIndex of live.indexes.filter((candidate) => candidate.status !== 'deleting')) {
    // Appwrite rewrites the column lists of the indexes over a renamed column: compare them as they will be.
    const index = { ...liveIndex, columns: liveIndex.columns.map((column) => columns.renames.get(column) ?? column) };
    const wanted = declared.get(index.key);
    if (liveIndex.columns.some((column) => columns.deleted.has(column))) drop(index, 'dependency');
    else if (wanted === undefined) {
      if (options.dropIndexes === true) drop(index, 'undeclared');
      else plan.notes.push({ kind: 'keptIndex', tableId, key: index.key });
    } else if (sameIndex(index, wanted)) kept.add(index.key);
    else if (options.dropIndexes === true) drop(index, 'changed');
    else {
      kept.add(index.key);
      plan.refused.push({ kind: 'changeIndex', tableId, key: index.key, detail: `${describeIndex(index)} -> ${describeIndex(wanted)}`, option: 'dropIndexes' });
    }
  }
  const creates: MigrationStep[] = desired.indexes
    .filter((index) => !kept.has(index.key))
    .map((index) => ({ kind: 'createIndex', tableId, index, destructive: false }));
  plan.steps.push(...creates);
  return drops;
}

function planTable(desired: TableSpec, live: LiveTable, options: PlanOptions, liveTables: readonly LiveTable[]): TablePlan {
  const plan: TablePlan = { steps: [], refused: [], notes: [] };
  const changes = settingsChanges(desired, live);
  const settings = { name: desired.name, permissions: desired.permissions ?? live.permissions, rowSecurity: desired.rowSecurity ?? live.rowSecurity, enabled: live.enabled ?? true };
  const head: MigrationStep[] = changes.length > 0 ? [{ kind: 'updateTable', tableId: desired.id, settings, changes, destructive: false }] : [];
  const columns = planColumns(desired, live, options, plan, liveTables);
  const drops = planIndexes(desired, live, options, columns, plan);
  // Indexes go before the columns they name: Appwrite refuses to delete a column an index still uses.
  plan.steps.unshift(...head, ...drops);
  return plan;
}

/**
 * Column types Appwrite 1.9.0's createTable refuses inline (reference §12; recordings: `varchar`, `text`...
 * answer `Invalid type for attribute`): they are created by their own routes once the table exists, with the
 * indexes over them. Relationship columns too, once every table exists (the applier runs them last).
 */
const NOT_INLINE: ReadonlySet<ColumnSpec['kind']> = new Set(['relationship', 'varchar', 'text', 'mediumtext', 'longtext']);

function newTableSteps(desired: TableSpec): MigrationStep[] {
  const [separate, inline] = partition(desired.columns, (column) => NOT_INLINE.has(column.kind));
  const later = new Set(separate.map((column) => column.key));
  const [lateIndexes, inlineIndexes] = partition(desired.indexes, (index) => index.columns.some((column) => later.has(column)));
  const tableId = desired.id;
  return [
    { kind: 'createTable', table: { ...desired, columns: inline, indexes: inlineIndexes }, destructive: false },
    ...separate.map((column): MigrationStep => ({ kind: 'createColumn', tableId, column, destructive: false })),
    ...lateIndexes.map((index): MigrationStep => ({ kind: 'createIndex', tableId, index, destructive: false })),
  ];
}

/**
 * Compares the declared tables with the live state and lists, in the order they must run, the writes that
 * bring Appwrite to the declaration. Pure: reads nothing, writes nothing. An unchanged schema gives an
 * empty plan. Changes that would lose data are refused (listed in `refused`) unless `allowDestructive` is
 * set; undeclared indexes are kept (noted) unless `dropIndexes` is set; undeclared tables are kept (noted)
 * unless `allowDestructive` is set.
 *
 * @example
 * ```ts
 * const plan = planMigration({ databaseId: 'shop', databaseName: 'shop', desired: tables.map(tableSpec), live });
 * console.log(plan.text);
 * ```
 */
export function planMigration(input: PlanInput): MigrationPlan {
  const options = input.options ?? {};
  const steps: MigrationStep[] = [];
  const refused: RefusedChange[] = [];
  const notes: PlanNote[] = [];
  if (!input.live.databaseExists) steps.push({ kind: 'createDatabase', databaseId: input.databaseId, name: input.databaseName, destructive: false });
  const liveTables = new Map(input.live.tables.map((table) => [table.id, table]));
  for (const desired of input.desired) {
    const live = liveTables.get(desired.id);
    liveTables.delete(desired.id);
    if (live === undefined) {
      steps.push(...newTableSteps(desired));
      continue;
    }
    const plan = planTable(desired, live, options, input.live.tables);
    steps.push(...plan.steps);
    refused.push(...plan.refused);
    notes.push(...plan.notes);
  }
  for (const table of liveTables.values()) {
    if (options.allowDestructive === true) steps.push({ kind: 'deleteTable', tableId: table.id, name: table.name, destructive: true });
    // A database may hold tables that other code manages: keeping them must not stop `init`.
    else notes.push({ kind: 'keptTable', tableId: table.id });
  }
  const plan = { databaseId: input.databaseId, steps, refused, notes };
  return { ...plan, text: renderPlan(plan) };
}
