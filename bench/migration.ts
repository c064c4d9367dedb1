/**
 * Schema migration: requests of a no-op `init`, and wall time of a cold and of an additive `init`.
 *
 * Runs `ServerORM.init` (autoMigrate) against the local emulator over HTTP with the real node-appwrite
 * SDK, with a 25 ms column delay (the time a new column or index stays `processing`).
 *
 * 1. Request count of a second `init` with an unchanged schema, for 1 and for 20 tables (10 columns and
 *    one index each), from the emulator's request log.
 * 2. Cold init: 20 tables of 10 columns each on an empty project (database created, each table created
 *    with its columns and index inline). Median, min and max of RUNS runs.
 * 3. Additive init: the same 20 tables each gain one column with an index on it (columns created
 *    concurrently, polled until available, then indexes, polled again). Median, min and max of RUNS runs.
 *
 * Run: npx tsx bench/migration.ts
 */
import { ServerORM } from '../src/server/server-orm.js';
import type { TableDefinition } from '../src/schema/table-definition.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../src/testing/index.js';

const RUNS = 9;
const COLUMN_DELAY_MS = 25;

function tables(count: number, columns: number, extra = false): TableDefinition[] {
  const types = [{ type: 'string', size: 64 }, { type: 'integer' }, { type: 'float' }, { type: 'boolean' }, { type: 'datetime' }] as const;
  return Array.from({ length: count }, (_, table) => ({
    name: `t${table}`,
    schema: {
      ...Object.fromEntries(Array.from({ length: columns }, (_, column) => [`c${column}`, types[column % types.length] ?? { type: 'string' }])),
      ...(extra ? { added: { type: 'integer', min: 0 } } : {}),
    },
    indexes: [{ key: 'by_c0', type: 'key', attributes: ['c0'] }, ...(extra ? [{ key: 'by_added', type: 'key' as const, attributes: ['added'] }] : [])],
  }));
}

function orm(emu: AppwriteEmulator): ServerORM {
  return new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: 'bench', autoMigrate: true, cache: false });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `median ${median.toFixed(1)} ms (min ${sorted[0]?.toFixed(1)}, max ${sorted.at(-1)?.toFixed(1)}, ${sorted.length} runs)`;
}

const emu = await startAppwriteEmulator({ columnDelayMs: COLUMN_DELAY_MS });
try {
  for (const count of [1, 20]) {
    emu.reset();
    await orm(emu).init(tables(count, 10));
    emu.requests.clear();
    await orm(emu).init(tables(count, 10));
    const operations = emu.requests.list().map((entry) => entry.operation);
    console.log(`no-op init, ${count} table${count === 1 ? '' : 's'}: ${operations.length} request(s) [${operations.join(', ')}]`);
  }

  const cold: number[] = [];
  const additive: number[] = [];
  let coldRequests = 0;
  let additiveRequests = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    emu.reset();
    const coldTime = await timed(() => orm(emu).init(tables(20, 10)));
    coldRequests = emu.requests.count();
    emu.requests.clear();
    const additiveTime = await timed(() => orm(emu).init(tables(20, 10, true)));
    additiveRequests = emu.requests.count();
    // The first run warms the JIT, the SDK and the emulator; it is not counted.
    if (run === 0) continue;
    cold.push(coldTime);
    additive.push(additiveTime);
  }
  console.log(`cold init, 20 tables x 10 columns: ${summary(cold)}, ${coldRequests} requests`);
  console.log(`additive init, 20 tables + 1 column and 1 index each (column delay ${COLUMN_DELAY_MS} ms): ${summary(additive)}, ${additiveRequests} requests`);
} finally {
  await emu.close();
}
