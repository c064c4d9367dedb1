/** Runs at most `concurrency` of the tasks given to it at once, the others in arrival order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A bounded pool for concurrent requests.
 *
 * @example
 * ```ts
 * const limit = createLimiter(4);
 * await Promise.all(columns.map((column) => limit(() => port.createColumn(tableId, column))));
 * ```
 */
export function createLimiter(concurrency: number): Limiter {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => queue.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      // A queued task takes over this slot directly, so `running` only drops when nobody waits.
      const next = queue.shift();
      if (next === undefined) running -= 1;
      else next();
    }
  };
}
