/**
 * Shared cache tier (L2, Redis): the cost of a hit, side by side in one run, against the floor a client of
 * Redis cannot go below, a raw ioredis `GET` of the very bytes the tier stored plus their decoding, and
 * against BentoCache's Redis tier (no memory tier in front), on the same Redis and the same value (a page
 * of 25 Appwrite rows). Rows:
 *
 * - raw: `redis.getBuffer(key)` and `JSON.parse` of the bytes after the header (format byte, expiry), on a plain connection.
 * - L2Store: `generations('products')` (known: no round trip) then `get(...)`: one `GET` and the decode.
 * - query cache, L1 miss served from L2: `cache.read` with a TTL of 0, so that the process's memory never
 *   keeps the value and every read goes to Redis (key, single-flight, tier, deep freeze).
 * - BentoCache `getOrSet` on a Redis-only store.
 * - cold instance: a new QueryCache with its own newly opened store answers its first read (its first
 *   `GET` of the table's generation, then the entry's); the connection is opened before the clock starts.
 *
 * - memory: Redis' `used_memory` grows per entry by the stored bytes plus the key and Redis' own overhead.
 *
 * One request in flight at a time (awaited call after call); Redis: REDIS_URL or redis://127.0.0.1:6379.
 * Run: npx tsx bench/l2-hit.ts
 */
import { randomUUID } from 'node:crypto';
import { BentoCache, bentostore } from 'bentocache';
import { redisDriver } from 'bentocache/drivers/redis';
import { Redis } from 'ioredis';
import { QueryCache, type CacheReadRequest } from '../src/cache/query-cache.js';
import { L2Keys } from '../src/cache/l2/l2-keys.js';
import { openL2Store } from '../src/cache/l2/l2-store.js';
import { awaitedLoop, calibrate, formatNs, formatRatio, markdownTable, median, shuffledRounds, type Contender } from './lib/stats.js';

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SAMPLE_MS = 30;
const WARMUP_ROUNDS = 3;
const ROUNDS = 21;
const COLD_INSTANCES = 200;
const MEMORY_ENTRIES = 1_000;
const RAW = 'raw ioredis getBuffer + JSON.parse of the same bytes';
/** The tier's header before the JSON: a format byte and the expiry time. */
const HEADER = 9;
const OURS = 'ours: L2Store generations() + get()';

const rows = Array.from({ length: 25 }, (_, i) => ({
  $id: `row${String(i).padStart(6, '0')}`, $sequence: i + 1, $tableId: 'products', $databaseId: 'bench',
  $createdAt: '2026-01-02T03:04:05.678+00:00', $updatedAt: '2026-01-02T03:04:05.678+00:00', $permissions: ['read("any")'],
  name: `Product number ${i}`, price: 19.99 + i, stock: 100 - i, active: i % 2 === 0, tags: ['a', 'b', 'c'],
  description: 'Lorem ipsum dolor sit amet '.repeat(3),
}));
const value = { total: 1_000, rows };
const request: CacheReadRequest = { scope: 'key', table: 'products', operation: 'list', queries: Object.freeze(['{"method":"limit","values":[25]}']) };
const unreachable = (): Promise<never> => Promise.reject(new Error('the bench must never load'));

const databaseId = `bench-${randomUUID().slice(0, 8)}`;
const store = await openL2Store(REDIS, { databaseId, timeout: 5_000 });
const seen = await store.generations('products');
if (seen === undefined) throw new Error(`Redis at ${REDIS} does not answer`);
const key = 'key|products|list|{"method":"limit","values":[25]}';
await store.set(seen, key, value, 600_000);
const entryKey = new L2Keys('awo:', databaseId).entry('products', seen, key);
const raw = new Redis(REDIS);
const bytes = await raw.getBuffer(entryKey);
if (bytes === null) throw new Error('the entry was not written');

const cache = new QueryCache({ ttl: 300_000, maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, enabled: true });
cache.useSharedTier(store, ['products']);
const missRequest: CacheReadRequest = { ...request, ttl: 0 };

const bento = new BentoCache({ default: 'redis', stores: { redis: bentostore().useL2Layer(redisDriver({ connection: raw.duplicate() })) } });
const bentoKey = `${databaseId}:${key}`;
await bento.getOrSet({ key: bentoKey, factory: () => value, ttl: '10m' });

const ops: readonly { readonly name: string; readonly op: () => Promise<unknown> }[] = [
  { name: RAW, op: async () => JSON.parse((await raw.getBuffer(entryKey))!.toString('utf8', HEADER)) as unknown },
  { name: OURS, op: async () => (await store.get((await store.generations('products'))!, key))?.value },
  { name: 'ours: QueryCache read, L1 miss served from L2', op: () => cache.read(missRequest, unreachable) },
  { name: 'BentoCache getOrSet, Redis tier only', op: () => bento.getOrSet({ key: bentoKey, factory: unreachable, ttl: '10m' }) },
];

const contenders: Contender[] = [];
for (const { name, op } of ops) {
  const loop = awaitedLoop(name);
  const iterations = await calibrate(loop, op, SAMPLE_MS);
  contenders.push({ name, run: () => loop(op, iterations) });
}
const samples = await shuffledRounds(contenders, { warmupRounds: WARMUP_ROUNDS, rounds: ROUNDS });
const rawSamples = samples.get(RAW) ?? [];
const oursSamples = samples.get(OURS) ?? [];
const paired = (mine: readonly number[], theirs: readonly number[]): number => median(mine.map((ns, round) => ns / (theirs[round] ?? Number.NaN)));

// Cold instances: each opens its own store (not timed), then its first read is timed.
const cold: number[] = [];
for (let i = 0; i < COLD_INSTANCES; i++) {
  const own = await openL2Store(REDIS, { databaseId, timeout: 5_000 });
  const fresh = new QueryCache({ ttl: 300_000, maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, enabled: true });
  fresh.useSharedTier(own, ['products']);
  const start = process.hrtime.bigint();
  await fresh.read(request, unreachable);
  cold.push(Number(process.hrtime.bigint() - start));
  await own.close();
}

// Redis memory per entry: INFO used_memory before and after writing distinct entries of the same value.
const before = await store.redisInfo();
for (let i = 0; i < MEMORY_ENTRIES; i++) await store.set(seen, `${key}|${i}`, value, 60_000);
const after = await store.redisInfo();
const perEntry = before === undefined || after === undefined ? Number.NaN : (after.usedMemory - before.usedMemory) / MEMORY_ENTRIES;

console.log(`### Shared cache tier (L2) hit, one request in flight (${ROUNDS} rounds of ~${SAMPLE_MS} ms per variant, shuffled; value: ${rows.length} rows, ${bytes.length} bytes stored)\n`);
console.log(markdownTable(['variant', 'per hit (median)', 'vs raw GET + decode', 'vs L2Store'],
  [...samples].map(([name, values]) => [name, formatNs(median(values)), formatRatio(paired(values, rawSamples)), formatRatio(paired(values, oursSamples))])));
console.log(`\ncold instance, first read served from L2 (2 GETs: generation, entry), median of ${COLD_INSTANCES}: ${formatNs(median(cold))}`);
console.log(`Redis memory per entry (${MEMORY_ENTRIES} entries of ${bytes.length} stored bytes, INFO used_memory delta): ${Math.round(perEntry)} bytes`);
console.log(`L2 stats: ${JSON.stringify({ hits: store.stats().hits, misses: store.stats().misses, errors: store.stats().errors })}\n`);

await bento.disconnectAll();
await store.close();
raw.disconnect();
