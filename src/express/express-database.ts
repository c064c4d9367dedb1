import type { InvalidationOrigin } from '../cache/cache-events.js';

/**
 * What the Express helpers need from a database. The `Database` that `ServerORM.init()` returns has it;
 * the interface keeps the helpers usable with any view of it (`db.as({ jwt })` shares the same cache).
 */
export interface ExpressDatabase {
  /** The Appwrite database id: webhook events for other databases are ignored. */
  readonly databaseId: string;
  /** The Appwrite ids of the declared tables. */
  tableIds(): readonly string[];
  stats(): unknown;
  /** The shared cache tier's counters and Redis memory, when `cache.l2` is on. */
  l2Report?(): Promise<unknown>;
  invalidateAll(): void;
  /** Tables a change to `tableId` changes through relationships (the table first). */
  affectedTables?(tableId: string, action: 'write' | 'delete'): readonly string[];
  /** Drops the table's cached entries and announces it, tagged with `origin`. */
  invalidate(table: string, origin?: InvalidationOrigin): void;
}
