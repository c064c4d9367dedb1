import type { Limiter } from './limiter.js';
import type { MigrationPort } from './migration-port.js';
import type { LiveTable } from './spec.js';

interface Waiter {
  readonly resolve: (table: LiveTable | null) => void;
  readonly reject: (error: unknown) => void;
}

/** Reads one table's live state; concurrent reads of several tables share one request. */
export type TableReader = (tableId: string) => Promise<LiveTable | null>;

/**
 * A table reader for polling: the reads asked for within `windowMs` of each other go out as one request,
 * `readTable` for a single table and `readState` (every table at once) for several. Migrating 20 tables
 * then polls with one request per round instead of twenty.
 *
 * @example
 * ```ts
 * const read = batchedTableReader(port, limit, 10);
 * const [a, b] = await Promise.all([read('products'), read('orders')]); // one listTables request
 * ```
 */
export function batchedTableReader(port: MigrationPort, limit: Limiter, windowMs: number): TableReader {
  let batch: Map<string, Waiter[]> | undefined;
  const flush = async (waiting: Map<string, Waiter[]>): Promise<void> => {
    try {
      const [only] = waiting.keys();
      const tables =
        waiting.size === 1 && only !== undefined
          ? new Map([[only, await limit(() => port.readTable(only))]])
          : new Map((await limit(() => port.readState())).tables.map((table) => [table.id, table]));
      for (const [tableId, waiters] of waiting) for (const waiter of waiters) waiter.resolve(tables.get(tableId) ?? null);
    } catch (error) {
      for (const waiters of waiting.values()) for (const waiter of waiters) waiter.reject(error);
    }
  };
  return (tableId) =>
    new Promise((resolve, reject) => {
      if (batch === undefined) {
        const waiting = new Map<string, Waiter[]>();
        batch = waiting;
        // Tables poll on the same backoff schedule but drift by a few ms: a short window gathers them.
        setTimeout(() => {
          batch = undefined;
          void flush(waiting);
        }, windowMs);
      }
      const waiters = batch.get(tableId) ?? [];
      waiters.push({ resolve, reject });
      batch.set(tableId, waiters);
    });
}
