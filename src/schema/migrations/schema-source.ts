import type { TableDefinition } from '../table-definition.js';
import type { LiveState, LiveTable } from '../spec.js';
import { columnField, indexDefinition } from './column-field.js';
import { literal } from './migration-source.js';

/** A schema module's text and the columns it could not declare (`table.column (type)`). */
export interface PulledSchema {
  readonly source: string;
  readonly skipped: readonly string[];
}

function identifier(id: string, taken: Set<string>): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  let name = words.map((word, position) => (position === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1))).join('');
  if (!/^[A-Za-z_$]/.test(name)) name = `table${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  while (taken.has(name)) name = `${name}_`;
  taken.add(name);
  return name;
}

function definition(table: LiveTable, nameOf: (id: string) => string, skipped: string[]): TableDefinition {
  const schema: Record<string, unknown> = {};
  // The child side of a two-way relationship is declared through its parent, on the other table.
  for (const column of table.columns.filter((candidate) => candidate.relation?.side !== 'child')) {
    const field = columnField(column, nameOf);
    if (field === undefined) skipped.push(`${table.id}.${column.key} (${column.rawType ?? column.kind})`);
    else schema[column.key] = field;
  }
  return {
    name: table.name,
    ...(table.name === table.id ? {} : { id: table.id }),
    schema: schema as TableDefinition['schema'],
    ...(table.indexes.length === 0 ? {} : { indexes: table.indexes.map(indexDefinition) }),
    permissions: [...table.permissions],
    rowSecurity: table.rowSecurity,
  };
}

/** A declaration over several lines: one per setting, one per field. */
function block(definition: TableDefinition): string {
  const lines = Object.entries(definition).map(([key, value]) => {
    if (key !== 'schema') return `  ${key}: ${literal(value)},`;
    const fields = Object.entries(value as Record<string, unknown>).map(([field, spec]) => `    ${literal({ [field]: spec }).slice(2, -2)},`);
    return `  schema: {\n${fields.join('\n')}\n  },`;
  });
  return `{\n${lines.join('\n')}\n}`;
}

/**
 * A schema module (one `defineTable` export per table, and `tables` listing them) that declares a live
 * database as it is: migrating to it changes nothing. Columns of types the ORM cannot declare are left out and
 * listed in `skipped`.
 *
 * @example
 * ```ts
 * const { source } = schemaSource(await gateway.readState());
 * await writeFile('src/schema.ts', source);
 * ```
 */
export function schemaSource(live: LiveState, exclude: readonly string[] = []): PulledSchema {
  const tables = live.tables.filter((table) => !exclude.includes(table.id)).sort((a, b) => a.id.localeCompare(b.id));
  const names = new Map(tables.map((table) => [table.id, table.name]));
  const taken = new Set<string>(['defineTable', 'tables']);
  const skipped: string[] = [];
  const exports = tables.map((table) => {
    const name = identifier(table.id, taken);
    return { name, text: `export const ${name} = defineTable(${block(definition(table, (id) => names.get(id) ?? id, skipped))});\n` };
  });
  const source = `import { defineTable } from 'appwrite-orm';\n\n${exports.map((entry) => entry.text).join('\n')}
export const tables = [${exports.map((entry) => entry.name).join(', ')}] as const;\n`;
  return { source, skipped };
}
