/**
 * Transactions: what one commit of N staged operations over K tables costs in requests and in Redis bridge
 * messages (the goal: one message per table, whatever N).
 *
 * Runs `db.transaction()` against the local emulator over HTTP with the real node-appwrite SDK. Instance A
 * commits; instance B, on the same Redis channel, counts the invalidations it receives. Each operation is
 * a `create` in table `t<i mod K>`. Requests come from the emulator's request log; messages from A's
 * bridge counters (published) and B's (applied). The wall time of the whole transaction (create, N staged
 * writes, commit) is the median of RUNS runs. Redis: REDIS_URL or redis://127.0.0.1:6379; without Redis the
 * table still runs and reports the invalidations A would announce.
 *
 * Run: npx tsx bench/transactions.ts
 */
import { randomUUID } from 'node:crypto';
import { ServerORM } from '../src/server/server-orm.js';
import type { TableDefinition } from '../src/schema/table-definition.js';
import { startAppwriteEmulator } from '../src/testing/index.js';
import { markdownTable } from './lib/stats.js';

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = 5;
const SHAPES: readonly (readonly [number, number])[] = [[1, 1], [10, 1], [10, 5], [50, 5], [100, 1], [100, 10]];
const TABLES: TableDefinition[] = Array.from({ length: 10 }, (_, i) => ({ name: `t${i}`, schema: { text: { type: 'string', required: true, size: 64 } } }));

const emu = await startAppwriteEmulator({ columnDelayMs: 0, requestLogLimit: 100_000 });
const channel = `appwrite-orm-bench:${randomUUID()}`;
const open = async (instanceId: string) => new ServerORM({
  endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: 'bench', autoMigrate: true,
  cache: { redis: REDIS, channel, instanceId }, logger: { warn: () => undefined, error: () => undefined },
}).init(TABLES);
const a = await open('a');
const b = await open('b');
const bridged = a.bridgeStats()?.state === 'connected' && b.bridgeStats()?.state === 'connected';

async function settled(expected: number): Promise<void> {
  // Bounded wait for B to have applied what A published (at most 2 s, checked once per event-loop turn).
  const deadline = performance.now() + 2_000;
  while (bridged && (b.bridgeStats()?.applied ?? 0) < expected && performance.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const rows: string[][] = [];
for (const [operations, tableCount] of SHAPES) {
  const times: number[] = [];
  let requests = 0;
  let staged = 0;
  let published = 0;
  let applied = 0;
  let announced = 0;
  for (let run = 0; run < RUNS; run++) {
    for (const table of TABLES) await a.table(table.name).find();
    emu.requests.clear();
    const before = { published: a.bridgeStats()?.published ?? 0, applied: b.bridgeStats()?.applied ?? 0 };
    let invalidations = 0;
    const count = (): void => {
      invalidations++;
    };
    a.on('invalidate', count);
    const started = performance.now();
    await a.transaction(async (tx) => {
      for (let i = 0; i < operations; i++) await tx.table(`t${i % tableCount}`).create({ text: `row ${run}-${i}` } as never);
    });
    times.push(performance.now() - started);
    a.off('invalidate', count);
    await settled(before.applied + tableCount);
    requests = emu.requests.count();
    staged = emu.requests.count({ operation: 'createRow' });
    published = (a.bridgeStats()?.published ?? 0) - before.published;
    applied = (b.bridgeStats()?.applied ?? 0) - before.applied;
    announced = invalidations;
  }
  times.sort((x, y) => x - y);
  rows.push([
    `${operations} ops / ${tableCount} tables`, String(requests), String(staged), String(announced),
    bridged ? String(published) : 'no Redis', bridged ? String(applied) : 'no Redis', `${(times[Math.floor(RUNS / 2)] ?? 0).toFixed(1)} ms`,
  ]);
}

console.log(`db.transaction(): one commit of N creates over K tables, emulator over HTTP, ${RUNS} runs per shape (figures of the last run; time: median)`);
console.log(markdownTable(['shape', 'requests', 'staged writes', 'invalidations on A', 'bridge messages published', 'applied on B', 'time'], rows));
await Promise.all([a.close(), b.close()]);
await emu.close();
