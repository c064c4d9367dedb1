/**
 * What observing table operations costs on the hottest path, a cache hit, side by side in one process on
 * one local emulator: the same `get` and `find` hits on three databases over the same rows, one that nothing
 * observes (the default), one with an `onOperation` listener that does nothing, one with an OpenTelemetry
 * tracer whose spans do nothing, and the floor of a hit (an async function that builds the key and does one
 * lru-cache get). Shuffled rounds of ~15 ms per variant after warm-up rounds; medians of ns per awaited hit
 * and of the ratio to the unobserved hit within each round.
 *
 * Run: npx tsx bench/observer-cost.ts
 */
import { LRUCache } from 'lru-cache';
import { Query } from 'node-appwrite';
import os from 'node:os';
import { currentOperation } from '../src/cache/operation-record.js';
import type { OrmSpan, OrmTracer } from '../src/server/operation-observer.js';
import { ServerORM } from '../src/server/server-orm.js';
import { DATABASE_ID, products, startShop } from './lib/shop.js';
import { awaitedLoop, calibrate, formatNs, formatRatio, markdownTable, median, shuffledRounds, type Contender } from './lib/stats.js';

const SAMPLE_MS = 15;
const WARMUP_ROUNDS = 3;
const ROUNDS = 31;
const QUERIES = [Query.equal('category', 'office'), Query.limit(10)];

const span: OrmSpan = { setAttribute: () => span, setStatus: () => span, recordException: () => undefined, end: () => undefined };
const tracer: OrmTracer = { startSpan: () => span };

console.log(`## Observer cost on a cache hit: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, ${new Date().toISOString()}\n`);
const shop = await startShop();
try {
  const connection = { endpoint: shop.emu.endpoint, projectId: shop.emu.projectId, apiKey: shop.emu.apiKey, databaseId: DATABASE_ID, autoValidate: false };
  let observed = 0;
  const databases = {
    'nothing observes': shop.db,
    'a no-op onOperation listener': await new ServerORM({ ...connection, onOperation: () => void observed++ }).init([products] as const),
    'a tracer with no-op spans': await new ServerORM({ ...connection, tracer }).init([products] as const),
  };
  const rows = await shop.db.table('products').find(QUERIES);
  const lru = new LRUCache<string, { value: unknown }>({ max: 10_000 });
  const prefix = `key|products|list|`;
  lru.set(prefix + QUERIES.join('|'), { value: rows }, { ttl: 300_000 });
  // eslint-disable-next-line @typescript-eslint/require-await -- the floor is, by definition, an async function
  const floor = async (queries: readonly string[]): Promise<unknown> => lru.get(prefix + queries.join('|'))?.value;

  const ops: { name: string; op: () => unknown }[] = [{ name: 'floor: async key build + lru-cache get', op: () => floor(QUERIES) }];
  for (const [label, db] of Object.entries(databases)) {
    const table = db.table('products');
    await table.find(QUERIES);
    await table.get('p1');
    ops.push({ name: `find, ${label}`, op: () => table.find(QUERIES) }, { name: `get, ${label}`, op: () => table.get('p1') });
  }
  const contenders: Contender[] = [{ name: 'reference: currentOperation(), the lookup a hit makes (sync)', run: () => Promise.resolve(syncNs(currentOperation, 5_000_000)) }];
  for (const { name, op } of ops) {
    const loop = awaitedLoop(name);
    const iterations = await calibrate(loop, op, SAMPLE_MS);
    contenders.push({ name, run: () => loop(op, iterations) });
  }
  shop.emu.requests.clear();
  const samples = await shuffledRounds(contenders, { warmupRounds: WARMUP_ROUNDS, rounds: ROUNDS });
  const baseline = (name: string): readonly number[] => samples.get(name.replace(/, .*$/, ', nothing observes')) ?? [];
  const table = [...samples].map(([name, values]) => {
    const base = name.startsWith('floor') || name.startsWith('reference') ? [] : baseline(name);
    const ratio = base.length === 0 ? '' : formatRatio(median(values.map((value, round) => value / (base[round] ?? Number.NaN))));
    return [name, formatNs(median(values)), ratio];
  });
  console.log(`### ${ROUNDS} rounds of ~${SAMPLE_MS} ms per variant, shuffled, after ${WARMUP_ROUNDS} warm-up rounds\n`);
  console.log(markdownTable(['variant', 'per hit (median)', 'vs the same hit, nothing observing'], table));
  console.log(`\n(requests to the emulator during the rounds: ${shop.emu.requests.count()}; operations the listener saw: ${observed})\n`);
  await Promise.all(Object.values(databases).filter((db) => db !== shop.db).map((db) => db.close()));
} finally {
  await shop.close();
}

function syncNs(op: () => unknown, iterations: number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) if (op() === undefined) sink++;
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  return sink === iterations ? ns : Number.NaN;
}
