/**
 * (2b) The cost of `invalidate()` on a table holding 10 entries, when they are the only entries in the cache
 * and when another table keeps one. lru-cache empties itself through `clear()` when its last entry is
 * deleted, and `clear()` refills its per-entry arrays, whose length is `maxEntries`: the first case costs
 * O(maxEntries), the second O(entries of the table).
 */
import { QueryCache } from '../../src/cache/query-cache.js';
import { formatNs, markdownTable, median } from '../lib/stats.js';

const REPEATS = 300;

async function invalidateNs(maxEntries: number, otherTable: boolean): Promise<number> {
  const cache = new QueryCache({ ttl: 300_000, maxEntries, maxBytes: 64 * 1024 * 1024, enabled: true });
  if (otherTable) await cache.read({ scope: 'key', table: 'other', operation: 'list', queries: [] }, () => Promise.resolve([]));
  const times: number[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (let i = 0; i < 10; i++) await cache.read({ scope: 'key', table: 'products', operation: 'get', queries: [`"p${i}"`] }, () => Promise.resolve({ i }));
    const start = process.hrtime.bigint();
    cache.invalidate('products');
    times.push(Number(process.hrtime.bigint() - start));
  }
  return median(times);
}

/** Measures and prints the table. */
export async function invalidateCost(): Promise<void> {
  const rows: string[][] = [];
  for (const maxEntries of [10_000, 100_000]) {
    const alone = await invalidateNs(maxEntries, false);
    const shared = await invalidateNs(maxEntries, true);
    rows.push([maxEntries.toLocaleString('en-US'), formatNs(alone), formatNs(shared)]);
  }
  console.log(`### 2b. invalidate() of a table with 10 entries (median of ${REPEATS})\n`);
  console.log(markdownTable(['maxEntries', 'its entries are the whole cache', 'another table keeps an entry'], rows));
  console.log('');
}
