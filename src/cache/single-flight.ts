import type { CacheTier } from './request-context.js';

/**
 * One load in progress, shared by every identical read that arrives while it runs in the same generation.
 *
 * @example
 * ```ts
 * const value = await (flights.join(key, generation)?.promise ?? load());
 * ```
 */
export interface Flight {
  /** Table generation the load started under. */
  readonly generation: number;
  /** Settles with the load; set right after the flight is registered. */
  promise: Promise<unknown>;
  /**
   * Set before `promise` resolves when the value did not come from Appwrite: a hit of the shared tier, or an
   * expired entry standing in for a failed load. Every reader of the flight reports it.
   */
  answer?: { readonly outcome: 'hit' | 'stale'; readonly tier: CacheTier };
}

/**
 * In-flight loads keyed by cache key and table generation.
 *
 * Only the newest flight of a key is kept: generations only grow, so a flight from an older generation can
 * never be joined again and needs no slot. It keeps running for the readers that already hold it.
 *
 * @example
 * ```ts
 * const flights = new SingleFlight();
 * const flight = flights.start('key|products|get|', 3);
 * flight.promise = load();
 * flights.join('key|products|get|', 3) === flight; // true
 * flights.join('key|products|get|', 4);             // undefined: started before the bump
 * flights.release('key|products|get|', flight);
 * ```
 */
export class SingleFlight {
  readonly #flights = new Map<string, Flight>();

  /** The flight for `key` started under `generation`, if one is running. */
  join(key: string, generation: number): Flight | undefined {
    const flight = this.#flights.get(key);
    // A caller that arrives after a bump must not take a result that may predate the change behind the bump.
    return flight !== undefined && flight.generation === generation ? flight : undefined;
  }

  /**
   * Registers a new flight for `key` before its load is called, replacing any older-generation flight.
   * Assign `promise` right after.
   */
  start(key: string, generation: number): Flight {
    const flight: Flight = { generation, promise: Promise.resolve() };
    this.#flights.set(key, flight);
    return flight;
  }

  /** Removes `flight` if it is still the registered one for `key`, so that the next caller loads anew. */
  release(key: string, flight: Flight): void {
    if (this.#flights.get(key) === flight) this.#flights.delete(key);
  }

  /** Number of flights registered. */
  get size(): number {
    return this.#flights.size;
  }
}
