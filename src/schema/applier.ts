import { MigrationError } from '../errors/migration-error.js';
import { batchedTableReader, type TableReader } from './batched-reader.js';
import { createLimiter, type Limiter } from './limiter.js';
import { stepTable, type MigrationPlan, type MigrationStep } from './migration-plan.js';
import type { MigrationPort } from './migration-port.js';
import { differenceLines, renderPlan } from './plan-renderer.js';
import { waitForTable, type PollOptions, type WaitTarget } from './resource-waiter.js';

/** Progress of a migration, one event per applied step, per wait and per finished table. */
export type MigrationProgress =
  | { readonly type: 'step'; readonly tableId: string | undefined; readonly line: string }
  | { readonly type: 'wait'; readonly tableId: string; readonly what: string }
  | { readonly type: 'table'; readonly tableId: string; readonly steps: number; readonly durationMs: number };

/** How the plan is applied. */
export interface ApplyOptions {
  /** Requests in flight at once, across tables. */
  readonly concurrency: number;
  /** Longest wait for one column or index to become available (or deleted), in ms. */
  readonly timeoutMs: number;
  readonly poll?: PollOptions;
  readonly onProgress?: (event: MigrationProgress) => void;
}

/** What a migration did. */
export interface MigrationResult {
  readonly plan: MigrationPlan;
  /** Number of steps applied (equal to `plan.steps.length` on success). */
  readonly applied: number;
  readonly durationMs: number;
}

type Kind = MigrationStep['kind'];
type StepOf<K extends Kind> = Extract<MigrationStep, { kind: K }>;

function ofKind<K extends Kind>(steps: readonly MigrationStep[], kind: K): StepOf<K>[] {
  return steps.filter((step): step is StepOf<K> => step.kind === kind);
}

type ColumnStep = StepOf<'createColumn' | 'updateColumn' | 'renameColumn' | 'deleteColumn'>;

/** Steps on relationship columns, applied after every table's own steps, one at a time. */
function isRelationStep(step: MigrationStep): step is ColumnStep {
  return (step.kind === 'createColumn' || step.kind === 'updateColumn' || step.kind === 'renameColumn' || step.kind === 'deleteColumn') && step.column.kind === 'relationship';
}

class TableRun {
  readonly #port: MigrationPort;
  readonly #limit: Limiter;
  readonly #read: TableReader;
  readonly #options: ApplyOptions;
  readonly #tableId: string;

  constructor(port: MigrationPort, limit: Limiter, read: TableReader, options: ApplyOptions, tableId: string) {
    this.#port = port;
    this.#limit = limit;
    this.#read = read;
    this.#options = options;
    this.#tableId = tableId;
  }

  async run(steps: readonly MigrationStep[]): Promise<void> {
    const started = Date.now();
    await this.#each(ofKind(steps, 'createTable'), (step) => this.#port.createTable(step.table));
    await this.#each(ofKind(steps, 'updateTable'), (step) => this.#port.updateTable(this.#tableId, step.settings));
    // Appwrite deletes asynchronously: a column is free of its index, and a key free for reuse, once it is gone.
    const indexDrops = ofKind(steps, 'deleteIndex');
    await this.#each(indexDrops, (step) => this.#port.deleteIndex(this.#tableId, step.index.key));
    await this.#wait({ indexesGone: indexDrops.map((step) => step.index.key) }, true);
    const columnDrops = ofKind(steps, 'deleteColumn');
    await this.#each(columnDrops, (step) => this.#port.deleteColumn(this.#tableId, step.column.key));
    await this.#wait({ columnsGone: columnDrops.map((step) => step.column.key) }, true);
    // Appwrite renames only available columns.
    const renames = ofKind(steps, 'renameColumn');
    await this.#wait({ columnsAvailable: renames.map((step) => step.from) }, false);
    await this.#each(renames, (step) => this.#port.renameColumn(this.#tableId, { ...step.column, key: step.from }, step.column.key));
    const creates = ofKind(steps, 'createColumn');
    await this.#each(creates, (step) => this.#port.createColumn(this.#tableId, step.column));
    const updates = ofKind(steps, 'updateColumn');
    const indexes = ofKind(steps, 'createIndex');
    // Updates and new indexes need their columns available: new ones, and any a concurrent process is still creating.
    const needed = new Set([...creates, ...updates].map((step) => step.column.key));
    for (const step of indexes) step.index.columns.filter((column) => !column.startsWith('$')).forEach((column) => needed.add(column));
    await this.#wait({ columnsAvailable: [...needed] }, creates.length > 0);
    await this.#each(updates, (step) => this.#port.updateColumn(this.#tableId, step.column));
    await this.#each(indexes, (step) => this.#port.createIndex(this.#tableId, step.index));
    await this.#wait({ indexesAvailable: indexes.map((step) => step.index.key) }, true);
    await this.#each(ofKind(steps, 'deleteTable'), () => this.#port.deleteTable(this.#tableId));
    this.#options.onProgress?.({ type: 'table', tableId: this.#tableId, steps: steps.length, durationMs: Date.now() - started });
  }

