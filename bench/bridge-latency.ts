/**
 * Redis bridge: propagation latency and sustained invalidation rate.
 *
 * Two instances (A and B), each a QueryCache with its own bridge and its own two Redis connections, in
 * one process (so the figures include both sides sharing one event loop; two processes on two cores
 * would do no worse). Redis: REDIS_URL or redis://127.0.0.1:6379, on loopback.
 *
 * 1. Latency: 1,000 sequential writes on A. Each starts with B's table cached (isUpdated true); the clock
 *    runs from the moment A's write resolves (the cache's settle(), which publishes) to B's 'invalidate'
 *    event (B's isUpdated() false). p50, p99, max.
 * 2. Rate: bursts of N invalidations on A over 100 tables, as fast as the loop issues them; timed until B
 *    has applied all N. "Lost" counts messages B never applied (a loss would also show as a resync).
 *
 * Run: npx tsx bench/bridge-latency.ts
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { QueryCache } from '../src/cache/query-cache.js';
import { RedisBridge } from '../src/bridge/redis-bridge.js';

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WRITES = 1_000;
const WARMUP = 100;
const BURSTS = [1_000, 10_000, 50_000];

function instance(id: string, channel: string): { cache: QueryCache; bridge: RedisBridge } {
  const cache = new QueryCache({ ttl: 300_000, maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, enabled: true });
  const bridge = new RedisBridge({ cache, redis: REDIS, channel, instanceId: id, databaseId: 'bench', logger: console, pendingLimit: 1_000 });
  return { cache, bridge };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function fill(cache: QueryCache, table: string): Promise<void> {
  await cache.read({ scope: 'key', table, operation: 'list', queries: [] }, () => Promise.resolve([]));
}

async function latency(a: QueryCache, b: QueryCache): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + WRITES; i++) {
    await fill(b, 'products');
    const arrived = new Promise<number>((resolve) => {
      const listener = ({ table, origin }: { table: string; origin: string }): void => {
        if (table !== 'products' || origin !== 'remote') return;
        b.off('invalidate', listener);
        resolve(performance.now());
      };
      b.on('invalidate', listener);
    });
    const settle = a.beginWrite('products');
    const start = performance.now();
    settle();
    const end = await arrived;
    if (b.isUpdated('products')) throw new Error('B still reports products as updated');
    if (i >= WARMUP) samples.push(end - start);
  }
  return samples.sort((x, y) => x - y);
}

async function burst(a: QueryCache, bridgeB: RedisBridge, size: number): Promise<{ ms: number; lost: number; resyncs: number }> {
  const before = bridgeB.stats();
  const start = performance.now();
  for (let i = 0; i < size; i++) a.invalidate(`t${i % 100}`);
  const deadline = start + 60_000;
  // Bounded wait for B to have applied the whole burst (checked once per event-loop turn).
  while (bridgeB.stats().applied - before.applied < size && performance.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ms = performance.now() - start;
  const after = bridgeB.stats();
  return { ms, lost: size - (after.applied - before.applied), resyncs: after.resyncs - before.resyncs };
}

const channel = `appwrite-orm-bench:${randomUUID()}:invalidate`;
const A = instance('bench-a', channel);
const B = instance('bench-b', channel);
await Promise.all([A.bridge.start(), B.bridge.start()]);
if (A.bridge.state !== 'connected' || B.bridge.state !== 'connected') throw new Error(`Redis not reachable at ${REDIS}`);

const samples = await latency(A.cache, B.cache);
const fmt = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;
console.log(`Redis bridge propagation, ${WRITES} writes (after ${WARMUP} warm-up), ${REDIS}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}`);
console.log(`  write resolved on A -> B not updated: p50 ${fmt(percentile(samples, 50))}, p99 ${fmt(percentile(samples, 99))}, max ${fmt(samples.at(-1) ?? Number.NaN)}`);

for (const size of BURSTS) {
  const { ms, lost, resyncs } = await burst(A.cache, B.bridge, size);
  console.log(`  burst of ${size} invalidations: all applied on B in ${ms.toFixed(1)} ms = ${Math.round(size / (ms / 1000)).toLocaleString('en-US')}/s, lost ${lost}, resyncs ${resyncs}`);
}
console.log(`  A: ${JSON.stringify(A.bridge.stats())}`);
console.log(`  B: ${JSON.stringify(B.bridge.stats())}`);
await Promise.all([A.bridge.close(), B.bridge.close()]);
