/**
 * Seeded fuzzing of what callers and the Redis channel can hand the ORM: rows, queries and bridge
 * messages. Every failure must be an OrmError; a local refusal must send no request; no refusal may
 * change the cache; no message may create state for a table this instance did not declare.
 * Figures (cases tried, violations) are printed; run: npx vitest run test/integration/fuzz
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultBridgeChannel } from '../../../src/bridge/bridge-channel.js';
import { OrmError } from '../../../src/errors/orm-error.js';
import type { Database } from '../../../src/server/database.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import type { TableHandle } from '../../../src/server/table-handle.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';
import { bridgePayload, items, queryInput, rowData } from './fuzz-arbitraries.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_202);
const REDIS = 'redis://127.0.0.1:6379';
const DATABASE = 'fuzz';
let emu: AppwriteEmulator;
let db: Database<readonly [typeof items]>;
let table: TableHandle<typeof items, readonly [typeof items]>;
const figures: Record<string, number> = {};
/** What the server refused that the ORM sent (queries only; for rows it fails the test), with quoted parts elided. */
const serverReasons = new Set<string>();
const count = (name: string, by = 1): void => {
  figures[name] = (figures[name] ?? 0) + by;
};

beforeAll(async () => {
  emu = await startAppwriteEmulator({ columnDelayMs: 0 });
  const orm = new ServerORM({
    endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: DATABASE, autoMigrate: true,
    retry: { attempts: 1 }, cache: { redis: REDIS, channel: `${defaultBridgeChannel(emu.projectId, DATABASE)}:${process.pid}` },
    logger: { warn: () => undefined, info: () => undefined, error: () => undefined },
  });
  db = await orm.init([items] as const);
  table = db.table('items');
  for (const id of ['r0', 'r1', 'r2']) await db.table('items').create({ title: id, n: 1 }, { id });
});
afterAll(async () => {
  console.info(`hostile fuzz (seed ${SEED}): ${JSON.stringify(figures)}\nqueries the server refused: ${[...serverReasons].sort().join(' | ')}`);
  await db.close();
  await emu.close();
});

/** The cache's state for the table: what must not move when input is refused. */
async function warmSnapshot(): Promise<string> {
  await table.find();
  return snapshot();
}
function snapshot(): string {
  const { tables } = db.stats();
  return JSON.stringify({ updated: table.isUpdated(), entries: tables['items']?.entries, invalidations: tables['items']?.invalidations, keys: Object.keys(tables) });
}

/**
 * Runs one call with hostile input and checks the outcome: success, or an OrmError that left the cache as
 * it was, made no request when refused locally, and (for rows) was never sent for Appwrite to refuse.
 */
async function probe(kind: string, call: () => Promise<unknown>): Promise<void> {
  const before = await warmSnapshot();
  emu.requests.clear();
  count(`${kind}: cases`);
  let error: unknown;
  try {
    await call();
    count(`${kind}: accepted`);
    return;
  } catch (caught) {
    error = caught;
  }
  if (!(error instanceof OrmError)) {
    count(`${kind}: untyped errors (violation)`);
    throw new Error(`${kind}: not an OrmError: ${String(error)}`);
  }
  const sent = emu.requests.count() > 0;
  expect(snapshot(), `${kind}: a failed call changed the cache (${error.message})`).toBe(before);
  if (!sent) {
    count(`${kind}: refused locally, no request`);
    return;
  }
  count(`${kind}: sent and refused by the server`);
  serverReasons.add(error.message.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'").slice(0, 140));
  // Rows are fully validated locally: anything Appwrite refuses must have been refused before sending.
  if (kind === 'row') throw new Error(`row: local validation let through what the server refuses: ${error.message}`);
}

describe('seeded fuzzing of hostile input', () => {
  it('rows: typed errors, no request and an unchanged cache for every refusal', async () => {
    const op = fc.constantFrom('create', 'update', 'upsert', 'updateWhere', 'bulkCreate');
    await fc.assert(fc.asyncProperty(op, rowData, async (name, data) => {
      const run = {
        create: () => table.create(data as never),
        update: () => table.update('r0', data as never),
        upsert: () => table.upsert('r1', data as never),
        updateWhere: () => table.updateWhere({ title: 'r2' }, data as never),
        bulkCreate: () => table.bulkCreate([data] as never),
      }[name];
      await probe('row', run);
    }), { seed: SEED, numRuns: 400, endOnFailure: true });
  });

  it('queries: typed errors, no request for a local refusal, and an error is never cached', async () => {
    await fc.assert(fc.asyncProperty(queryInput, async (input) => {
      await probe('query', () => table.find(input as never));
    }), { seed: SEED, numRuns: 500, endOnFailure: true });
  });

  it('bridge messages: no state for undeclared tables, whatever arrives on the channel', async () => {
    const channel = `${defaultBridgeChannel(emu.projectId, DATABASE)}:${process.pid}`;
    const publisher = new Redis(REDIS);
    try {
      const payloads = fc.sample(bridgePayload(DATABASE), { seed: SEED, numRuns: 2_000 });
      const received = db.bridgeStats()?.received ?? 0;
      await table.find();
      for (const payload of payloads) await publisher.publish(channel, payload);
      await vi.waitFor(() => expect(db.bridgeStats()?.received).toBe(received + payloads.length), { timeout: 20_000, interval: 20 });
      count('bridge: messages', payloads.length);
      const stats = db.bridgeStats();
      count('bridge: ignored (unknown table)', stats?.ignoredUnknown ?? 0);
      count('bridge: malformed', stats?.malformed ?? 0);
      const tables = db.stats().tables;
      expect(Object.getPrototypeOf(tables)).toBeNull();
      expect(Object.keys(tables)).toEqual(['items']);
      await expect(table.find()).resolves.toBeDefined();
    } finally {
      publisher.disconnect();
    }
  });
});
