import { ConfigError } from '../errors/config-error.js';
import { ALL_TASKS, WarmQueue, type WarmScope } from './warm-queue.js';
import { assertWarmTasks, warm, type WarmReport, type WarmTask } from './warm-tasks.js';

/** The part of a database the warmer listens to, to re-warm a table after it is invalidated. */
export interface WarmerInvalidationSource {
  on(event: 'invalidate', listener: (event: { readonly table: string }) => void): unknown;
  off(event: 'invalidate', listener: (event: { readonly table: string }) => void): unknown;
}

/** Options of {@link createWarmer}. */
export interface WarmerOptions<D> {
  /** Milliseconds between the end of one run and the start of the next. */
  readonly every: number;
  readonly tasks: readonly WarmTask<D>[];
  /**
   * Up to this many milliseconds, chosen at random, are added to each interval so that instances
   * started together do not warm in step.
   * @default 0
   */
  readonly jitter?: number;
  /**
   * How many tasks run at once.
   * @default 4
   */
  readonly concurrency?: number;
  /** Called for each failing task run. The warmer keeps running either way. */
  readonly onError?: (error: unknown, task: string) => void;
  /**
   * Re-runs the tasks that read a table soon after that table is invalidated (by a write, another instance
   * or a webhook). `true` waits 1000 ms after the last invalidation of a burst; a number sets that delay.
   * @default false
   */
  readonly refreshAfterInvalidate?: boolean | number;
}

/** Counters of a running warmer. */
export interface WarmerStats {
  readonly runs: number;
  readonly refreshRuns: number;
  readonly taskRuns: number;
  readonly taskErrors: number;
  readonly running: boolean;
  readonly stopped: boolean;
  readonly lastReport: WarmReport | undefined;
}

/** A background warmer: see {@link createWarmer}. */
export interface Warmer {
  /** Settles with the report of the first run (started when the warmer was created). */
  readonly ready: Promise<WarmReport>;
  /** Runs every task now; if a run is in progress, runs right after it. Never overlaps another run. */
  run(): Promise<WarmReport>;
  stats(): WarmerStats;
  /** Stops the timers and the invalidation listener, then waits for the run in progress. */
  stop(): Promise<void>;
}

const DEFAULT_REFRESH_DELAY_MS = 1_000;

/**
 * Starts a background warmer: it runs the tasks now, then again `every` ms after each run ends, never
 * overlapping itself. A task that fails is counted and passed to `onError`; the next run happens anyway.
 * Its timers are unref'd: they never keep the process alive. Call `stop()` on shutdown.
 *
 * @example
 * ```ts
 * const warmer = createWarmer(db, {
 *   every: 60_000,
 *   jitter: 5_000,
 *   refreshAfterInvalidate: true,
 *   tasks: [{ name: 'products:all', run: (db) => db.table('products').all() }],
 *   onError: (error, task) => console.warn(`warming ${task} failed`, error),
 * });
 * await warmer.ready;
 * process.on('SIGTERM', () => void warmer.stop());
 * ```
 */
export function createWarmer<D extends Partial<WarmerInvalidationSource>>(db: D, options: WarmerOptions<D>): Warmer {
  assertWarmerOptions(options);
  const refresh = options.refreshAfterInvalidate;
  const refreshDelay = refresh === true ? DEFAULT_REFRESH_DELAY_MS : typeof refresh === 'number' ? refresh : undefined;
  const observedTables = new Map<string, readonly string[]>();
  const counters = { runs: 0, refreshRuns: 0, taskRuns: 0, taskErrors: 0 };
  let lastReport: WarmReport | undefined;
  let stopped = false;
  let periodicTimer: NodeJS.Timeout | undefined;
  let refreshTimer: NodeJS.Timeout | undefined;
  let refreshTables = new Set<string>();

  const tablesOf = (task: WarmTask<D>): readonly string[] => task.tables ?? observedTables.get(task.name) ?? [];

  const selectTasks = (scope: WarmScope): readonly WarmTask<D>[] => {
    if (scope.all || scope.tables.has('*')) return options.tasks;
    // A task whose tables are not known yet is included in every refresh: skipping it could leave a table cold.
    return options.tasks.filter((task) => {
      const tables = tablesOf(task);
      return tables.length === 0 || tables.some((table) => scope.tables.has(table));
    });
  };

  const queue = new WarmQueue(async (scope) => {
    const report = await warm(db, selectTasks(scope), { concurrency: options.concurrency, onError: options.onError });
    for (const result of report.tasks) if (result.tables.length > 0) observedTables.set(result.name, result.tables);
    counters.runs += 1;
    if (!scope.all) counters.refreshRuns += 1;
    counters.taskRuns += report.tasks.length;
    counters.taskErrors += report.failed;
    lastReport = report;
    return report;
  });

  const schedule = (): void => {
    if (stopped) return;
    const delay = options.every + Math.random() * (options.jitter ?? 0);
    periodicTimer = setTimeout(() => void tick(), delay);
    periodicTimer.unref();
  };
  const tick = (): Promise<WarmReport> => {
    const promise = queue.request(ALL_TASKS);
    void promise.then(schedule, schedule);
    return promise;
  };

  const onInvalidate = (event: { readonly table: string }): void => {
    if (stopped || refreshDelay === undefined) return;
    refreshTables.add(event.table);
    // Debounced: a burst of writes to a table causes one refresh, after the burst.
    if (refreshTimer !== undefined) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      const scope = { all: false, tables: refreshTables };
      refreshTables = new Set();
      if (selectTasks(scope).length > 0) void queue.request(scope);
    }, refreshDelay);
    refreshTimer.unref();
  };
  if (refreshDelay !== undefined) {
    if (db.on === undefined) throw new ConfigError('createWarmer: refreshAfterInvalidate needs a database with a cache');
    db.on('invalidate', onInvalidate);
  }

  const ready = tick();
  return {
    ready,
    run: () => queue.request(ALL_TASKS),
    stats: () => ({ ...counters, running: queue.running, stopped, lastReport }),
    async stop() {
      stopped = true;
      clearTimeout(periodicTimer);
      clearTimeout(refreshTimer);
      if (refreshDelay !== undefined) db.off?.('invalidate', onInvalidate);
      await queue.close();
    },
  };
}

function assertWarmerOptions<D>(options: WarmerOptions<D>): void {
  assertWarmTasks(options.tasks);
  if (!Number.isFinite(options.every) || options.every <= 0) {
    throw new ConfigError(`createWarmer: every must be a positive number of milliseconds, got ${String(options.every)}`);
  }
  if (options.jitter !== undefined && (!Number.isFinite(options.jitter) || options.jitter < 0)) {
    throw new ConfigError(`createWarmer: jitter must be zero or more milliseconds, got ${String(options.jitter)}`);
  }
  const refresh = options.refreshAfterInvalidate;
  if (typeof refresh === 'number' && (!Number.isFinite(refresh) || refresh < 0)) {
    throw new ConfigError(`createWarmer: refreshAfterInvalidate must be true, false or a delay in ms, got ${String(refresh)}`);
  }
}
