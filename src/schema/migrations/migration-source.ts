import type { MigrationPlan, MigrationStep } from '../migration-plan.js';
import type { ColumnSpec, IndexSpec, LiveState, LiveTable, TableSpec } from '../spec.js';
import { columnField, indexDefinition } from './column-field.js';

/**
 * Source code text of a plain value, on one line: `{ type: "string", size: 200 }`.
 *
 * @example
 * ```ts
 * literal({ type: 'float', min: 0 }); // '{ type: "float", min: 0 }'
 * ```
 */
export function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const key = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : literal(name));
    return `{ ${entries.map(([name, item]) => `${key(name)}: ${literal(item)}`).join(', ')} }`;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

function field(column: ColumnSpec): string {
  return literal(columnField(column) ?? { type: column.rawType ?? 'other' });
}

function indexLiteral(index: IndexSpec): string {
  return literal(indexDefinition(index));
}

function createTable(table: TableSpec | LiveTable): string {
  const schema = literal(Object.fromEntries(table.columns.map((column) => [column.key, columnField(column) ?? { type: column.rawType ?? 'other' }])));
  const options = {
    ...(table.name === table.id ? {} : { name: table.name }),
    ...(table.permissions === undefined ? {} : { permissions: table.permissions }),
    ...(table.rowSecurity === undefined ? {} : { rowSecurity: table.rowSecurity }),
  };
  const indexes = table.indexes.length === 0 ? '' : `indexes: [${table.indexes.map(indexLiteral).join(', ')}]`;
  const settings = Object.keys(options).length === 0 ? '' : literal(options).slice(2, -2);
  const parts = [settings, indexes].filter((part) => part !== '');
  return `await m.createTable(${literal(table.id)}, ${schema}${parts.length === 0 ? '' : `, { ${parts.join(', ')} }`});`;
}

/** Up and down lines of one step; `down` is a comment when the step cannot be reverted. */
function stepLines(step: MigrationStep, live: ReadonlyMap<string, LiveTable>): { up: string[]; down: string[] } {
  const at = (tableId: string): string => literal(tableId);
  switch (step.kind) {
    case 'createDatabase':
      return { up: [], down: [] };
    case 'createTable':
      return { up: [createTable(step.table)], down: [`await m.dropTable(${at(step.table.id)});`] };
    case 'updateTable': {
      const before = live.get(step.tableId);
      const { name, permissions, rowSecurity } = step.settings;
      const down = before === undefined ? [] : [`await m.updateTable(${at(step.tableId)}, ${literal({ name: before.name, permissions: before.permissions, rowSecurity: before.rowSecurity })});`];
      return { up: [`await m.updateTable(${at(step.tableId)}, ${literal({ name, permissions, rowSecurity })});`], down };
    }
    case 'createColumn':
      return { up: [`await m.addColumn(${at(step.tableId)}, ${literal(step.column.key)}, ${field(step.column)});`], down: [`await m.dropColumn(${at(step.tableId)}, ${literal(step.column.key)});`] };
    case 'updateColumn': {
      const before = live.get(step.tableId)?.columns.find((column) => column.key === step.column.key);
      const up = [`await m.alterColumn(${at(step.tableId)}, ${literal(step.column.key)}, ${field(step.column)});`];
      return { up, down: before === undefined ? [] : [`await m.alterColumn(${at(step.tableId)}, ${literal(step.column.key)}, ${field(before)});`] };
    }
    case 'renameColumn': {
      const { from } = step;
      const to = step.column.key;
      const before = live.get(step.tableId)?.columns.find((column) => column.key === from);
      const alter = step.changes.length === 0 ? [] : [`await m.alterColumn(${at(step.tableId)}, ${literal(to)}, ${field(step.column)});`];
      const restore = step.changes.length === 0 || before === undefined ? [] : [`await m.alterColumn(${at(step.tableId)}, ${literal(to)}, ${field(before)});`];
      return {
        up: [`await m.renameColumn(${at(step.tableId)}, ${literal(from)}, ${literal(to)});`, ...alter],
        down: [...restore, `await m.renameColumn(${at(step.tableId)}, ${literal(to)}, ${literal(from)});`],
      };
    }
    case 'deleteColumn': {
      const drop = `await m.dropColumn(${at(step.tableId)}, ${literal(step.column.key)});`;
      const restore = `await m.addColumn(${at(step.tableId)}, ${literal(step.column.key)}, ${field(step.column)}); // its data is not restored`;
      if (step.reason === 'failed') return { up: [drop], down: [] };
      // A type change is a drop and a create: the create comes from the createColumn step that follows.
      return { up: [drop], down: [restore] };
    }
    case 'createIndex':
      return { up: [`await m.addIndex(${at(step.tableId)}, ${indexLiteral(step.index)});`], down: [`await m.dropIndex(${at(step.tableId)}, ${literal(step.index.key)});`] };
    case 'deleteIndex':
      return { up: [`await m.dropIndex(${at(step.tableId)}, ${literal(step.index.key)});`], down: [`await m.addIndex(${at(step.tableId)}, ${indexLiteral(step.index)});`] };
    case 'deleteTable': {
      const before = live.get(step.tableId);
      const down = before === undefined ? [] : [`${createTable(before)} // its rows are not restored`];
      return { up: [`await m.dropTable(${at(step.tableId)});`], down };
    }
  }
}

