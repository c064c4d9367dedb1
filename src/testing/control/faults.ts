import { ApiError } from '../http/api-error.js';

/** A fault to inject into matching requests (every given matcher must match). */
export interface FaultSpec {
  /** SDK method name to match, e.g. `getRow`, `listRows`, `createRows`. */
  readonly operation?: string;
  /** HTTP method to match. */
  readonly method?: string;
  readonly tableId?: string;
  /** Answer with this HTTP status and an Appwrite error body instead of handling the request. */
  readonly status?: number;
  /** Error `type` of that answer; defaults by status (`general_server_error` for 5xx...). */
  readonly type?: string;
  readonly message?: string;
  /** How many requests the fault applies to. Default: every matching request until removed. */
  readonly times?: number;
  /** Wait this long before handling the request. */
  readonly delayMs?: number;
  /** Wait this long after handling (the data is read or written) and before answering. */
  readonly responseDelayMs?: number;
  /** Destroy the connection without answering (the client sees a network error). */
  readonly drop?: boolean;
  /** Handle the request (a write is applied), then destroy the connection without answering: a lost answer. */
  readonly dropAnswer?: boolean;
}

/** Returned by `faults.add`. */
export interface FaultHandle {
  remove(): void;
}

/**
 * The fault injection API of an emulator.
 *
 * @example
 * ```ts
 * const fault = emu.faults.add({ operation: 'getRow', status: 503, times: 2 });
 * fault.remove();
 * emu.faults.add({ operation: 'listRows', responseDelayMs: 100 });
 * emu.faults.add({ operation: 'updateTransaction', dropAnswer: true, times: 1 });
 * emu.faults.clear();
 * ```
 */
export interface FaultsView {
  add(spec: FaultSpec): FaultHandle;
  clear(): void;
}

interface ActiveFault {
  readonly spec: FaultSpec;
  remaining: number;
}

const DEFAULT_TYPES: Readonly<Record<number, readonly [string, string]>> = {
  400: ['general_bad_request', 'There was an error processing your request. Please check the inputs and try again.'],
  401: ['user_unauthorized', 'The current user is not authorized to perform the requested action.'],
  404: ['general_route_not_found', 'Route not found.'],
  408: ['database_timeout', 'Database timed out. Try adjusting your queries or adding an index.'],
  409: ['row_already_exists', 'Row with the requested ID already exists.'],
  429: ['general_rate_limit_exceeded', 'Rate limit for the current endpoint has been exceeded. Please try again after some time.'],
  500: ['general_server_error', 'An internal server error occurred.'],
  503: ['general_server_error', 'The server is temporarily unavailable.'],
};

/** The ApiError a status fault answers with. */
export function faultError(spec: FaultSpec & { readonly status: number }): ApiError {
  const [type, message] = DEFAULT_TYPES[spec.status] ?? [spec.status >= 500 ? 'general_server_error' : 'general_bad_request', `Injected fault (${spec.status}).`];
  return new ApiError(spec.type ?? type, spec.message ?? message, spec.status);
}

/**
 * Registered faults. Like msw's `server.use()`, the most recently added matching fault wins.
 */
export class FaultRegistry implements FaultsView {
  #faults: ActiveFault[] = [];

  add(spec: FaultSpec): FaultHandle {
    const fault: ActiveFault = { spec, remaining: spec.times ?? Number.POSITIVE_INFINITY };
    this.#faults.unshift(fault);
    return { remove: () => this.#remove(fault) };
  }

  clear(): void {
    this.#faults = [];
  }

  /** The fault to apply to a request, counting it as used. */
  take(request: { readonly operation: string; readonly method: string; readonly tableId: string | undefined }): FaultSpec | undefined {
    for (const fault of this.#faults) {
      const { spec } = fault;
      if (spec.operation !== undefined && spec.operation !== request.operation) continue;
      if (spec.method !== undefined && spec.method.toUpperCase() !== request.method) continue;
      if (spec.tableId !== undefined && spec.tableId !== request.tableId) continue;
      fault.remaining--;
      if (fault.remaining <= 0) this.#remove(fault);
      return spec;
    }
    return undefined;
  }

  #remove(fault: ActiveFault): void {
    this.#faults = this.#faults.filter((item) => item !== fault);
  }
}
