/** One request the emulator received. */
export interface RequestLogEntry {
  /** The node-appwrite TablesDB method name (`getRow`, `createRows`, `createStringColumn`...). Requests that no route matches are answered 404 and not logged. */
  readonly operation: string;
  readonly method: string;
  /** URL path, e.g. `/v1/tablesdb/main/tables/posts/rows/r1`. */
  readonly path: string;
  readonly databaseId?: string;
  readonly tableId?: string;
  readonly rowId?: string;
  /** The `queries` param as sent (JSON strings). */
  readonly queries: readonly string[];
  /** Parsed JSON body; null for GET requests. */
  readonly body: unknown;
  /** HTTP status answered; 0 while the request is still being handled, -1 when the socket was dropped. */
  status: number;
  /** `Date.now()` when the request arrived. */
  readonly startedAt: number;
}

/** Which entries `list`/`count` return; every given field must match. */
export interface RequestFilter {
  readonly operation?: string;
  readonly method?: string;
  readonly databaseId?: string;
  readonly tableId?: string;
  readonly rowId?: string;
}

/**
 * The request log of an emulator.
 *
 * @example
 * ```ts
 * assert.equal(emu.requests.count({ operation: 'listRows', tableId: 'products' }), 1); // node:assert
 * emu.requests.clear();
 * ```
 */
export interface RequestLogView {
  /** Entries in arrival order, optionally filtered. */
  list(filter?: RequestFilter): RequestLogEntry[];
  count(filter?: RequestFilter): number;
  clear(): void;
}

function matches(entry: RequestLogEntry, filter: RequestFilter | undefined): boolean {
  if (filter === undefined) return true;
  return (
    (filter.operation === undefined || entry.operation === filter.operation) &&
    (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
    (filter.databaseId === undefined || entry.databaseId === filter.databaseId) &&
    (filter.tableId === undefined || entry.tableId === filter.tableId) &&
    (filter.rowId === undefined || entry.rowId === filter.rowId)
  );
}

/** A bounded log (a ring of the most recent `limit` entries) so long benchmarks do not grow memory. */
export class RequestLog implements RequestLogView {
  #entries: RequestLogEntry[] = [];
  #start = 0;
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  record(entry: RequestLogEntry): void {
    if (this.#limit <= 0) return;
    if (this.#entries.length < this.#limit) {
      this.#entries.push(entry);
      return;
    }
    this.#entries[this.#start] = entry;
    this.#start = (this.#start + 1) % this.#limit;
  }

  list(filter?: RequestFilter): RequestLogEntry[] {
    const ordered = this.#start === 0 ? this.#entries : [...this.#entries.slice(this.#start), ...this.#entries.slice(0, this.#start)];
    return ordered.filter((entry) => matches(entry, filter));
  }

  count(filter?: RequestFilter): number {
    if (filter === undefined) return this.#entries.length;
    let total = 0;
    for (const entry of this.#entries) if (matches(entry, filter)) total++;
    return total;
  }

  clear(): void {
    this.#entries = [];
    this.#start = 0;
  }
}
