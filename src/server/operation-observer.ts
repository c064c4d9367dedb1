import { OperationRecord, currentOperation, leaveOperation, runInOperation } from '../cache/operation-record.js';

/**
 * How a table operation ended. Reads: `hit` (every read from the cache, either tier), `miss` (some read went to
 * Appwrite and was cached), `stale` (a write or invalidation overlapped the load, so its result was returned
 * but not cached), `bypass` (the cache was off or `cache: false`). Writes: `write`. Any failure: `error`.
 *
 * @example
 * ```ts
 * const counted: OperationOutcome[] = ['hit', 'miss'];
 * ```
 */
export type OperationOutcome = 'hit' | 'miss' | 'stale' | 'bypass' | 'write' | 'error';

/**
 * One finished table operation, as `onOperation` receives it.
 *
 * @example
 * ```ts
 * const onOperation = (event: OperationEvent) =>
 *   console.log(`${event.method} ${event.table} ${event.outcome} ${event.durationMs.toFixed(1)} ms, ${event.requests} requests`);
 * ```
 */
export interface OperationEvent {
  /** The Appwrite table id. */
  readonly table: string;
  /** The handle method: `find`, `get`, `query`, `all`, `count`, `create`, `update`, `bulkCreate`... */
  readonly method: string;
  /** Wall-clock duration in milliseconds (fractional). */
  readonly durationMs: number;
  readonly outcome: OperationOutcome;
  /** HTTP requests sent to Appwrite for it: 0 on a hit, retries and pages included. */
  readonly requests: number;
  /** The error it failed with, when `outcome` is `error`. */
  readonly error?: unknown;
}

/**
 * The part of an OpenTelemetry `Span` the ORM uses (`@opentelemetry/api` spans have it).
 *
 * @example
 * ```ts
 * const span: OrmSpan = tracer.startSpan('find products');
 * span.end();
 * ```
 */
export interface OrmSpan {
  setAttribute(key: string, value: string | number | boolean): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: Error): unknown;
  end(): void;
}

/**
 * The part of an OpenTelemetry `Tracer` the ORM uses: `trace.getTracer('my-app')` from `@opentelemetry/api`
 * fits, without the ORM depending on that package.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * const orm = new ServerORM({ ...settings, tracer: trace.getTracer('shop') });
 * ```
 */
export interface OrmTracer {
  startSpan(name: string, options?: { kind?: number; attributes?: Record<string, string | number | boolean> }): OrmSpan;
}

/** OpenTelemetry's `SpanKind.CLIENT` and `SpanStatusCode.ERROR`. */
const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;

/**
 * Times table operations and reports them to `onOperation` listeners and an OpenTelemetry tracer. Inactive
 * (and free) until a listener or a tracer is set; a nested operation (`getOrFail` calling `get`) is reported once.
 *
 * @example
 * ```ts
 * const observer = new OperationObserver({ databaseId: 'shop', onOperation: (event) => console.log(event) });
 * const rows = await observer.run('products', 'find', () => products.find([]));
 * ```
 */
export class OperationObserver {
  readonly #listeners = new Set<(event: OperationEvent) => void>();
  readonly #tracer: OrmTracer | undefined;
  readonly #databaseId: string;

  constructor(options: { readonly databaseId: string; readonly onOperation?: (event: OperationEvent) => void; readonly tracer?: OrmTracer }) {
    this.#databaseId = options.databaseId;
    this.#tracer = options.tracer;
    if (options.onOperation !== undefined) this.#listeners.add(options.onOperation);
  }

  /** True when operations are reported somewhere. */
  get active(): boolean {
    return this.#tracer !== undefined || this.#listeners.size > 0;
  }

  /** Adds a listener; returns a function that removes it. */
  listen(listener: (event: OperationEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Runs one operation, timed and recorded, and reports it when it settles. */
  async run<T>(table: string, method: string, call: () => Promise<T>): Promise<T> {
    if (currentOperation() !== undefined) return call();
    const record = new OperationRecord();
    const span = this.#tracer?.startSpan(`${method} ${table}`, {
      kind: SPAN_KIND_CLIENT,
      attributes: { 'db.system.name': 'appwrite', 'db.namespace': this.#databaseId, 'db.collection.name': table, 'db.operation.name': method },
    });
    const started = performance.now();
    try {
      const result = await runInOperation(record, call);
      this.#report(span, { table, method, durationMs: performance.now() - started, outcome: outcomeOf(record), requests: record.requests });
      return result;
    } catch (error) {
      this.#report(span, { table, method, durationMs: performance.now() - started, outcome: 'error', requests: record.requests, error });
      throw error;
    } finally {
      leaveOperation();
    }
  }

  #report(span: OrmSpan | undefined, event: OperationEvent): void {
    if (span !== undefined) {
      span.setAttribute('appwrite_orm.cache.outcome', event.outcome);
      span.setAttribute('appwrite_orm.requests', event.requests);
      if (event.error !== undefined) {
        const error = event.error instanceof Error ? event.error : new Error(typeof event.error === 'string' ? event.error : 'operation failed');
        span.recordException(error);
        span.setStatus({ code: STATUS_ERROR, message: error.message });
      }
      span.end();
    }
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // A metrics hook must never fail the operation it reports.
        process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'OperationListenerWarning');
      }
    }
  }
}

function outcomeOf(record: OperationRecord): OperationOutcome {
  if (record.stale > 0) return 'stale';
  if (record.misses > 0) return 'miss';
  if (record.bypasses > 0) return 'bypass';
  return record.hits > 0 ? 'hit' : 'write';
}
