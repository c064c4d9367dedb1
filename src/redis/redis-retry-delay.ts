/**
 * Reconnection delay of every connection the ORM opens to Redis: 50 ms doubling up to 2 s, so a restarted
 * Redis is found again quickly while a long outage costs one attempt every two seconds.
 *
 * @example
 * ```ts
 * new Redis(url, { retryStrategy: redisRetryDelay });
 * ```
 */
export function redisRetryDelay(attempt: number): number {
  return Math.min(50 * 2 ** Math.min(attempt, 6), 2_000);
}
