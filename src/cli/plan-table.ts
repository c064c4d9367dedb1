import type { MigrationPlan } from '../schema/migration-plan.js';
import { renderPlan } from '../schema/plan-renderer.js';

/** The planner's hints name ORM options; on the command line they are flags. */
function cliHints(line: string): string {
  return line
    .replace('set migrate.allowDestructive to delete it', 'pass --drop-tables to delete it')
    .replace('set migrate.allowDestructive to allow it', 'pass --allow-destructive to allow it')
    .replace(/set migrate\.dropIndexes to (\w+) it/, 'pass --drop-indexes to $1 it');
}

/**
 * A plan as an aligned table: one row per step, refused change and note, with the change (`+` create,
 * `~` change, `-` delete, `!` refused, `=` kept), what it concerns, and the detail.
 *
 * @example
 * ```ts
 * planTable(plan);
 * //   + table   products       2 columns, 1 index
 * //   + column  orders.note    string(255)
 * ```
 */
export function planTable(plan: Pick<MigrationPlan, 'steps' | 'refused' | 'notes'>): string {
  const text = renderPlan(plan);
  if (plan.steps.length + plan.refused.length + plan.notes.length === 0) return text;
  const rows = text.split('\n').map((line) => {
    const hinted = cliHints(line);
    const match = /^([+~\-!=]) (?:refused: |kept )?(database|table|column|index|type change|remove column|change index|rename) (\S+?):?(?: (.*))?$/.exec(hinted);
    if (match === null) return [hinted.charAt(0), '', '', hinted.slice(2)];
    const [, op = '', what = '', target = '', detail = ''] = match;
    // One parenthesised detail loses its parentheses (`(string(32))`); `(integer) (hint)` keeps them.
    return [op, what, target, detail.replace(/^\(([^()]*(?:\([^()]*\)[^()]*)*)\)$/, '$1')];
  });
  const widths = [1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map(([op = '', what = '', target = '', detail = '']) => `  ${op} ${what.padEnd(widths[0] ?? 0)}  ${target.padEnd(widths[1] ?? 0)}  ${detail}`.trimEnd()).join('\n');
}
