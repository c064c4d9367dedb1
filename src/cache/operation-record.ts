import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one table operation did, filled in while it runs: requests sent to Appwrite (retries and pages
 * included) and how the cache answered its reads. Only exists while operations are observed.
 *
 * @example
 * ```ts
 * const record = new OperationRecord();
 * await runInOperation(record, () => products.find());
 * record.requests; // 1 on a miss, 0 on a hit
 * ```
 */
export class OperationRecord {
  requests = 0;
  hits = 0;
  misses = 0;
  bypasses = 0;
  /** Loads whose result was not stored because a write or an invalidation overlapped them. */
  stale = 0;
}

const storage = new AsyncLocalStorage<OperationRecord>();
/**
 * Observed operations running now. While none runs, no flow can need its record, so a cache hit does not
 * look one up: `getStore()` costs about 20 ns once any flow of the process has used the storage.
 */
let running = 0;

/**
 * Runs `fn` with `record` as the current operation record (following its asynchronous continuations). Call
 * {@link leaveOperation} once, when its promise has settled.
 *
 * @example
 * ```ts
 * try { await runInOperation(new OperationRecord(), () => products.get('pen')); } finally { leaveOperation(); }
 * ```
 */
export function runInOperation<R>(record: OperationRecord, fn: () => Promise<R>): Promise<R> {
  running++;
  return storage.run(record, fn);
}

/**
 * Marks an operation started by {@link runInOperation} as settled.
 *
 * @example
 * ```ts
 * leaveOperation();
 * ```
 */
export function leaveOperation(): void {
  running--;
}

/**
 * The record of the operation running in this asynchronous flow, or `undefined` when none is observed.
 *
 * @example
 * ```ts
 * currentOperation()?.requests++;
 * ```
 */
export function currentOperation(): OperationRecord | undefined {
  return running === 0 ? undefined : storage.getStore();
}