/**
 * The text of a migration file that makes the changes of a plan: `up` runs the plan's steps in order, `down`
 * reverts them in reverse order where that is possible (dropped data is never restored; a column recreated
 * by `down` comes back empty).
 *
 * @example
 * ```ts
 * const source = migrationSource(plan, live);
 * await writeFile(`migrations/${migrationFileName('add posts')}.ts`, source);
 * ```
 */
export function migrationSource(plan: Pick<MigrationPlan, 'steps' | 'refused' | 'notes'>, live: LiveState, language: MigrationLanguage = 'ts'): string {
  const tables = new Map(live.tables.map((table) => [table.id, table]));
  const up: string[] = [];
  const down: string[] = [];
  // Relationship columns go last, once every table they link exists (as the applier does).
  const isRelation = (step: MigrationStep): boolean => 'column' in step && step.column.kind === 'relationship';
  for (const step of [...plan.steps.filter((step) => !isRelation(step)), ...plan.steps.filter(isRelation)]) {
    const lines = stepLines(step, tables);
    up.push(...lines.up);
    down.unshift(...lines.down);
  }
  const notes = plan.refused.map((change) => `// not generated: ${change.kind} ${change.tableId}${change.key === undefined ? '' : `.${change.key}`} (${change.detail})`);
  return migrationTemplate(up.length === 0 ? ['// Nothing to do: the database matches the schema.'] : [...up, ...notes], down, language);
}

/** The language of a written migration: TypeScript (`.ts`, loaded through tsx), or an ES module (`.mjs`) that needs nothing. */
export type MigrationLanguage = 'ts' | 'js';

/**
 * The text of a migration file with the given `up` and `down` lines (an empty template when both are empty).
 *
 * @example
 * ```ts
 * migrationTemplate([], []); // export async function up(m: Migrator) { ... }
 * ```
 */
export function migrationTemplate(up: readonly string[], down: readonly string[], language: MigrationLanguage = 'ts'): string {
  const body = (lines: readonly string[], hint: string): string => (lines.length === 0 ? `  // ${hint}\n` : lines.map((line) => `  ${line}\n`).join(''));
  const head = language === 'ts' ? `import type { Migrator } from 'appwrite-orm';\n` : `/** @typedef {import('appwrite-orm').Migrator} Migrator */\n`;
  const signature = (name: string): string => (language === 'ts' ? `export async function ${name}(m: Migrator): Promise<void> {` : `/** @param {Migrator} m */\nexport async function ${name}(m) {`);
  return `${head}
${signature('up')}
${body(up, "await m.createTable('posts', { title: { type: 'string', size: 200, required: true } });")}}

${signature('down')}
${body(down, "await m.dropTable('posts');")}}
`;
}
