import { AppwriteError } from '../errors/appwrite-error.js';

/**
 * How failed reads are retried (429, 5xx, no answer): the resolved `retry` of the server configuration, every
 * setting given (the configuration's `retry` is a `Partial` of it; `DEFAULTS.retry` fills in the rest).
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { attempts: 5, baseDelayMs: 50, maxDelayMs: 1_000 };
 * ```
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. @default `DEFAULTS.retry.attempts` (3) */
  readonly attempts: number;
  /** Delay ceiling before the second attempt in ms; doubles for each further attempt. @default `DEFAULTS.retry.baseDelayMs` (100) */
  readonly baseDelayMs: number;
  /** Upper bound of any single delay in ms. @default `DEFAULTS.retry.maxDelayMs` (2_000) */
  readonly maxDelayMs: number;
}

/** Randomness and waiting, replaceable in tests. */
export interface RetryEnvironment {
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const REAL: RetryEnvironment = {
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs `attempt` until it succeeds, fails with an error that is not worth retrying, or runs out of attempts.
 * Retried: {@link AppwriteError}s with status 429, 5xx or 0 (no answer). Waits are exponential with full
 * jitter (a random delay between 0 and min(maxDelayMs, baseDelayMs * 2^n)), so that many clients failing
 * together do not retry together. Use it for idempotent requests only: reads, and writes that name their row.
 *
 * @example
 * ```ts
 * const rows = await withRetry(() => adapter.listRows('products', []), DEFAULTS.retry);
 * ```
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy, env: RetryEnvironment = REAL): Promise<T> {
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= attempts || !(error instanceof AppwriteError) || !error.retryable) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      await env.sleep(Math.floor(env.random() * ceiling));
    }
  }
}
