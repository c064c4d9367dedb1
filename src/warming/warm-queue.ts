import type { WarmReport } from './warm-tasks.js';

/** Which tasks a warm run covers: all of them, or those reading one of `tables` (`'*'`: every table). */
export interface WarmScope {
  readonly all: boolean;
  readonly tables: ReadonlySet<string>;
}

/** The scope of a full run. */
export const ALL_TASKS: WarmScope = { all: true, tables: new Set() };

/**
 * Serialises warm runs: at most one runs at a time, and every run requested while one is in progress is
 * merged into a single follow-up run (the union of their scopes) that starts when it ends.
 *
 * @example
 * ```ts
 * const queue = new WarmQueue((scope) => warm(db, tasksFor(scope)));
 * const first = queue.request(ALL_TASKS);
 * const next = queue.request({ all: false, tables: new Set(['products']) }); // runs after `first`
 * await queue.close();
 * ```
 */
export class WarmQueue {
  #inFlight: Promise<WarmReport> | undefined;
  #queued: { scope: WarmScope; readonly promise: Promise<WarmReport> } | undefined;
  #last: WarmReport = { ok: true, durationMs: 0, failed: 0, tasks: [] };
  #closed = false;

  /** `execute` performs one run; it must not reject. */
  readonly #execute: (scope: WarmScope) => Promise<WarmReport>;

  constructor(execute: (scope: WarmScope) => Promise<WarmReport>) {
    this.#execute = execute;
  }

  /** Whether a run is in progress. */
  get running(): boolean {
    return this.#inFlight !== undefined;
  }

  /** Runs `scope` now, or after the run in progress. Once closed, resolves with the last report. */
  request(scope: WarmScope): Promise<WarmReport> {
    if (this.#closed) return Promise.resolve(this.#last);
    if (this.#inFlight === undefined) return this.#start(scope);
    if (this.#queued !== undefined) {
      this.#queued.scope = merge(this.#queued.scope, scope);
      return this.#queued.promise;
    }
    const promise = this.#inFlight.then(() => {
      const next = this.#queued?.scope ?? scope;
      this.#queued = undefined;
      return this.#closed ? this.#last : this.#start(next);
    });
    this.#queued = { scope, promise };
    return promise;
  }

  /**
   * Accepts no more runs and resolves when the run in progress has ended. A follow-up not started yet is
   * dropped: its promise resolves with the last report.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await (this.#queued?.promise ?? this.#inFlight);
  }

  #start(scope: WarmScope): Promise<WarmReport> {
    const promise = this.#execute(scope).then((report) => {
      this.#last = report;
      if (this.#inFlight === promise) this.#inFlight = undefined;
      return report;
    });
    this.#inFlight = promise;
    return promise;
  }
}

function merge(a: WarmScope, b: WarmScope): WarmScope {
  return { all: a.all || b.all, tables: new Set([...a.tables, ...b.tables]) };
}
