/**
 * (3) A stampede: 1,000 identical reads issued at once on a cold cache, and the requests the emulator
 * receives for them (its request log), ours against appwrite-orm 0.6. appwrite-orm 0.6 caches `get` on the
 * server but not `find`; both are shown.
 */
import { Query } from 'node-appwrite';
import type { Shop } from '../lib/shop.js';
import { formatNs, markdownTable, median } from '../lib/stats.js';

const READERS = 1_000;
const RUNS = 3;

const QUERIES = [Query.equal('category', 'office'), Query.limit(10)];

interface StampedeCase {
  readonly name: string;
  /** Empties the cache this case reads through. */
  readonly cold: () => void;
  readonly read: () => Promise<unknown>;
}

/** Runs the stampedes and prints the table; returns the requests of each case (the most seen over the runs). */
export async function stampede(shop: Shop): Promise<Map<string, number>> {
  const products = shop.db.table('products');
  const cases: readonly StampedeCase[] = [
    { name: 'ours: find([equal, limit])', cold: () => products.invalidate(), read: () => products.find(QUERIES) },
    { name: "ours: get('p1')", cold: () => products.invalidate(), read: () => products.get('p1') },
    { name: "appwrite-orm 0.6: get('p1')", cold: () => shop.table06.setUpdated(false), read: () => shop.table06.get('p1') },
    { name: 'appwrite-orm 0.6: find([equal, limit]) (not cached on the server)', cold: () => shop.table06.setUpdated(false), read: () => shop.table06.find(QUERIES) },
  ];

  const results = new Map<string, { requests: number[]; times: number[]; distinct: number }>();
  for (let run = 0; run < RUNS; run++) {
    for (const entry of cases) {
      entry.cold();
      shop.emu.requests.clear();
      const start = process.hrtime.bigint();
      const values = await Promise.all(Array.from({ length: READERS }, () => entry.read()));
      const elapsed = Number(process.hrtime.bigint() - start);
      const result = results.get(entry.name) ?? { requests: [], times: [], distinct: 0 };
      result.requests.push(shop.emu.requests.count());
      result.times.push(elapsed);
      result.distinct = Math.max(result.distinct, new Set(values).size);
      results.set(entry.name, result);
    }
  }

  const requests = new Map<string, number>();
  const rows = [...results].map(([name, result]) => {
    const most = Math.max(...result.requests);
    requests.set(name, most);
    return [name, result.requests.join(' / '), formatNs(median(result.times)), String(result.distinct)];
  });
  console.log(`### 3. Stampede: ${READERS.toLocaleString('en-US')} concurrent identical reads on a cold cache (${RUNS} runs)\n`);
  console.log(markdownTable(['reads', 'requests to the emulator (each run)', 'median time for all reads', 'distinct result objects'], rows));
  console.log('');
  return requests;
}
