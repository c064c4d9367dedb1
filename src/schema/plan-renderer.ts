import { describeIndex, describeType } from './column-diff.js';
import type { MigrationPlan, MigrationStep, PlanNote, PropertyChange, RefusedChange } from './migration-plan.js';
import type { ColumnSpec } from './spec.js';

function value(raw: unknown): string {
  if (raw === undefined) return 'unset';
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return String(raw);
  if (typeof raw === 'bigint') return `${raw}n`;
  return JSON.stringify(raw);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : word.endsWith('x') ? 'es' : 's'}`;
}

/** A column for a plan line: `string(255)[] required`, `enum(draft|live) default "draft"`, `integer min 0`. */
function describeColumn(column: ColumnSpec): string {
  const suffix = column.array ? '[]' : '';
  const sized = column.kind === 'string' || column.kind === 'varchar';
  const parts = [
    sized ? `${column.kind}(${column.size})${suffix}` : column.kind === 'enum' ? `enum(${column.elements?.join('|')})${suffix}` : describeType(column),
  ];
  if (sized && column.encrypt === true) parts.push('encrypted');
  if (column.required) parts.push('required');
  if (column.default !== null) parts.push(`default ${value(column.default)}`);
  if (column.min !== undefined) parts.push(`min ${column.min}`);
  if (column.max !== undefined) parts.push(`max ${column.max}`);
  return parts.join(' ');
}

function changes(list: readonly PropertyChange[]): string {
  return list.map((change) => `${change.property} ${value(change.from)} -> ${value(change.to)}`).join(', ');
}

function stepLine(step: MigrationStep): string {
  switch (step.kind) {
    case 'createDatabase':
      return `+ database ${step.databaseId}`;
    case 'createTable':
      return `+ table ${step.table.id} (${plural(step.table.columns.length, 'column')}, ${plural(step.table.indexes.length, 'index')})`;
    case 'updateTable':
      return `~ table ${step.tableId}: ${changes(step.changes)}`;
    case 'createColumn':
      return `+ column ${step.tableId}.${step.column.key} (${describeColumn(step.column)})`;
    case 'updateColumn':
      return `~ column ${step.tableId}.${step.column.key}: ${changes(step.changes)}`;
    case 'renameColumn':
      return `~ column ${step.tableId}.${step.from} renamed to ${step.column.key} (${step.column.kind === 'relationship' ? 'links kept' : 'values and indexes kept'})${step.changes.length > 0 ? `: ${changes(step.changes)}` : ''}`;
    case 'deleteColumn': {
      const name = `${step.tableId}.${step.column.key}`;
      if (step.reason === 'failed') return `- column ${name} (failed in Appwrite; recreated)`;
      if (step.reason === 'typeChange') {
        return `- column ${name} (DESTRUCTIVE: type change ${describeType(step.column)} -> ${describeType(step.replacement ?? step.column)}, its data is lost)`;
      }
      return `- column ${name} (DESTRUCTIVE: not declared, its data is lost)`;
    }
    case 'createIndex':
      return `+ index ${step.tableId}.${step.index.key} (${describeIndex(step.index)})`;
    case 'deleteIndex': {
      const reason = { undeclared: 'dropIndexes', changed: 'changed, recreated', dependency: 'uses a deleted column' }[step.reason];
      return `- index ${step.tableId}.${step.index.key} (${reason})`;
    }
    case 'deleteTable':
      return `- table ${step.tableId} (DESTRUCTIVE: not declared, all its rows are lost)`;
  }
}

function refusedLine(change: RefusedChange): string {
  const where = change.key === undefined ? change.tableId : `${change.tableId}.${change.key}`;
  const what = {
    typeChange: `type change ${where} ${change.detail}`,
    removeColumn: `remove column ${where} (${change.detail})`,
    changeIndex: `change index ${where} ${change.detail}`,
    rename: `rename ${where}: ${change.detail}`,
  }[change.kind];
  const hint = change.option === undefined ? 'change the declaration'
    : change.option === 'dropIndexes' ? 'set migrate.dropIndexes to recreate it' : 'set migrate.allowDestructive to allow it; data is lost';
  return `! refused: ${what} (${hint})`;
}

function noteLine(note: PlanNote): string {
  return note.kind === 'keptIndex'
    ? `= kept index ${note.tableId}.${note.key} (not declared; set migrate.dropIndexes to drop it)`
    : `= kept table ${note.tableId} (not declared; set migrate.allowDestructive to delete it)`;
}

/**
 * One line per step, refused change and note, in the spirit of `drizzle-kit push`: `+` creates, `~` changes
 * in place, `-` deletes, `!` refused, `=` kept as it is.
 *
 * @example
 * ```ts
 * renderPlan(plan);
 * // + table products (5 columns, 1 index)
 * // ~ column orders.note: size 128 -> 255
 * // ! refused: type change orders.total float -> integer (set migrate.allowDestructive to allow it; data is lost)
 * ```
 */
export function renderPlan(plan: Pick<MigrationPlan, 'steps' | 'refused' | 'notes'>): string {
  const lines = [...plan.steps.map(stepLine), ...plan.refused.map(refusedLine), ...plan.notes.map(noteLine)];
  return lines.length === 0 ? 'No changes: the database matches the schema.' : lines.join('\n');
}

/** The lines of a plan that are differences (steps and refused changes, not notes), for drift reports. */
export function differenceLines(plan: Pick<MigrationPlan, 'steps' | 'refused'>): string[] {
  return [...plan.steps.map(stepLine), ...plan.refused.map(refusedLine)];
}
