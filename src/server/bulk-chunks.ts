import { BulkPartialError, type BulkRowFailure, type BulkRowRef } from '../errors/bulk-partial-error.js';
import { OrmError } from '../errors/orm-error.js';

/** Appwrite's limit of rows per bulk request (`APP_LIMIT_DATABASE_BATCH`). */
export const BULK_CHUNK_SIZE = 100;

/** Chunks of one bulk call sent at once. */
const CONCURRENCY = 4;

/** Splits `items` into lists of at most `size`. */
export function chunk<T>(items: readonly T[], size = BULK_CHUNK_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** The rows of one chunk, by input position and id, and what happened to them. */
export interface ChunkResult<R> {
  readonly refs: readonly BulkRowRef[];
  readonly outcome: { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: OrmError };
}

/**
 * Sends every chunk, at most four at a time, and collects each outcome; a failed chunk does not stop the
 * others, since its rows are independent of theirs.
 */
export async function sendChunks<C extends { readonly refs: readonly BulkRowRef[] }, R>(
  chunks: readonly C[],
  send: (chunk: C) => Promise<R>,
): Promise<ChunkResult<R>[]> {
  const results: ChunkResult<R>[] = new Array<ChunkResult<R>>(chunks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const index = next++;
      const current = chunks[index] as C;
      try {
        results[index] = { refs: current.refs, outcome: { ok: true, value: await send(current) } };
      } catch (error) {
        results[index] = { refs: current.refs, outcome: { ok: false, error: asOrmError(error) } };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunks.length) }, worker));
  return results;
}

/** Throws a {@link BulkPartialError} when any row failed; `failed` adds per-row failures found in successful chunks. */
export function throwIfFailed(table: string, operation: string, succeeded: readonly BulkRowRef[], failed: readonly BulkRowFailure[]): void {
  if (failed.length === 0) return;
  const byIndex = (a: BulkRowRef, b: BulkRowRef): number => a.index - b.index;
  throw new BulkPartialError(table, operation, [...succeeded].sort(byIndex), [...failed].sort(byIndex));
}

function asOrmError(error: unknown): OrmError {
  return error instanceof OrmError ? error : new OrmError('E_APPWRITE', error instanceof Error ? error.message : String(error), {}, { cause: error });
}
