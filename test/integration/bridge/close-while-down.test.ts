import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPrivateRedis, type PrivateRedis } from '../../helpers/redis-server.js';

const SCRIPT = fileURLToPath(new URL('../../helpers/close-instance.ts', import.meta.url));
let redis: PrivateRedis;

beforeAll(async () => {
  redis = await startPrivateRedis();
});
afterAll(() => redis.stop());

interface Run {
  readonly readyState: string;
  /** Milliseconds from the child reporting `db.close()` done to the process exiting. */
  readonly exitAfterClose: number;
  readonly code: number | null;
}

/**
 * Starts a child with the bridge on `url`, runs `whileOpen` once it is ready (and has warned, when
 * `waitForWarning`), then asks it to close and ends its input: nothing else should keep it alive.
 */
function closeRun(url: string, options: { whileOpen?: () => Promise<void>; waitForWarning: boolean }): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { env: { ...process.env, REDIS_URL: url }, stdio: ['pipe', 'pipe', 'pipe'] });
  let readyState = '';
  let closedAt = 0;
  const close = (): void => {
    child.stdin.write('close\n');
    child.stdin.end();
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { event: string; state?: string };
    if (message.event === 'ready') {
      readyState = message.state ?? '';
      void (options.whileOpen ?? (() => Promise.resolve()))().then(() => {
        if (!options.waitForWarning) close();
      });
    }
    if (message.event === 'warn' && options.waitForWarning && readyState !== '') close();
    if (message.event === 'closed') closedAt = performance.now();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => child.once('exit', (code) => {
    clearTimeout(killer);
    resolve({ readyState, exitAfterClose: closedAt === 0 ? Number.POSITIVE_INFINITY : performance.now() - closedAt, code });
  }));
}

describe('db.close() ends every timer of the Redis bridge (a process exits promptly, figures in the test names)', () => {
  it('closing while Redis is down after having been connected (reconnecting)', async () => {
    const run = await closeRun(redis.url, { whileOpen: () => redis.kill(), waitForWarning: true });
    await redis.restart();
    expect(run).toMatchObject({ readyState: 'connected', code: 0 });
    expect(run.exitAfterClose).toBeLessThan(1_000);
  });

  it('closing while Redis was never reachable (connecting)', async () => {
    const run = await closeRun(`redis://127.0.0.1:${await freePort()}`, { waitForWarning: false });
    expect(run).toMatchObject({ readyState: 'connecting', code: 0 });
    expect(run.exitAfterClose).toBeLessThan(1_000);
  });

  it('closing while connected', async () => {
    const run = await closeRun(redis.url, { waitForWarning: false });
    expect(run).toMatchObject({ readyState: 'connected', code: 0 });
    expect(run.exitAfterClose).toBeLessThan(1_000);
  });
});
