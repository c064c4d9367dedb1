import type { JwtRegistry } from './auth/auth.js';
import type { FaultRegistry } from './control/faults.js';
import type { RequestLog } from './control/request-log.js';
import type { SchemaJobs } from './store/schema-jobs.js';
import type { Store } from './store/store.js';
import type { TransactionRegistry } from './store/transactions/transaction-registry.js';

/** What a row change announces (Appwrite's `databases.<db>.tables.<table>.rows.<row>.<action>` events). */
export interface RowEvent {
  readonly action: 'create' | 'update' | 'upsert' | 'delete';
  readonly databaseId: string;
  readonly tableId: string;
  /** The rows as the API answered them. */
  readonly rows: readonly Record<string, unknown>[];
  /** The user behind the change; empty for API-key calls. */
  readonly userId: string;
}

/** Everything the routes share: configuration, data, the schema worker, identities, logs and faults. */
export interface EmulatorState {
  readonly projectId: string;
  readonly apiKey: string;
  readonly store: Store;
  readonly jobs: SchemaJobs;
  readonly jwts: JwtRegistry;
  readonly log: RequestLog;
  readonly faults: FaultRegistry;
  readonly transactions: TransactionRegistry;
  readonly onRowEvent: (event: RowEvent) => void;
}
