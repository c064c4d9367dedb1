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

/** The first thing still pending on the table, or `undefined` when the target holds; throws on `failed`. */
function pending(table: LiveTable | null, tableId: string, target: WaitTarget): { text: string; key?: string } | undefined {
  if (table === null) return { text: `table ${tableId} to exist` };
  const columns = new Map(table.columns.map((column) => [column.key, column]));
  const indexes = new Map(table.indexes.map((index) => [index.key, index]));
  for (const key of target.columnsAvailable ?? []) {
    const column = columns.get(key);
    if (column?.status === 'failed') throw failure(tableId, 'Column', key, column.error);
    if (column?.status !== 'available') return { text: `column ${tableId}.${key} to become available (status: ${column?.status ?? 'missing'})`, key };
  }
  for (const key of target.indexesAvailable ?? []) {
    const index = indexes.get(key);
    if (index?.status === 'failed') throw failure(tableId, 'Index', key, index.error);
    if (index?.status !== 'available') return { text: `index ${tableId}.${key} to become available (status: ${index?.status ?? 'missing'})`, key };
  }
  const column = target.columnsGone?.find((key) => columns.has(key));
  if (column !== undefined) return { text: `column ${tableId}.${column} to be deleted`, key: column };
  const index = target.indexesGone?.find((key) => indexes.has(key));
  if (index !== undefined) return { text: `index ${tableId}.${index} to be deleted`, key: index };
  return undefined;
}

/**
 * Polls one table (through the shared, batching reader) until the target holds. The wait between
 * polls doubles up to `maxDelayMs`; past `timeoutMs` it throws a {@link MigrationError} naming the column or
 * index still pending; a `failed` status throws at once with Appwrite's error text.
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
  options: PollOptions & { readonly timeoutMs: number },
  justCreated: boolean,
): Promise<void> {
  const started = Date.now();
  let delay = options.initialDelayMs ?? 50;
  if (justCreated) await sleep(delay);
  for (;;) {
    const waiting = pending(await read(tableId), tableId, target);
    if (waiting === undefined) return;
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
