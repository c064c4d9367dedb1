/**
 * Cost of a cache hit: QueryCache.read (key, LRU get, stats, request context) against a raw Map.get and the
 * floor, an async function that builds the same key and does one lru-cache get. All measured side by side in
 * one process: warm-up rounds, then rounds in rotating order, median ns per operation over the rounds.
 *
 * Run: npx tsx bench/cache-hit.ts
 */
import { LRUCache } from 'lru-cache';
import os from 'node:os';
import { QueryCache } from '../src/cache/query-cache.js';
import { runInCacheContext } from '../src/cache/request-context.js';

const ITERATIONS = 200_000;
const WARMUP_ROUNDS = 5;
const ROUNDS = 21;

const request = {
  scope: 'key',
  table: 'products',
  operation: 'list',
  queries: ['{"method":"equal","attribute":"category","values":["office"]}', '{"method":"limit","values":[25]}'],
} as const;
const value = Object.freeze({ total: 1, rows: Object.freeze([Object.freeze({ $id: 'p1', name: 'Pen', price: 2 })]) });
const key = request.scope + '|' + request.table + '|' + request.operation + '|' + request.queries.join('|');

const cache = new QueryCache({ ttl: 300_000, maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, enabled: true });
const floorLru = new LRUCache<string, { value: unknown }>({ max: 10_000, maxSize: 64 * 1024 * 1024 });
floorLru.set(key, { value }, { ttl: 300_000, size: 100 });
const map = new Map<string, unknown>([[key, value]]);
const load = () => Promise.resolve(value);

// eslint-disable-next-line @typescript-eslint/require-await -- the floor is, by definition, an async function
async function floor(req: typeof request): Promise<unknown> {
  return floorLru.get(req.scope + '|' + req.table + '|' + req.operation + '|' + req.queries.join('|'))?.value;
}

let sink = 0;
type Variant = { readonly name: string; run(): Promise<number> };

function timed(loop: () => Promise<void> | void): () => Promise<number> {
  return async () => {
    const start = process.hrtime.bigint();
    await loop();
    return Number(process.hrtime.bigint() - start) / ITERATIONS;
  };
}

const variants: Variant[] = [
  {
    name: 'Map.get (sync, prebuilt key)',
    run: timed(() => {
      for (let i = 0; i < ITERATIONS; i++) if (map.get(key) !== undefined) sink++;
    }),
  },
  {
    name: 'floor: async key build + lru-cache get',
    run: timed(async () => {
      for (let i = 0; i < ITERATIONS; i++) if ((await floor(request)) !== undefined) sink++;
    }),
  },
  {
    name: 'QueryCache.read hit',
    run: timed(async () => {
      for (let i = 0; i < ITERATIONS; i++) if ((await cache.read(request, load)) !== undefined) sink++;
    }),
  },
  {
    name: 'QueryCache.read hit in a request context',
    run: timed(() =>
      runInCacheContext(async () => {
        for (let i = 0; i < ITERATIONS; i++) if ((await cache.read(request, load)) !== undefined) sink++;
      }),
    ),
  },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main(): Promise<void> {
  await cache.read(request, load);
  const samples = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (let offset = 0; offset < variants.length; offset++) {
      const variant = variants[(round + offset) % variants.length];
      if (variant === undefined) continue;
      const ns = await variant.run();
      if (round >= WARMUP_ROUNDS) samples.get(variant.name)?.push(ns);
    }
  }
  const floorNs = median(samples.get('floor: async key build + lru-cache get') ?? []);
  console.log(`cache hit, median ns/op over ${ROUNDS} rounds of ${ITERATIONS} (after ${WARMUP_ROUNDS} warm-up rounds)`);
  console.log(`${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`);
  console.log('| variant | ns/op | vs floor |');
  console.log('|---|---:|---:|');
  for (const [name, values] of samples) {
    const ns = median(values);
    console.log(`| ${name} | ${ns.toFixed(1)} | ${(ns / floorNs).toFixed(2)}x |`);
  }
  const { hits, misses } = cache.stats().total;
  console.log(`(QueryCache stats: ${hits} hits, ${misses} miss; checksum ${sink})`);
}

await main();
