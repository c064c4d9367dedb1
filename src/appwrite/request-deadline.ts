import { AsyncLocalStorage } from 'node:async_hooks';
import { AppwriteException } from 'node-appwrite';

/** Longest wait for one Appwrite answer unless the config or the call says otherwise, in ms. */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** Error type of a request that got no answer in time (Appwrite's own `database_timeout` is a 408 answer). */
export const TIMEOUT_TYPE = 'request_timeout';

const current = new AsyncLocalStorage<AbortSignal>();

/**
 * The abort signal of the request being sent, if it runs under {@link withDeadline}: the ORM's client
 * passes it to `fetch`, so a request past its deadline is aborted, not left running.
 *
 * @example
 * ```ts
 * const signal = requestSignal(); // inside withDeadline(...)
 * ```
 */
export function requestSignal(): AbortSignal | undefined {
  return current.getStore();
}

/**
 * Runs one request with a deadline: after `timeoutMs` its promise rejects with an `AppwriteException` of type
 * `request_timeout` and status 0 (no answer), and the fetch is aborted when the client is the ORM's own.
 * The race is kept even then: a client of the caller's that ignores the signal still cannot hold anyone
 * (a single-flight read joined by many callers) past the deadline.
 *
 * @example
 * ```ts
 * const row = await withDeadline(5_000, () => tablesDB.getRow({ databaseId, tableId, rowId }));
 * ```
 */
export function withDeadline<T>(timeoutMs: number, request: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new AppwriteException(`No answer from Appwrite within ${timeoutMs} ms`, 0, TIMEOUT_TYPE);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  // async: a request that throws before sending rejects like any other (and the timer is still cleared).
  const sent = current.run(controller.signal, async () => request());
  return Promise.race([sent, expired]).finally(() => {
    clearTimeout(timer);
    // The losing request's rejection (an abort) has nobody left to handle it.
    sent.catch(() => undefined);
  });
}
