/**
 * Throughput of the example's cached `GET /products` against references, side by side in one run: the floor
 * (a bare Express route answering `res.json()` of the same rows, held as a constant), the same constant
 * behind the example's middleware stack (webhook router, `express.json()`, `cacheStatus()`, admin router),
 * and the route with the cache off (every request goes to the embedded Appwrite-compatible server). The app
 * and the emulator run in a child process; autocannon runs here, so the load generator does not share the
 * server's event loop. Each round measures the routes in a rotated order; the table gives medians over rounds.
 *
 * Run: npx tsx bench/express-throughput.ts        (DURATION=5 CONNECTIONS=10 ROUNDS=3 by default)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express from 'express';
import { createApp } from '../examples/express/app.js';
import { listProducts } from '../examples/express/products-routes.js';
import { tables } from '../examples/express/schema.js';
import { seed } from '../examples/express/seed.js';
import { appwriteWebhook, cacheAdmin, cacheStatus } from '../src/express/index.js';
import { ServerORM } from '../src/server/server-orm.js';
import { startAppwriteEmulator } from '../src/testing/index.js';

const DURATION_S = Number(process.env.DURATION ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const WARMUP_S = 1;

/** Child: each app on its own port, as `npm start` serves the example (no app mounted inside another). */
async function serve(): Promise<void> {
  const emulator = await startAppwriteEmulator({ columnDelayMs: 0, indexDelayMs: 0 });
  const connection = { endpoint: emulator.endpoint, projectId: emulator.projectId, apiKey: emulator.apiKey, databaseId: 'shop' };
  const cached = await new ServerORM({ ...connection, autoMigrate: true }).init(tables);
  await seed(cached);
  const uncached = await new ServerORM({ ...connection, cache: false }).init(tables);
  const constant = structuredClone(await listProducts(cached));
  const answerConstant: express.RequestHandler = (_req, res) => {
    res.json(constant);
  };

  const floor = express();
  floor.get('/products', answerConstant);
  // The example's stack in front of the constant: what remains between it and the cached route is the cache read.
  const stacked = express();
  stacked.use('/webhooks/appwrite', appwriteWebhook(cached, { secret: 'bench' }));
  stacked.use(express.json());
  stacked.use(cacheStatus());
  stacked.use('/admin/cache', cacheAdmin(cached, { authorize: () => false }));
  stacked.use('/products', express.Router().get('/', answerConstant));

  const apps = [floor, stacked, createApp(cached, { adminToken: 'bench' }), createApp(uncached, { adminToken: 'bench' })];
  const urls = await Promise.all(apps.map((app) => new Promise<string>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/products`));
  })));
  process.stdout.write(`${JSON.stringify(urls)}\n`);
}

interface Sample {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

async function measure(url: string): Promise<Sample> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  return {
    reqPerSec: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

type Row = Sample & { readonly name: string };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const [floorUrl, stackedUrl, cachedUrl, uncachedUrl] = JSON.parse(line.toString()) as [string, string, string, string];
    await fetch(cachedUrl);
    const [cachedResponse, constantResponse] = await Promise.all([fetch(cachedUrl), fetch(floorUrl)]);
    const [cachedBody, constantBody] = await Promise.all([cachedResponse.text(), constantResponse.text()]);
    if (cachedBody !== constantBody) throw new Error('the constant route does not answer the same JSON as GET /products');
    console.log(`GET /products: X-Cache-Status ${cachedResponse.headers.get('x-cache-status')}, ${cachedBody.length} bytes, same body as the constant route`);
    console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}; ${CONNECTIONS} connections, `
      + `${DURATION_S} s per route per round, ${ROUNDS} rounds (medians), after ${WARMUP_S} s warm-up\n`);

    const routes = [
      { name: 'constant JSON route (floor)', url: floorUrl },
      { name: 'constant behind the example middleware', url: stackedUrl },
      { name: 'GET /products, cached', url: cachedUrl },
      { name: 'GET /products, cache off', url: uncachedUrl },
    ];
    for (const route of routes) await autocannon({ url: route.url, connections: CONNECTIONS, duration: WARMUP_S });
    const samples = routes.map(() => [] as Sample[]);
    for (let round = 0; round < ROUNDS; round += 1) {
      // Rotating the order keeps a slow moment of the machine from always landing on the same route.
      for (let step = 0; step < routes.length; step += 1) {
        const index = (round + step) % routes.length;
        samples[index]?.push(await measure(routes[index]?.url ?? ''));
      }
    }
    const rows = routes.map((route, index) => {
      const list = samples[index] ?? [];
      return {
        name: route.name,
        reqPerSec: median(list.map((sample) => sample.reqPerSec)),
        p50: median(list.map((sample) => sample.p50)),
        p99: median(list.map((sample) => sample.p99)),
        failures: list.reduce((sum, sample) => sum + sample.failures, 0),
      };
    });
    const [floor, stacked, cached, uncached] = rows as [Row, Row, Row, Row];
    console.log('| route | req/s | p50 ms | p99 ms | vs floor | failures |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of rows) {
      const ratio = `${((row.reqPerSec / floor.reqPerSec) * 100).toFixed(0)}%`;
      console.log(`| ${row.name} | ${row.reqPerSec.toFixed(0)} | ${row.p50} | ${row.p99} | ${ratio} | ${row.failures} |`);
    }
    console.log(`\ncached / floor: ${(cached.reqPerSec / floor.reqPerSec).toFixed(2)} (target >= 0.80); `
      + `cached / same middleware: ${(cached.reqPerSec / stacked.reqPerSec).toFixed(2)}; `
      + `cached / cache off: ${(cached.reqPerSec / uncached.reqPerSec).toFixed(1)}x`);
  } finally {
    child.kill('SIGTERM');
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
