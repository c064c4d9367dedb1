import { randomBytes } from 'node:crypto';
import type { Client } from 'node-appwrite';
import { describe, it } from 'vitest';

/**
 * Which server the integration tests talk to. `npm test` uses the local server (the emulator);
 * `npm run test:appwrite` sets `APPWRITE_ORM_TEST_TARGET=appwrite` and the tests that support it run against
 * the real Appwrite named by `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT_ID` and `APPWRITE_API_KEY`, each file in a
 * database of its own that it deletes afterwards. Tests that need the local server's controls (faults,
 * the request log of other clients, JWTs minted by the server, the clock) are skipped there and say so.
 */
export interface RealAppwrite {
  readonly endpoint: string;
  readonly projectId: string;
  readonly apiKey: string;
}

function readTarget(): RealAppwrite | undefined {
  if (process.env.APPWRITE_ORM_TEST_TARGET !== 'appwrite') return undefined;
  const { APPWRITE_ENDPOINT: endpoint, APPWRITE_PROJECT_ID: projectId, APPWRITE_API_KEY: apiKey } = process.env;
  if (!endpoint || !projectId || !apiKey) {
    throw new Error('npm run test:appwrite needs APPWRITE_ENDPOINT, APPWRITE_PROJECT_ID and APPWRITE_API_KEY (an API key with the databases, tables, columns, indexes and rows scopes)');
  }
  return { endpoint: endpoint.replace(/\/+$/, ''), projectId, apiKey };
}

/** The real Appwrite under test, or `undefined` on the local server. */
export const REAL_APPWRITE: RealAppwrite | undefined = readTarget();

const SKIP_NOTE = '(skipped on a real Appwrite: needs the local server\'s controls)';

/**
 * `it`, skipped against a real Appwrite with a note in its name: for tests that inject faults, mint JWTs or
 * otherwise steer the local server.
 *
 * @example
 * ```ts
 * itLocal('retries reads on 503', async () => { fx.emu.faults.add({ operation: 'getRow', status: 503, times: 1 }); ... });
 * ```
 */
export function itLocal(name: string, test: () => Promise<void> | void, timeout?: number): void {
  if (REAL_APPWRITE === undefined) it(name, test, timeout);
  else it.skip(`${name} ${SKIP_NOTE}`, test);
}

/** `describe`, skipped against a real Appwrite with a note in its name. */
export function describeLocal(name: string, body: () => void): void {
  if (REAL_APPWRITE === undefined) describe(name, body);
  else describe.skip(`${name} ${SKIP_NOTE}`, body);
}

/** A fresh database id for one test file on a real Appwrite (a valid Appwrite id, unlikely to clash). */
export function freshDatabaseId(): string {
  return `ormtest${randomBytes(8).toString('hex')}`;
}

/** One request a client sent, named like the local server's request log (`listRows`, `createRows`...). */
export interface SentRequest {
  readonly operation: string;
  readonly method: string;
  readonly tableId?: string;
  readonly queries: readonly string[];
}

/** Which requests to count or list: every given field must match. */
export interface SentRequestFilter {
  readonly operation?: string;
  readonly tableId?: string;
}

/**
 * The requests one client sends, recorded on the client side: the local server's request log is not
 * available on a real Appwrite, and counting requests is how the cache tests prove a hit.
 */
export class ClientRequestLog {
  readonly #entries: SentRequest[] = [];

  /** Records every request `client` sends from now on. */
  attach(client: Client): void {
    const call = client.call.bind(client);
    const entries = this.#entries;
    client.call = (method, url, headers, params, responseType) => {
      entries.push(describeRequest(method.toUpperCase(), url.pathname, params ?? {}));
      return call(method, url, headers, params, responseType) as Promise<unknown>;
    };
  }

  count(filter: SentRequestFilter = {}): number {
    return this.list(filter).length;
  }

  list(filter: SentRequestFilter = {}): SentRequest[] {
    return this.#entries.filter((entry) => (filter.operation === undefined || entry.operation === filter.operation) &&
      (filter.tableId === undefined || entry.tableId === filter.tableId));
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

const ROW_OPERATIONS: Readonly<Record<string, readonly [string, string]>> = {
  GET: ['listRows', 'getRow'],
  PUT: ['upsertRows', 'upsertRow'],
  PATCH: ['updateRows', 'updateRow'],
  DELETE: ['deleteRows', 'deleteRow'],
};

function describeRequest(method: string, path: string, params: Readonly<Record<string, unknown>>): SentRequest {
  const match = /\/tablesdb\/[^/]+\/tables\/([^/]+)(?:\/rows(?:\/([^/]+)(?:\/[^/]+\/(increment|decrement))?)?)?$/.exec(path);
  const queries = Array.isArray(params.queries) ? params.queries.map(String) : [];
  if (match === null) return { operation: `${method} ${path}`, method, queries };
  const [, tableId, rowId, step] = match;
  const base = { method, queries, ...(tableId === undefined ? {} : { tableId: decodeURIComponent(tableId) }) };
  if (!path.includes('/rows')) return { operation: `${method} table`, ...base };
  if (step !== undefined) return { operation: `${step}RowColumn`, ...base };
  if (method === 'POST') return { operation: 'rows' in params ? 'createRows' : 'createRow', ...base };
  const [list, single] = ROW_OPERATIONS[method] ?? [method, method];
  return { operation: rowId === undefined ? list : single, ...base };
}
