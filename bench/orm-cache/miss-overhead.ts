/**
 * (2) What the ORM adds to a read that goes to Appwrite: the same `listRows` / `getRow` request made by the
 * raw node-appwrite TablesDB and by the table handle, with the cache bypassed (`{ cache: false }`) and as a
 * real miss (the table invalidated before each call, outside the timing, so the result is frozen, sized and
 * stored). Interleaved: each round makes one call per contender, in a random order, each call timed on its own.
 * The raw call is the very request the ORM sends (`total: false` included), so the difference is the ORM's
 * own work: query normalisation, the cache, the error mapping and retry wrapper, copying and freezing rows.
 */
import { Query } from 'node-appwrite';
import { DATABASE_ID, type Shop } from '../lib/shop.js';
import { formatNs, markdownTable, median, percentile, shuffledRounds, type Contender } from '../lib/stats.js';
import { queryCacheOf } from '../../src/server/database-impl.js';

const WARMUP_ROUNDS = 100;
const ROUNDS = 1_000;
const LOG_CLEAR_EVERY = 100;

const QUERIES = [Query.equal('category', 'office'), Query.limit(10)];

interface MissCase {
  readonly name: string;
  /** The raw call this one is compared with; none for a raw call. */
  readonly baseline?: string;
  readonly before?: () => void;
  readonly call: () => Promise<unknown>;
}

/** Runs the comparison and prints its table; returns the overhead (fraction) of each ORM case over its raw call. */
export async function missOverhead(shop: Shop): Promise<Map<string, number>> {
  const products = shop.db.table('products');
  const rawList = 'raw TablesDB.listRows (same queries, total: false)';
  const rawGet = "raw TablesDB.getRow('p1')";
  const cases: readonly MissCase[] = [
    { name: rawList, call: () => shop.raw.listRows({ databaseId: DATABASE_ID, tableId: 'products', queries: QUERIES, total: false }) },
    { name: 'ours: find(queries, { cache: false })', baseline: rawList, call: () => products.find(QUERIES, { cache: false }) },
    { name: 'ours: find(queries), miss after invalidate()', baseline: rawList, before: () => products.invalidate(), call: () => products.find(QUERIES) },
    { name: rawGet, call: () => shop.raw.getRow({ databaseId: DATABASE_ID, tableId: 'products', rowId: 'p1' }) },
    { name: "ours: get('p1', { cache: false })", baseline: rawGet, call: () => products.get('p1', { cache: false }) },
    { name: "ours: get('p1'), miss after invalidate()", baseline: rawGet, before: () => products.invalidate(), call: () => products.get('p1') },
  ];

  let calls = 0;
  let requests = 0;
  const contenders: Contender[] = cases.map((entry) => ({
    name: entry.name,
    async run() {
      // The request log grows with every call; emptying it now and then keeps the emulator's heap flat.
      if (++calls % (LOG_CLEAR_EVERY * cases.length) === 0) {
        requests += shop.emu.requests.count();
        shop.emu.requests.clear();
      }
      entry.before?.();
      const start = process.hrtime.bigint();
      await entry.call();
      return Number(process.hrtime.bigint() - start);
    },
  }));
  // An application caches more than one table; an entry of another table keeps `invalidate()` from emptying
  // the whole LRU, which costs O(maxEntries) in lru-cache (see invalidate-cost.ts).
  await queryCacheOf(shop.db).read({ scope: 'key', table: 'other', operation: 'list', queries: [] }, () => Promise.resolve([]));
  shop.emu.requests.clear();
  const samples = await shuffledRounds(contenders, { warmupRounds: WARMUP_ROUNDS, rounds: ROUNDS });
  requests += shop.emu.requests.count();

  const overheads = new Map<string, number>();
  const rows = cases.map((entry) => {
    const mine = samples.get(entry.name) ?? [];
    const ns = median(mine);
    if (entry.baseline === undefined) return [entry.name, formatNs(ns), formatNs(percentile(mine, 90)), '', ''];
    const theirs = samples.get(entry.baseline) ?? [];
    const overhead = ns / median(theirs) - 1;
    overheads.set(entry.name, overhead);
    // Calls of one round ran back to back: the median of their differences is the time the ORM adds.
    const added = median(mine.map((value, round) => value - (theirs[round] ?? Number.NaN)));
    return [entry.name, formatNs(ns), formatNs(percentile(mine, 90)), `${(overhead * 100).toFixed(1)}%`, formatNs(added)];
  });
  console.log(`### 2. Miss overhead (${ROUNDS} interleaved rounds of one call per contender, after ${WARMUP_ROUNDS} warm-up rounds)\n`);
  console.log(markdownTable(['call', 'median', 'p90', 'overhead vs raw (medians)', 'added per call (median of paired differences)'], rows));
  console.log(`\n(requests to the emulator during the section: ${requests}, expected ${(WARMUP_ROUNDS + ROUNDS) * cases.length})\n`);
  return overheads;
}
