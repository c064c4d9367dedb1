import { describe, expect, it } from 'vitest';
import { AppwriteError } from '../../../src/errors/appwrite-error.js';
import { QueryError } from '../../../src/errors/query-error.js';
import { withRetry, type RetryEnvironment } from '../../../src/appwrite/read-retry.js';

function env(random = 1): RetryEnvironment & { waits: number[] } {
  const waits: number[] = [];
  return { waits, random: () => random * 0.999999, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

function failing(errors: Error[]): { calls: () => number; run: () => Promise<string> } {
  let calls = 0;
  return {
    calls: () => calls,
    run: () => {
      const error = errors[calls++];
      return error === undefined ? Promise.resolve('ok') : Promise.reject(error);
    },
  };
}

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 };

describe('withRetry', () => {
  it.each([429, 500, 503, 0])('retries status %i with bounded exponential backoff', async (status) => {
    const e = env();
    const op = failing([new AppwriteError(status, 't', 'm'), new AppwriteError(status, 't', 'm'), new AppwriteError(status, 't', 'm')]);
    await expect(withRetry(op.run, policy, e)).resolves.toBe('ok');
    expect(op.calls()).toBe(4);
    expect(e.waits).toEqual([99, 199, 249]);
  });

  it('applies full jitter', async () => {
    const e = env(0.5);
    const op = failing([new AppwriteError(503, 't', 'm')]);
    await withRetry(op.run, policy, e);
    expect(e.waits).toEqual([49]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const last = new AppwriteError(503, 'general_server_error', 'third');
    const op = failing([new AppwriteError(503, 't', 'a'), new AppwriteError(503, 't', 'b'), last, last]);
    await expect(withRetry(op.run, { ...policy, attempts: 3 }, env())).rejects.toBe(last);
    expect(op.calls()).toBe(3);
  });

  it.each([
    ['a 4xx', new AppwriteError(404, 'row_not_found', 'm')],
    ['a query error', new QueryError('t', 'q', 'bad')],
    ['a programming error', new TypeError('x')],
  ])('does not retry %s', async (_name, error) => {
    const op = failing([error]);
    await expect(withRetry(op.run, policy, env())).rejects.toBe(error);
    expect(op.calls()).toBe(1);
  });
});
