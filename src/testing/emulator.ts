import { JwtRegistry, type JwtOptions } from './auth/auth.js';
import type { EmulatorState, RowEvent } from './emulator-state.js';
import { advanceClock } from './control/clock.js';
import { FaultRegistry, type FaultsView } from './control/faults.js';
import { Dispatcher } from './http/dispatch.js';
import { attachRouting } from './http/emulator-routing.js';
import { startEmulatorServer } from './http/server.js';
import { loadStore, StoreSaver } from './store/persistence.js';
import { RequestLog, type RequestLogView } from './control/request-log.js';
import { emulatorRoutes } from './http/routes/handlers.js';
import { SchemaJobs } from './store/schema-jobs.js';
import { Store } from './store/store.js';
import { TransactionRegistry } from './store/transactions/transaction-registry.js';
import { WebhookDispatcher, type WebhooksView } from './control/webhooks.js';

/**
 * Options of `startAppwriteEmulator`.
 *
 * @example
 * ```ts
 * const emu = await startAppwriteEmulator({ columnDelayMs: 10, persistPath: '.appwrite-emulator.json' });
 * ```
 */
export interface AppwriteEmulatorOptions {
  /** Time a created column stays `processing` before it is `available`. @default 25 */
  readonly columnDelayMs?: number;
  /** Time a created index stays `processing`. @default columnDelayMs */
  readonly indexDelayMs?: number;
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** The only project ID accepted in `X-Appwrite-Project`. @default 'emulator' */
  readonly projectId?: string;
  /** The only API key accepted in `X-Appwrite-Key`. @default 'emulator-api-key' */
  readonly apiKey?: string;
  /** JSON file to load the state from at start (if it exists) and save it to after changes and on close. */
  readonly persistPath?: string;
  /** Most recent requests kept in `requests`; 0 disables the log. @default 10000 */
  readonly requestLogLimit?: number;
}

/**
 * A running Appwrite-compatible server.
 *
 * @example
 * ```ts
 * const client = new Client().setEndpoint(emu.endpoint).setProject(emu.projectId).setKey(emu.apiKey);
 * ```
 */
export interface AppwriteEmulator {
  /** `http://127.0.0.1:PORT/v1`, for `client.setEndpoint()`. */
  readonly endpoint: string;
  readonly projectId: string;
  readonly apiKey: string;
  /** Requests received, each with the SDK method name as `operation`. */
  readonly requests: RequestLogView;
  /** Injected errors, delays and dropped connections. */
  readonly faults: FaultsView;
  /** Webhooks called on row changes, as Appwrite calls them. */
  readonly webhooks: WebhooksView;
  /** Changes how long new columns and indexes stay `processing`. */
  setColumnDelay(ms: number): void;
  /** Makes the next column created with `create<Type>Column` with this key in this table end `failed` with `error`. */
  failNextColumn(tableId: string, key: string, error: string): void;
  /**
   * Moves the clock of the local servers in this process forward by `ms` (timestamps, expiries), in place of
   * a real wait: `emu.advanceClock(61_000)`.
   */
  advanceClock(ms: number): void;
  /** A token accepted in `X-Appwrite-JWT` (e.g. `client.setJWT()`), acting as that user. */
  createJwt(userId: string, options?: JwtOptions): string;
  /** Drops all databases, requests, faults, webhooks and pending column jobs; restores the column delay. */
  reset(): void;
  /** Stops the server (saving the state first when `persistPath` is set). */
  close(): Promise<void>;
}

/**
 * Starts an Appwrite-compatible TablesDB server on loopback that the real node-appwrite SDK can talk to.
 *
 * @example
 * ```ts
 * import { Client, TablesDB } from 'node-appwrite';
 * import { startAppwriteEmulator } from 'appwrite-orm/testing';
 *
 * const emu = await startAppwriteEmulator();
 * const client = new Client().setEndpoint(emu.endpoint).setProject(emu.projectId).setKey(emu.apiKey);
 * const tables = new TablesDB(client);
 * await tables.create({ databaseId: 'main', name: 'Main' });
 * await emu.close();
 * ```
 */
export async function startAppwriteEmulator(options: AppwriteEmulatorOptions = {}): Promise<AppwriteEmulator> {
  const columnDelayMs = options.columnDelayMs ?? 25;
  const store = new Store();
  const jobs = new SchemaJobs(store, columnDelayMs, options.indexDelayMs);
  const webhooks = new WebhookDispatcher();
  const state: EmulatorState = {
    projectId: options.projectId ?? 'emulator',
    apiKey: options.apiKey ?? 'emulator-api-key',
    store,
    jobs,
    jwts: new JwtRegistry(),
    log: new RequestLog(options.requestLogLimit ?? 10_000),
    faults: new FaultRegistry(),
    transactions: new TransactionRegistry(),
    onRowEvent: (event: RowEvent) => webhooks.dispatch(event, state.projectId),
  };
  let saver: StoreSaver | undefined;
  if (options.persistPath !== undefined) {
    await loadStore(store, options.persistPath);
    const active = new StoreSaver(store, options.persistPath);
    store.onChange(() => active.schedule());
    saver = active;
  }
  const routes = emulatorRoutes();
  const dispatcher = new Dispatcher(state, routes);
  const server = await startEmulatorServer(dispatcher, { host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const emulator: AppwriteEmulator = {
    endpoint: `${server.origin}/v1`,
    projectId: state.projectId,
    apiKey: state.apiKey,
    requests: state.log,
    faults: state.faults,
    webhooks,
    setColumnDelay: (ms) => jobs.setColumnDelay(ms),
    failNextColumn: (tableId, key, error) => jobs.failNextColumn(tableId, key, error),
    advanceClock,
    createJwt: (userId, jwtOptions) => state.jwts.issue(userId, jwtOptions),
    reset: () => {
      jobs.clear();
      jobs.setColumnDelay(columnDelayMs);
      store.clear();
      state.transactions.clear();
      state.log.clear();
      state.faults.clear();
      webhooks.clear();
    },
    close: async () => {
      jobs.clear();
      await server.close();
      await webhooks.idle();
      if (saver !== undefined) await saver.flush();
    },
  };
  // For `mswHandlers(emu)` of appwrite-orm/testing/msw.
  return attachRouting(emulator, { dispatcher, routes });
}
