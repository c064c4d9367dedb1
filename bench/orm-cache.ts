/**
 * The ORM cache benchmarks, side by side in one run on one local emulator (real node-appwrite over HTTP):
 *
 * 1. hit path: a cache hit of `find` / `query` / `get` vs `Map.get`, the floor (async key build + one
 *    lru-cache get), BentoCache's memory tier and appwrite-orm 0.6's cached `get`;
 * 2. miss overhead: a miss through the ORM vs the raw node-appwrite TablesDB call, interleaved; and the
 *    cost of `invalidate()` when it empties the cache;
 * 3. stampede: requests made by 1,000 concurrent cold identical reads, ours vs appwrite-orm 0.6.
 *
 * Medians and ratios, set against the targets at the end; nothing is asserted. The heap benchmark is
 * bench/heap.ts (it needs --expose-gc).
 *
 * Run: npx tsx bench/orm-cache.ts [hit] [miss] [stampede]     (no argument: all three)
 */
import os from 'node:os';
import { startShop } from './lib/shop.js';
import { formatRatio, markdownTable } from './lib/stats.js';
import { hitPath, OLD, OURS } from './orm-cache/hit-path.js';
import { invalidateCost } from './orm-cache/invalidate-cost.js';
import { missOverhead } from './orm-cache/miss-overhead.js';
import { stampede } from './orm-cache/stampede.js';

const wanted = process.argv.slice(2);
const runs = (section: string): boolean => wanted.length === 0 || wanted.includes(section);
const verdict = (met: boolean): string => (met ? 'met' : 'not met');

console.log(`## ORM cache: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, ${new Date().toISOString()}\n`);
const started = performance.now();
const shop = await startShop();
const targets: string[][] = [];
try {
  if (runs('hit')) {
    const hit = await hitPath(shop);
    const old = hit.get(OLD)?.vsOurs ?? Number.NaN;
    const floor = hit.get(OURS)?.vsFloor ?? Number.NaN;
    const bento = Math.min(...[...hit].filter(([name]) => name.startsWith('BentoCache')).map(([, figure]) => figure.vsOurs));
    targets.push(
      [`hit of find no slower than appwrite-orm 0.6's hit of get`, `0.6 takes ${formatRatio(old)} ours`, verdict(old >= 1)],
      ['hit of find within 2x of the floor', `${formatRatio(floor)} the floor`, verdict(floor <= 2)],
      ['hit of find >= 10x faster than BentoCache (its faster mode)', `${formatRatio(bento)} faster`, verdict(bento >= 10)],
    );
  }
  if (runs('miss')) {
    for (const [name, overhead] of await missOverhead(shop)) {
      targets.push([`miss overhead <= 5%: ${name}`, `${(overhead * 100).toFixed(1)}%`, verdict(overhead <= 0.05)]);
    }
    await invalidateCost();
  }
  if (runs('stampede')) {
    const requests = await stampede(shop);
    for (const [name, count] of requests) {
      if (name.startsWith('ours')) targets.push([`1 request for 1,000 cold readers: ${name}`, String(count), verdict(count === 1)]);
      else targets.push([`(reference) ${name}`, String(count), '']);
    }
  }
} finally {
  await shop.close();
}
console.log('### Targets\n');
console.log(markdownTable(['target', 'measured', ''], targets));
console.log(`\n(orm-cache benchmarks done in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
