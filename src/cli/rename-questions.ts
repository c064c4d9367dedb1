import { needsRecreate } from '../schema/column-diff.js';
import type { ColumnSpec, LiveState, TableSpec } from '../schema/spec.js';
import type { CommandContext } from './command.js';

/** A declared column with no live column, and an undeclared live column it could be, renamed. */
export interface RenameCandidate {
  readonly tableId: string;
  readonly from: ColumnSpec;
  readonly to: ColumnSpec;
}

/**
 * Pairs of columns a plan would delete and create on one table that may be one column renamed: the declared
 * column has no live column (under its key or its `renamedFrom`), the live one is declared by no field, and
 * they are of one kind (type, array-ness, encryption, and for relationships the same target, type and
 * direction). Every pair is listed; an answer settles the others of the same columns.
 *
 * @example
 * ```ts
 * renameCandidates(tableSpecs(tables), live); // [{ tableId: 'people', from: { key: 'full', ... }, to: { key: 'fullName', ... } }]
 * ```
 */
export function renameCandidates(desired: readonly TableSpec[], live: LiveState): RenameCandidate[] {
  const candidates: RenameCandidate[] = [];
  for (const table of desired) {
    const current = live.tables.find((candidate) => candidate.id === table.id);
    if (current === undefined) continue;
    const declared = new Set(table.columns.flatMap((column) => [column.key, ...(column.renamedFrom === undefined ? [] : [column.renamedFrom])]));
    const liveKeys = new Set(current.columns.map((column) => column.key));
    const undeclared = current.columns.filter((column) => !declared.has(column.key) && column.status === 'available' && column.relation?.side !== 'child');
    const unmatched = table.columns.filter((column) => !liveKeys.has(column.key) && (column.renamedFrom === undefined || !liveKeys.has(column.renamedFrom)));
    for (const to of unmatched) {
      for (const from of undeclared) if (!needsRecreate(from, to)) candidates.push({ tableId: table.id, from, to });
    }
  }
  return candidates;
}

/**
 * On a terminal (not with `--yes` or `--json`), asks for each {@link renameCandidates} pair whether the new
 * column is the old one renamed, and returns the declarations with `renamedFrom` set where the answer is yes,
 * so the plan renames those columns in place instead of dropping and adding them.
 *
 * @example
 * ```ts
 * const desired = await askRenames(context, tableSpecs(tables), live);
 * ```
 */
export async function askRenames(context: CommandContext, desired: readonly TableSpec[], live: LiveState): Promise<TableSpec[]> {
  const ask = context.io.ask;
  const tables = [...desired];
  if (ask === undefined || context.json || context.args.flags.has('yes')) return tables;
  const settled = new Set<string>();
  for (const { tableId, from, to } of renameCandidates(desired, live)) {
    const [source, target] = [`${tableId}.${from.key}`, `${tableId}.${to.key}`];
    if (settled.has(source) || settled.has(target)) continue;
    const answer = await ask(`Is column ${target} the column ${source} renamed (its data kept)? Otherwise ${source} is dropped and ${target} added. [y/N] `);
    if (answer !== true) continue;
    settled.add(source);
    settled.add(target);
    const position = tables.findIndex((table) => table.id === tableId);
    const table = tables[position];
    if (table === undefined) continue;
    tables[position] = { ...table, columns: table.columns.map((column) => (column.key === to.key ? { ...column, renamedFrom: from.key } : column)) };
  }
  return tables;
}
