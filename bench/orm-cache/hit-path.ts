/**
 * (1) The cost of a cache hit, awaited call after call, side by side: our `find`, `query` and `get` through
 * the table handle, a raw `Map.get`, the floor (an async function that builds the key from the same queries
 * and does one lru-cache `get`), BentoCache's memory tier (with and without serialization) and
 * appwrite-orm 0.6's cached `get`. The queries are built once (a constant the caller keeps), except in the
 * two "built in each call" rows, which also pay for `Query.equal` and `Query.limit`. Two reference rows split
 * the floor into its lru-cache `get` and its key.
 */
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { LRUCache } from 'lru-cache';
import { Query } from 'node-appwrite';
import { runInCacheContext } from '../../src/cache/request-context.js';
import type { Shop } from '../lib/shop.js';
import { awaitedLoop, calibrate, formatNs, formatRatio, markdownTable, median, shuffledRounds, type Contender } from '../lib/stats.js';

const SAMPLE_MS = 15;
const WARMUP_ROUNDS = 3;
const ROUNDS = 31;

const QUERIES = [Query.equal('category', 'office'), Query.limit(10)];

/** The prefixes (`scope|table|operation@fingerprint|`) our cache puts before the queries, read from its hit events. */
async function keyPrefixes(shop: Shop): Promise<{ list: string; get: string }> {
  const products = shop.db.table('products');
  const keys: string[] = [];
  const listener = ({ key }: { key: string }): void => {
    keys.push(key);
  };
  shop.db.on('hit', listener);
  await products.find(QUERIES);
  await products.get('p1');
  shop.db.off('hit', listener);
  const [list = '', get = ''] = keys;
  return { list: list.slice(0, list.length - QUERIES.join('|').length), get: get.slice(0, get.length - JSON.stringify('p1').length) };
}

function bento(serialize: boolean): BentoCache<{ memory: ReturnType<typeof bentostore> }> {
  return new BentoCache({ default: 'memory', stores: { memory: bentostore().useL1Layer(memoryDriver({ maxItems: 10_000, serialize })) } });
}

/** Medians of one contender: ns per hit, and its ratios to the floor and to our `find`, each taken within a round. */
export interface HitFigures {
  readonly ns: number;
  readonly vsFloor: number;
  readonly vsOurs: number;
}

export const FLOOR = 'floor: async key build + lru-cache get';
export const OURS = 'ours: products.find([equal, limit])';
export const OLD = "appwrite-orm 0.6: table.get('p1')";

/** The median over rounds of `mine[round] / theirs[round]`: a machine busy in one round slows both alike. */
function pairedRatio(mine: readonly number[], theirs: readonly number[]): number {
  return median(mine.map((value, round) => value / (theirs[round] ?? Number.NaN)));
}

/** Runs the comparison and prints its table; returns the figures by contender name. */
export async function hitPath(shop: Shop): Promise<Map<string, HitFigures>> {
  const products = shop.db.table('products');
  const rows = await products.find(QUERIES);
  await products.query({ category: 'office' }, { limit: 10 });
  await products.get('p1');
  await shop.table06.get('p1');

  // The floor builds the very key our cache builds, so that both hash a string of the same length.
  const prefix = await keyPrefixes(shop);
  const keyOf = (queries: readonly string[]): string => prefix.list + queries.join('|');
  const prebuilt = keyOf(QUERIES);
  const map = new Map<string, unknown>([[prebuilt, rows]]);
  const lru = new LRUCache<string, { value: unknown }>({ max: 10_000, maxSize: 64 * 1024 * 1024 });
  lru.set(keyOf(QUERIES), { value: rows }, { ttl: 300_000, size: 1_000 });
  lru.set(prefix.get + JSON.stringify('p1'), { value: rows[0] }, { ttl: 300_000, size: 1_000 });
  /* eslint-disable @typescript-eslint/require-await -- the floor is, by definition, an async function */
  const floor = async (queries: readonly string[]): Promise<unknown> => lru.get(keyOf(queries))?.value;
  const floorOfGet = async (id: string): Promise<unknown> => lru.get(prefix.get + JSON.stringify(id))?.value;
  const lruOnly = async (): Promise<unknown> => lru.get(prebuilt)?.value;
  /* eslint-enable @typescript-eslint/require-await */
  const bentoSerialized = bento(true);
  const bentoPlain = bento(false);
  const factory = (): Promise<unknown> => Promise.resolve(rows);
  await bentoSerialized.getOrSet({ key: keyOf(QUERIES), factory, ttl: '5m' });
  await bentoPlain.getOrSet({ key: keyOf(QUERIES), factory, ttl: '5m' });

  const ops: readonly { readonly name: string; readonly op: () => unknown; readonly inContext?: boolean }[] = [
    { name: 'Map.get, prebuilt key (sync, not awaited)', op: () => map.get(prebuilt) },
    { name: FLOOR, op: () => floor(QUERIES) },
    { name: 'floor, queries built in each call', op: () => floor([Query.equal('category', 'office'), Query.limit(10)]) },
    { name: 'reference: async lru-cache get, prebuilt key', op: lruOnly },
    { name: "reference: floor with get's key (JSON id)", op: () => floorOfGet('p1') },
    { name: OURS, op: () => products.find(QUERIES) },
    { name: 'ours: find, queries built in each call', op: () => products.find([Query.equal('category', 'office'), Query.limit(10)]) },
    { name: 'ours: find, inside a request context', op: () => products.find(QUERIES), inContext: true },
    { name: "ours: products.query({ category }, { limit })", op: () => products.query({ category: 'office' }, { limit: 10 }) },
    { name: "ours: products.get('p1')", op: () => products.get('p1') },
    { name: OLD, op: () => shop.table06.get('p1') },
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
    const loop = awaitedLoop(name);
    const iterations = await calibrate(loop, op, SAMPLE_MS);
    const run = (): Promise<number> => loop(op, iterations);
    contenders.push({ name, run: inContext === true ? () => runInCacheContext(run) : run });
  }
  const samples = await shuffledRounds(contenders, { warmupRounds: WARMUP_ROUNDS, rounds: ROUNDS });
  const floorSamples = samples.get(FLOOR) ?? [];
  const oursSamples = samples.get(OURS) ?? [];
  const figures = new Map([...samples].map(([name, values]) => [name, {
    ns: median(values), vsFloor: pairedRatio(values, floorSamples), vsOurs: pairedRatio(values, oursSamples),
  }]));
  const requests = shop.emu.requests.count();
  const misses = shop.db.stats().total.misses - missesBefore;
  await Promise.all([bentoSerialized.disconnectAll(), bentoPlain.disconnectAll()]);

  console.log(`### 1. Cache hit (${ROUNDS} rounds of ~${SAMPLE_MS} ms per variant, shuffled, after ${WARMUP_ROUNDS} warm-up rounds; value: ${rows.length} rows)\n`);
  console.log(`key of the find (${prebuilt.length} characters): ${prebuilt}\n`);
  console.log(markdownTable(['variant', 'per hit (median)', 'vs floor', 'vs ours (find)'],
    [...figures].map(([name, figure]) => [name, formatNs(figure.ns), formatRatio(figure.vsFloor), formatRatio(figure.vsOurs)])));
  console.log('\n(ratios: median over rounds of the ratio within each round)');
  console.log(`(requests to the emulator during the section: ${requests}; ORM misses: ${misses})\n`);
  return figures;
}

function syncNs(op: () => unknown, iterations: number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) if (op() !== undefined) sink++;
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  return sink === iterations ? ns : Number.NaN;
}
