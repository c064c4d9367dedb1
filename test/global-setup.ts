import { spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { createPackDir } from './e2e/support/pack-dir.js';

const REDIS_PORT = 6379;

function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: REDIS_PORT });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * Makes sure the Redis that the integration tests share answers on 127.0.0.1:6379, starting a
 * non-persistent one when it is down, so that `npm test` needs nothing running beforehand; creates the
 * folder the end-to-end tests share one packed package through, and removes it when the run ends.
 */
export default async function setup(): Promise<() => Promise<void>> {
  await ensureRedis();
  return createPackDir();
}

async function ensureRedis(): Promise<void> {
  if (await redisAnswers()) return;
  const started = spawnSync('redis-server', ['--daemonize', 'yes', '--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', ''], { stdio: 'inherit' });
  if (started.error) throw new Error(`Redis is not answering on 127.0.0.1:${REDIS_PORT} and redis-server could not be started: ${started.error.message}`);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await redisAnswers()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis-server was started but does not answer on 127.0.0.1:${REDIS_PORT}`);
}
