/**
 * (1) The cost of a cache hit, awaited call after call, side by side: our `find`, `query` and `get` through
 * the table handle, a raw `Map.get`, the floor (an async function that builds the key from the same queries
 * and does one lru-cache `get`), BentoCache's memory tier (with and without serialization) and
 * appwrite-orm 0.6's cached `get`.
 */
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { LRUCache } from 'lru-cache';
import { Query } from 'node-appwrite';
import { runInCacheContext } from '../../src/cache/request-context.js';
import type { Shop } from '../lib/shop.js';
import { calibrate, formatNs, formatRatio, markdownTable, median, nsPerAwaitedCall, rotatedRounds, type Contender } from '../lib/stats.js';

const SAMPLE_MS = 25;
const WARMUP_ROUNDS = 3;
const ROUNDS = 15;

const QUERIES = [Query.equal('category', 'office'), Query.limit(10)];

function keyOf(queries: readonly string[]): string {
  return 'key|products|list|' + queries.join('|');
}

function bento(serialize: boolean): BentoCache<{ memory: ReturnType<typeof bentostore> }> {
  return new BentoCache({ default: 'memory', stores: { memory: bentostore().useL1Layer(memoryDriver({ maxItems: 10_000, serialize })) } });
}

/** Runs the comparison and prints its table; returns the medians in ns by contender name. */
export async function hitPath(shop: Shop): Promise<Map<string, number>> {
  const products = shop.db.table('products');
  const rows = await products.find(QUERIES);
  await products.query({ category: 'office' }, { limit: 10 });
  await products.get('p1');
  await shop.table06.get('p1');

  const prebuilt = keyOf(QUERIES);
  const map = new Map<string, unknown>([[prebuilt, rows]]);
  const lru = new LRUCache<string, { value: unknown }>({ max: 10_000, maxSize: 64 * 1024 * 1024 });
  lru.set(keyOf(QUERIES), { value: rows }, { ttl: 300_000, size: 1_000 });
  // eslint-disable-next-line @typescript-eslint/require-await -- the floor is, by definition, an async function
  const floor = async (queries: readonly string[]): Promise<unknown> => lru.get(keyOf(queries))?.value;
  const bentoSerialized = bento(true);
  const bentoPlain = bento(false);
  const factory = (): Promise<unknown> => Promise.resolve(rows);
  await bentoSerialized.getOrSet({ key: keyOf(QUERIES), factory, ttl: '5m' });
  await bentoPlain.getOrSet({ key: keyOf(QUERIES), factory, ttl: '5m' });

  const ops: readonly { readonly name: string; readonly op: () => unknown; readonly inContext?: boolean }[] = [
    { name: 'Map.get, prebuilt key (sync, not awaited)', op: () => map.get(prebuilt) },
    { name: 'floor: async key build + lru-cache get', op: () => floor(QUERIES) },
    { name: 'ours: products.find([equal, limit])', op: () => products.find(QUERIES) },
    { name: 'ours: find, inside a request context', op: () => products.find(QUERIES), inContext: true },
    { name: "ours: products.query({ category }, { limit })", op: () => products.query({ category: 'office' }, { limit: 10 }) },
    { name: "ours: products.get('p1')", op: () => products.get('p1') },
    { name: "appwrite-orm 0.6: table.get('p1')", op: () => shop.table06.get('p1') },
    { name: 'BentoCache memory getOrSet, serialize: false', op: () => bentoPlain.getOrSet({ key: keyOf(QUERIES), factory, ttl: '5m' }) },
    { name: 'BentoCache memory getOrSet, serialize: true', op: () => bentoSerialized.getOrSet({ key: keyOf(QUERIES), factory, ttl: '5m' }) },
  ];

  shop.emu.requests.clear();
  const missesBefore = shop.db.stats().total.misses;
  const contenders: Contender[] = [];
  for (const { name, op, inContext } of ops) {
    if (name.startsWith('Map.get')) {
      const iterations = 2_000_000;
      contenders.push({ name, run: () => Promise.resolve(syncNs(op, iterations)) });
      continue;
    }
    const iterations = await calibrate(op, SAMPLE_MS);
    const run = (): Promise<number> => nsPerAwaitedCall(op, iterations);
    contenders.push({ name, run: inContext === true ? () => runInCacheContext(run) : run });
  }
  const samples = await rotatedRounds(contenders, { warmupRounds: WARMUP_ROUNDS, rounds: ROUNDS });
  const medians = new Map([...samples].map(([name, values]) => [name, median(values)]));
  const requests = shop.emu.requests.count();
  const misses = shop.db.stats().total.misses - missesBefore;
  await Promise.all([bentoSerialized.disconnectAll(), bentoPlain.disconnectAll()]);

  const floorNs = medians.get('floor: async key build + lru-cache get') ?? Number.NaN;
  const oursNs = medians.get('ours: products.find([equal, limit])') ?? Number.NaN;
  console.log(`### 1. Cache hit (median of ${ROUNDS} rounds of ~${SAMPLE_MS} ms, after ${WARMUP_ROUNDS} warm-up rounds; value: ${rows.length} rows)\n`);
  console.log(markdownTable(['variant', 'per hit', 'vs floor', 'vs ours (find)'],
    [...medians].map(([name, ns]) => [name, formatNs(ns), formatRatio(ns / floorNs), formatRatio(ns / oursNs)])));
  console.log(`\n(requests to the emulator during the section: ${requests}; ORM misses: ${misses})\n`);
  return medians;
}

function syncNs(op: () => unknown, iterations: number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) if (op() !== undefined) sink++;
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  return sink === iterations ? ns : Number.NaN;
}
