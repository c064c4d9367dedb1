/**
 * `npm run bench`: every benchmark in bench/ (each top-level `*.ts` but this one), one after the other, each
 * in its own child process so that one's heap, JIT state and open handles cannot colour the next. Their
 * output is passed through as it comes; a summary of what ran, what was skipped and how long each took ends
 * the run. A benchmark that needs Redis is skipped, with a message, when Redis does not answer.
 *
 * Run: npm run bench                 (all)
 *      npm run bench -- orm heap     (only the files whose name contains one of the words)
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable } from './lib/stats.js';

/** Fixed order first (the ORM's own figures lead); files not listed follow in alphabetical order. */
const ORDER = ['orm-cache.ts', 'heap.ts', 'cache-hit.ts', 'migration.ts', 'bridge-latency.ts', 'express-throughput.ts', 'local-server.ts'];
const NODE_FLAGS: Readonly<Record<string, readonly string[]>> = { 'heap.ts': ['--expose-gc'] };
const NEEDS_REDIS = new Set(['bridge-latency.ts', 'l2-hit.ts']);
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const here = dirname(fileURLToPath(import.meta.url));

function benches(filters: readonly string[]): string[] {
  const rank = (file: string): number => (ORDER.includes(file) ? ORDER.indexOf(file) : ORDER.length);
  return readdirSync(here)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'run.ts')
    .filter((file) => filters.length === 0 || filters.some((word) => file.includes(word)))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** True when something at REDIS answers PING within a second. */
function redisAnswers(): Promise<boolean> {
  const url = new URL(REDIS);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (up: boolean): void => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function runChild(file: string): Promise<number> {
  const args = [...(NODE_FLAGS[file] ?? []), '--import', 'tsx', join(here, file)];
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
    child.once('error', () => resolve(1));
  });
}

const files = benches(process.argv.slice(2));
const [load1, load5] = os.loadavg();
console.log(`# npm run bench: ${new Date().toISOString()}`);
console.log(`${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, `
  + `load average ${load1?.toFixed(2)} / ${load5?.toFixed(2)} (1 / 5 min)`);
console.log(`benchmarks: ${files.join(', ')}`);

const summary: string[][] = [];
let failed = 0;
for (const file of files) {
  console.log(`\n---\n# bench/${file}\n`);
  if (NEEDS_REDIS.has(file) && !(await redisAnswers())) {
    console.log(`skipped: needs Redis, and nothing answers PING at ${REDIS} (set REDIS_URL or start redis-server)`);
    summary.push([file, 'skipped (no Redis)', '']);
    continue;
  }
  const started = performance.now();
  const code = await runChild(file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code !== 0) failed++;
  summary.push([file, code === 0 ? 'ok' : `failed (exit ${code})`, `${seconds} s`]);
}
console.log('\n---\n# summary\n');
console.log(markdownTable(['benchmark', 'status', 'time'], summary));
process.exitCode = failed === 0 ? 0 : 1;