  async #each<S extends MigrationStep>(steps: readonly S[], apply: (step: S) => Promise<void>): Promise<void> {
    // Independent steps of one phase run concurrently; the shared limiter bounds the requests in flight.
    await settleAll(
      steps.map(async (step) => {
        await this.#limit(() => apply(step));
        this.#options.onProgress?.({ type: 'step', tableId: this.#tableId, line: renderPlan({ steps: [step], refused: [], notes: [] }) });
      }),
    );
  }

  /** Waits for the target; reports a wait only for what a poll finds not yet there (nothing when all of it is). */
  async #wait(target: WaitTarget, justChanged: boolean): Promise<void> {
    if (Object.values(target).flat().length === 0) return;
    const onWaiting = (keys: readonly string[]): void => this.#options.onProgress?.({ type: 'wait', tableId: this.#tableId, what: keys.join(', ') });
    await waitForTable(this.#read, this.#tableId, target, { ...this.#options.poll, timeoutMs: this.#options.timeoutMs, onWaiting }, justChanged);
  }
}

/** Waits for every promise; rejects with the first failure only once all have settled (no write left running unseen). */
async function settleAll(promises: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected').map((result) => result.reason as unknown);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const messages = failures.map((failure) => (failure instanceof Error ? failure.message : String(failure)));
    throw new MigrationError(`${failures.length} migration steps failed:\n${messages.join('\n')}`, {}, { cause: failures[0] });
  }
}

/**
 * Applies a plan through a {@link MigrationPort}: the database first, then every table concurrently (each
 * table's steps in order: drop indexes, drop columns, rename columns, create columns, wait until available,
 * update columns, create indexes, wait until available). Refuses to start when the plan holds refused changes.
 *
 * @example
 * ```ts
 * const result = await applyPlan(plan, gateway, { concurrency: 8, timeoutMs: 60_000, onProgress: console.log });
 * ```
 */
export async function applyPlan(plan: MigrationPlan, port: MigrationPort, options: ApplyOptions): Promise<MigrationResult> {
  const started = Date.now();
  if (plan.refused.length > 0) {
    const refused = differenceLines({ steps: [], refused: plan.refused });
    throw new MigrationError(`Migration of database "${plan.databaseId}" refused; nothing was written:\n${refused.join('\n')}`, {}, { refused });
  }
  const limit = createLimiter(Math.max(1, options.concurrency));
  const byTable = new Map<string, MigrationStep[]>();
  const relationSteps = plan.steps.filter(isRelationStep);
  for (const step of plan.steps.filter((candidate) => !isRelationStep(candidate))) {
    const tableId = stepTable(step);
    if (tableId === undefined) {
      if (step.kind === 'createDatabase') await limit(() => port.createDatabase(step.name));
      options.onProgress?.({ type: 'step', tableId: undefined, line: renderPlan({ steps: [step], refused: [], notes: [] }) });
      continue;
    }
    byTable.set(tableId, [...(byTable.get(tableId) ?? []), step]);
  }
  const read = batchedTableReader(port, limit, options.poll?.batchWindowMs ?? 5);
  await settleAll([...byTable].map(([tableId, steps]) => new TableRun(port, limit, read, options, tableId).run(steps)));
  // Relationship columns need both tables; Appwrite builds them one at a time (two at once can fail).
  for (const step of relationSteps) await new TableRun(port, limit, read, options, step.tableId).run([step]);
  return { plan, applied: plan.steps.length, durationMs: Date.now() - started };
}
