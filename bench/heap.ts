/**
 * (4) Heap held by the query cache after 1,000,000 distinct queries with `maxBytes` 64 MiB (one-row results;
 * 250,000 for ten-row results, which take five times as long to make: HEAP_QUERIES and HEAP_LIST_QUERIES
 * change the counts).
 *
 * Drives the real QueryCache (`read` with a loader, as the table handles do) with synthetic results shaped
 * like Appwrite rows (system fields, strings, numbers, an array, a date), each parsed from JSON like the
 * SDK does, so every stored value is its own set of heap objects. A million requests through the emulator
 * would take tens of minutes; the cache cannot tell a synthetic loader from Appwrite. `maxEntries` is set
 * well above what 64 MiB can hold, so `maxBytes` is the bound that evicts. Heap is measured after forced
 * garbage collections, from before the cache is built (so lru-cache's preallocated arrays are included).
 *
 * Run: node --expose-gc --import tsx bench/heap.ts
 */
import os from 'node:os';
import { QueryCache } from '../src/cache/query-cache.js';
import { markdownTable } from './lib/stats.js';

const QUERIES = Number(process.env.HEAP_QUERIES ?? 1_000_000);
/** Ten-row results take five times as long to make; 250,000 of them still turn the cache over 25 times. */
const LIST_QUERIES = Number(process.env.HEAP_LIST_QUERIES ?? 250_000);
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 250_000;
const MIB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('Run with node --expose-gc --import tsx bench/heap.ts');
const collect = gc;

function heapUsed(): number {
  for (let i = 0; i < 3; i++) collect();
  return process.memoryUsage().heapUsed;
}

/** Two digits, zero-padded. */
function dd(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The JSON text of a product row as Appwrite sends it, distinct for each `i`. */
function rowJson(i: number): string {
  const date = `2024-${dd(1 + (i % 12))}-${dd(1 + (i % 28))}T${dd(i % 24)}:${dd(i % 60)}:${dd((i >> 6) % 60)}.${String(i % 1000).padStart(3, '0')}+00:00`;
  return `{"$id":"r${i}","$sequence":"${i + 1}","$createdAt":"${date}","$updatedAt":"${date}","$permissions":[],`
    + `"$databaseId":"shop","$tableId":"products","name":"Product ${i}","sku":"SKU-${String(i).padStart(8, '0')}",`
    + `"description":"Product ${i}: a sturdy, well made item for everyday use, sold in a recyclable box of one......",`
    + `"price":${(i % 9973) / 100},"category":"cat-${i % 50}","stock":${i % 500},"tags":["new","batch-${i % 7}"],"publishedAt":"${date}"}`;
}

interface Shape {
  readonly name: string;
  readonly count: number;
  readonly operation: string;
  readonly queries: (i: number) => readonly string[];
  readonly load: (i: number) => unknown;
}

const shapes: readonly Shape[] = [
  {
    name: 'get: one row (~450 B of JSON)',
    count: QUERIES,
    operation: 'get',
    queries: (i) => [JSON.stringify(`r${i}`)],
    load: (i): unknown => JSON.parse(rowJson(i)) as unknown,
  },
  {
    name: 'find: 10 rows (~4.5 kB of JSON)',
    count: LIST_QUERIES,
    operation: 'list',
    queries: (i) => [`{"method":"equal","attribute":"category","values":["cat-${i}"]}`, '{"method":"limit","values":[10]}'],
    load: (i): unknown => JSON.parse(`[${Array.from({ length: 10 }, (_, row) => rowJson(i * 10 + row)).join(',')}]`) as unknown,
  },
];

async function measure(shape: Shape): Promise<{ readonly cells: string[]; readonly delta: number }> {
  const before = heapUsed();
  const externalBefore = process.memoryUsage().arrayBuffers;
  const cache = new QueryCache({ ttl: 300_000, maxEntries: MAX_ENTRIES, maxBytes: MAX_BYTES, enabled: true });
  const emptyCache = heapUsed() - before;
  const started = performance.now();
  for (let i = 0; i < shape.count; i++) {
    const value = shape.load(i);
    await cache.read({ scope: 'key', table: 'products', operation: shape.operation, queries: shape.queries(i) }, () => Promise.resolve(value));
  }
  const seconds = (performance.now() - started) / 1000;
  const delta = heapUsed() - before;
  const external = process.memoryUsage().arrayBuffers - externalBefore;
  const { entries, bytes, evictions, misses } = cache.stats().total;
  if (misses !== shape.count) throw new Error(`expected ${shape.count} misses, saw ${misses}`);
  if (entries >= MAX_ENTRIES) throw new Error('maxEntries, not maxBytes, bound the cache');
  const cells = [
    shape.name,
    shape.count.toLocaleString('en-US'),
    entries.toLocaleString('en-US'),
    evictions.toLocaleString('en-US'),
    `${(bytes / MIB).toFixed(1)} MiB`,
    `${(emptyCache / MIB).toFixed(1)} MiB`,
    `${(delta / MIB).toFixed(1)} MiB`,
    `${((delta / MAX_BYTES) * 100).toFixed(0)}%`,
    `${Math.round(bytes / entries)} / ${Math.round((delta - emptyCache) / entries)} B`,
    `${(external / MIB).toFixed(1)} MiB`,
    `${seconds.toFixed(1)} s`,
  ];
  return { cells, delta };
}

console.log(`## Heap: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, ${new Date().toISOString()}\n`);
console.log(`### 4. Heap after distinct queries, maxBytes 64 MiB, maxEntries ${MAX_ENTRIES.toLocaleString('en-US')} (target: heap delta <= 64 MiB + 20% = 76.8 MiB)\n`);
const rows: string[][] = [];
const deltas: number[] = [];
for (const shape of shapes) {
  const { cells, delta } = await measure(shape);
  rows.push(cells);
  deltas.push(delta);
}
console.log(markdownTable(
  ['results', 'distinct queries', 'entries kept', 'evictions', 'estimated bytes', 'empty cache', 'heapUsed delta', 'delta / maxBytes', 'per entry: estimated / measured', 'arrayBuffers delta', 'time'],
  rows,
));
console.log('\n(heapUsed delta: after three forced GCs, from before the cache was built to after the last query, with the cache still referenced)');
const worst = Math.max(...deltas);
const met = worst <= MAX_BYTES * 1.2 ? 'met' : 'not met';
console.log(`\nTarget heap delta <= maxBytes + 20% (76.8 MiB): largest delta ${(worst / MIB).toFixed(1)} MiB, ${met}.`);

const sizes: string[][] = [];
for (const maxEntries of [10_000, MAX_ENTRIES, 1_000_000]) {
  const before = heapUsed();
  const cache = new QueryCache({ ttl: 300_000, maxEntries, maxBytes: MAX_BYTES, enabled: true });
  sizes.push([maxEntries.toLocaleString('en-US'), `${((heapUsed() - before) / MIB).toFixed(1)} MiB`]);
  cache.clear();
}
console.log('\nHeap of an empty QueryCache (lru-cache allocates its per-entry arrays up front, sized by maxEntries):\n');
console.log(markdownTable(['maxEntries', 'heapUsed'], sizes));
