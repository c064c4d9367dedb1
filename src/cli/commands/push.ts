import { applyPlan, type MigrationProgress } from '../../schema/applier.js';
import { tableSpecs } from '../../schema/desired-spec.js';
import type { MigrationPlan, MigrationStep, PlanNote } from '../../schema/migration-plan.js';
import { differenceLines, renderPlan } from '../../schema/plan-renderer.js';
import { planMigration } from '../../schema/planner.js';
import type { LiveState, TableSpec } from '../../schema/spec.js';
import { EXIT } from '../exit-codes.js';
import { RefusedError, type Command, type CommandContext, type CommandOutcome } from '../command.js';
import { connect } from '../connection.js';
import { planTable } from '../plan-table.js';
import { askRenames } from '../rename-questions.js';
import { withoutRunnerTables } from '../../schema/migrations/runner-tables.js';
import { declaredTables } from '../schema-input.js';

/** Which destructive changes the plan may hold: column changes and table deletion are separate opt-ins. */
interface PushOptions {
  readonly dropIndexes: boolean;
  readonly allowDestructive: boolean;
  readonly dropTables: boolean;
}

/**
 * The plan that brings `live` to `desired`, with undeclared tables deleted only under `dropTables` (the
 * planner ties them to `allowDestructive`, which here covers columns only).
 *
 * @example
 * ```ts
 * const plan = pushPlan('shop', desired, live, { dropIndexes: false, allowDestructive: true, dropTables: false });
 * ```
 */
export function pushPlan(databaseId: string, desired: readonly TableSpec[], live: LiveState, options: PushOptions): MigrationPlan {
  const planned = planMigration({ databaseId, databaseName: databaseId, desired, live, options: { dropIndexes: options.dropIndexes, allowDestructive: options.allowDestructive } });
  const declared = new Set(desired.map((table) => table.id));
  const undeclared = live.tables.filter((table) => !declared.has(table.id));
  const steps: MigrationStep[] = planned.steps.filter((step) => step.kind !== 'deleteTable');
  const notes: PlanNote[] = planned.notes.filter((note) => note.kind !== 'keptTable');
  if (options.dropTables) steps.push(...undeclared.map((table) => ({ kind: 'deleteTable', tableId: table.id, name: table.name, destructive: true }) as const));
  else notes.push(...undeclared.map((table) => ({ kind: 'keptTable', tableId: table.id }) as const));
  const plan = { databaseId, steps, refused: planned.refused, notes };
  return { ...plan, text: renderPlan(plan) };
}

/**
 * One line of progress while a plan is applied: a step, a wait for Appwrite, a finished table.
 *
 * @example
 * ```ts
 * progressLine({ type: 'wait', tableId: 'posts', what: 'title' }); // '  … posts: waiting for title'
 * ```
 */
export function progressLine(event: MigrationProgress): string {
  if (event.type === 'step') return `  ${event.line}`;
  if (event.type === 'wait') return `  … ${event.tableId}: waiting for ${event.what}`;
  return `  ✓ ${event.tableId}: ${event.steps} step${event.steps === 1 ? '' : 's'} in ${event.durationMs} ms`;
}

async function push(context: CommandContext): Promise<CommandOutcome> {
  const { args } = context;
  const tables = await declaredTables(context, args.positional[0]);
  const connection = connect(context.settings);
  const live = withoutRunnerTables(await connection.port.readState(), context.settings);
  const options = { dropIndexes: args.flags.has('drop-indexes'), allowDestructive: args.flags.has('allow-destructive'), dropTables: args.flags.has('drop-tables') };
  const plan = pushPlan(connection.databaseId, await askRenames(context, tableSpecs(tables), live), live, options);
  const summary = { databaseId: plan.databaseId, steps: differenceLines({ steps: plan.steps, refused: [] }), refused: differenceLines({ steps: [], refused: plan.refused }), notes: plan.notes.length === 0 ? [] : renderPlan({ steps: [], refused: [], notes: plan.notes }).split('\n') };
  context.say(`Database ${plan.databaseId}: ${tables.length} declared table${tables.length === 1 ? '' : 's'}\n${planTable(plan)}`);
  if (args.flags.has('dry-run')) return { code: EXIT.ok, result: { ...summary, applied: 0 } };
  if (plan.refused.length > 0) throw new RefusedError('Refused changes: nothing was written. Re-run with the option each line names to allow them.');
  if (plan.steps.length === 0) return { code: EXIT.ok, result: { ...summary, applied: 0 } };
  const destructive = plan.steps.filter((step) => step.destructive);
  if (destructive.length > 0 && !(await context.confirm(`${destructive.length} change${destructive.length === 1 ? '' : 's'} above delete data. Apply?`))) {
    return { code: EXIT.refused, result: { ...summary, applied: 0 } };
  }
  context.say('Applying…');
  const result = await applyPlan(plan, connection.port, connection.apply((event) => context.say(progressLine(event))));
  context.say(`Done: ${result.applied} step${result.applied === 1 ? '' : 's'} in ${result.durationMs} ms`);
  return { code: EXIT.ok, result: { ...summary, applied: result.applied } };
}

const PUSH_OPTIONS = [
  { name: 'schema', value: 'file', help: 'the schema module, when not named as the argument (default: `schema` of the configuration)' },
  { name: 'dry-run', help: 'print the plan, change nothing' },
  { name: 'drop-indexes', help: 'drop indexes the schema does not declare, recreate changed ones' },
  { name: 'allow-destructive', help: 'delete undeclared columns and recreate retyped ones (their data is lost; asks first)' },
  { name: 'drop-tables', help: 'delete tables the schema does not declare (all their rows are lost; asks first)' },
] as const;

const PUSH_DESCRIPTION = `Makes the database match the tables a schema module declares (its default export, its \`tables\`
export, or every exported declaration): asks whether a new column is an undeclared one renamed, prints the
plan, asks before anything that deletes data, then applies it with progress while Appwrite builds the
columns. For development; production runs migration files.`;

/** `appwrite-orm push [schema-module]`: push mode. */
export const pushCommand: Command = { name: 'push', args: '[schema-module]', summary: 'make the database match the schema module (development)', description: PUSH_DESCRIPTION, options: PUSH_OPTIONS, run: push };

export { push as runPush, PUSH_OPTIONS };
