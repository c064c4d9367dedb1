import { MigrationError } from '../errors/migration-error.js';
import type { TableReader } from './batched-reader.js';
import type { LiveTable } from './spec.js';

/** How to poll for asynchronous columns and indexes. */
export interface PollOptions {
  /** Wait before the first poll when something was just created. @default 50 */
  readonly initialDelayMs?: number;
  /** Longest wait between two polls; the wait doubles from `initialDelayMs` up to it. @default 2000 */
  readonly maxDelayMs?: number;
  /** Polls of several tables asked for within this window share one request. @default 5 */
  readonly batchWindowMs?: number;
}

/** What must hold on one table before the migration goes on. */
export interface WaitTarget {
  readonly columnsAvailable?: readonly string[];
  readonly indexesAvailable?: readonly string[];
  readonly columnsGone?: readonly string[];
  readonly indexesGone?: readonly string[];
}

function failure(tableId: string, what: 'Column' | 'Index', key: string, error: string): MigrationError {
  const detail = error === '' ? 'no error text was given' : error;
  return new MigrationError(`${what} ${tableId}.${key} failed in Appwrite: ${detail}`, { table: tableId, field: key });
}

/** One thing the target still waits for: its text for messages, and the column or index key. */
interface Pending {
  readonly text: string;
  readonly key?: string;
}

/** Everything still pending on the table, in target order (empty when the target holds); throws on `failed`. */
function pending(table: LiveTable | null, tableId: string, target: WaitTarget): Pending[] {
  if (table === null) return [{ text: `table ${tableId} to exist` }];
  const columns = new Map(table.columns.map((column) => [column.key, column]));
  const indexes = new Map(table.indexes.map((index) => [index.key, index]));
  const waiting: Pending[] = [];
  for (const key of target.columnsAvailable ?? []) {
    const column = columns.get(key);
    if (column?.status === 'failed') throw failure(tableId, 'Column', key, column.error);
    if (column?.status !== 'available') waiting.push({ text: `column ${tableId}.${key} to become available (status: ${column?.status ?? 'missing'})`, key });
  }
  for (const key of target.indexesAvailable ?? []) {
    const index = indexes.get(key);
    if (index?.status === 'failed') throw failure(tableId, 'Index', key, index.error);
    if (index?.status !== 'available') waiting.push({ text: `index ${tableId}.${key} to become available (status: ${index?.status ?? 'missing'})`, key });
  }
  for (const key of target.columnsGone ?? []) if (columns.has(key)) waiting.push({ text: `column ${tableId}.${key} to be deleted`, key });
  for (const key of target.indexesGone ?? []) if (indexes.has(key)) waiting.push({ text: `index ${tableId}.${key} to be deleted`, key });
  return waiting;
}

/**
 * Polls one table (through the shared, batching reader) until the target holds. The wait between
 * polls doubles up to `maxDelayMs`; past `timeoutMs` it throws a {@link MigrationError} naming the column or
 * index still pending; a `failed` status throws at once with Appwrite's error text. `onWaiting` is called once,
 * with the keys still pending, when a poll finds the target not yet reached (never when it already holds).
 *
 * @example
 * ```ts
 * await waitForTable(read, 'products', { columnsAvailable: ['sku'] }, { timeoutMs: 60_000 }, true);
 * ```
 */
export async function waitForTable(
  read: TableReader,
  tableId: string,
  target: WaitTarget,
  options: PollOptions & { readonly timeoutMs: number; readonly onWaiting?: (keys: readonly string[]) => void },
  justCreated: boolean,
): Promise<void> {
  const started = Date.now();
  let delay = options.initialDelayMs ?? 50;
  if (justCreated) await sleep(delay);
  for (let reported = false; ; reported = true) {
    const all = pending(await read(tableId), tableId, target);
    const [waiting] = all;
    if (waiting === undefined) return;
    if (!reported) options.onWaiting?.(all.map((item) => item.key ?? tableId));
    const elapsed = Date.now() - started;
    if (elapsed >= options.timeoutMs) {
      const context = waiting.key === undefined ? { table: tableId } : { table: tableId, field: waiting.key };
      throw new MigrationError(`Timed out after ${options.timeoutMs} ms waiting for ${waiting.text}`, context);
    }
    delay = Math.min(delay * 2, options.maxDelayMs ?? 2000);
    await sleep(Math.min(delay, options.timeoutMs - elapsed));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
