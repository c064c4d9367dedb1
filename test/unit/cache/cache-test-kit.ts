import { QueryCache, type CacheReadRequest, type QueryCacheOptions } from '../../../src/cache/query-cache.js';

/** A promise with its resolve and reject exposed, to drive races step by step. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public time = 0) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Lets every pending promise callback run (bounded: promise chains in these tests are a few steps deep). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

export function makeCache(options: Partial<QueryCacheOptions> = {}): { cache: QueryCache; clock: FakeClock } {
  const clock = new FakeClock();
  const cache = new QueryCache({ ttl: 60_000, maxEntries: 1_000, maxBytes: 1_000_000, enabled: true, clock, ...options });
  return { cache, clock };
}

export function request(table = 'products', queries: readonly string[] = [], extra: Partial<CacheReadRequest> = {}): CacheReadRequest {
  return { scope: 'key', table, operation: 'list', queries, ...extra };
}

/** A loader that counts its calls and returns `value` (a fresh copy each time). */
export function counting<T>(value: T): { load: () => Promise<T>; calls: () => number } {
  let calls = 0;
  return {
    load: () => {
      calls++;
      return Promise.resolve(structuredClone(value));
    },
    calls: () => calls,
  };
}
