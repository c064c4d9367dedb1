import { ConfigError } from '../errors/config-error.js';
import { runInCacheContext } from '../cache/request-context.js';

/**
 * One read (or a few) that fills the cache ahead of the requests that need it.
 *
 * @example
 * ```ts
 * const allProducts: WarmTask<typeof db> = { name: 'products:all', run: (db) => db.table('products').all() };
 * ```
 */
export interface WarmTask<D> {
  /** Names the task in reports, errors and stats; unique within a set of tasks. */
  readonly name: string;
  /**
   * Tables the task reads. Optional: when omitted, the tables recorded while it last ran are used
   * (this decides which tasks re-run after an invalidation).
   */
  readonly tables?: readonly string[];
  /** Performs the reads. Its result is discarded: what matters is that the cache now holds it. */
  readonly run: (db: D) => Promise<unknown>;
}

/** What one task did during a warm run. */
export interface WarmTaskResult {
  readonly name: string;
  readonly ok: boolean;
  readonly durationMs: number;
  /** Tables read by the task, deduplicated, in the order first read. */
  readonly tables: readonly string[];
  /** Cached reads that went to Appwrite (and are now cached). */
  readonly loaded: number;
  /** Cached reads that were already cached. */
  readonly alreadyCached: number;
  /** Present when `ok` is false. */
  readonly error?: unknown;
}

/** The outcome of one warm run: every task's result, in the order the tasks were given. */
export interface WarmReport {
  readonly ok: boolean;
  readonly durationMs: number;
  readonly failed: number;
  readonly tasks: readonly WarmTaskResult[];
}

/** Options of one warm run. */
export interface WarmOptions {
  /**
   * How many tasks run at once.
   * @default 4
   */
  readonly concurrency?: number;
  /** Called once for each task that fails, after it failed. Errors thrown by the callback are ignored. */
  readonly onError?: (error: unknown, task: string) => void;
}

/**
 * Runs every task once, at most `concurrency` at a time, and reports what each one loaded. A failing task
 * never stops the others: its error is in its result (and passed to `onError`); the promise never rejects
 * because of a task.
 *
 * @example
 * ```ts
 * const report = await warm(db, [
 *   { name: 'products:all', run: (db) => db.table('products').all() },
 *   { name: 'products:office', run: (db) => db.table('products').query({ category: 'office' }) },
 * ], { concurrency: 2 });
 * console.log(report.tasks.map((t) => `${t.name}: ${t.ok ? `${t.loaded} loaded` : String(t.error)}`));
 * ```
 */
export async function warm<D>(db: D, tasks: readonly WarmTask<D>[], options: WarmOptions = {}): Promise<WarmReport> {
  const concurrency = options.concurrency ?? 4;
  assertWarmTasks(tasks);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigError(`warm: concurrency must be a positive integer, got ${String(concurrency)}`);
  }
  const started = performance.now();
  const results: WarmTaskResult[] = new Array<WarmTaskResult>(tasks.length);
  let next = 0;
  // A fixed pool of workers pulling from a shared index bounds the concurrency without a queue library.
  const worker = async (): Promise<void> => {
    for (let index = next++; index < tasks.length; index = next++) {
      const task = tasks[index] as WarmTask<D>;
      const result = await runTask(db, task);
      results[index] = result;
      if (!result.ok) notify(options.onError, result.error, task.name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  const failed = results.filter((result) => !result.ok).length;
  return { ok: failed === 0, durationMs: performance.now() - started, failed, tasks: results };
}

/** Throws a config error for a malformed task list (missing run, duplicate or empty names). */
export function assertWarmTasks<D>(tasks: readonly WarmTask<D>[]): void {
  const names = new Set<string>();
  for (const task of tasks) {
    if (typeof task.name !== 'string' || task.name === '') throw new ConfigError('warm: every task needs a non-empty name');
    if (typeof task.run !== 'function') throw new ConfigError(`warm: task "${task.name}" needs a run(db) function`);
    if (names.has(task.name)) throw new ConfigError(`warm: two tasks are named "${task.name}"`);
    names.add(task.name);
  }
}

async function runTask<D>(db: D, task: WarmTask<D>): Promise<WarmTaskResult> {
  const started = performance.now();
  // Each task runs in its own cache context, so the reads it makes are counted for it alone.
  return runInCacheContext(async (context) => {
    let error: unknown;
    let ok = true;
    try {
      await task.run(db);
    } catch (caught) {
      ok = false;
      error = caught;
    }
    const result = {
      name: task.name,
      ok,
      durationMs: performance.now() - started,
      tables: [...new Set(context.reads.map((read) => read.table))],
      loaded: context.misses,
      alreadyCached: context.hits,
    };
    return ok ? result : { ...result, error };
  });
}

function notify(onError: WarmOptions['onError'], error: unknown, task: string): void {
  try {
    onError?.(error, task);
  } catch {
    // A failing error callback must not turn one task's failure into a failed run.
  }
}
