import { randomUUID } from 'node:crypto';
import express from 'express';
import { Client, Query, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServerORM } from '../../../src/server/server-orm.js';
import { defineTable } from '../../../src/schema/table-definition.js';
import { QueryError } from '../../../src/errors/index.js';
import { appwriteWebhook } from '../../../src/express/appwrite-webhook.js';
import type { InvalidationOrigin } from '../../../src/cache/cache-events.js';
import type { Database } from '../../../src/server/database.js';
import type { ServerORMConfig } from '../../../src/server/config.js';
import { listen, type Listening } from '../../e2e/support/listen.js';
import { useEmulator } from '../../helpers/emulator.js';

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);
const ABOVE_SAFE = 2n ** 53n + 1n;

const tallies = defineTable({
  name: 'tallies',
  schema: {
    group: { type: 'string', required: true, size: 16 },
    views: { type: 'bigint', required: true },
    score: { type: 'bigint' },
    stock: { type: 'integer' },
    label: { type: 'string', size: 32 },
  },
});
const tables = [tallies] as const;

/** The exact mean of integers as the nearest double: JavaScript parses a decimal literal correctly rounded. */
function nearestMean(values: readonly bigint[]): number {
  const sum = values.reduce((total, value) => total + value, 0n);
  const count = BigInt(values.length);
  const magnitude = sum < 0n ? -sum : sum;
  const decimal = `${magnitude / count}.${((magnitude % count) * 10n ** 40n / count).toString().padStart(40, '0')}`;
  return (sum < 0n ? -1 : 1) * Number(decimal);
}

const fixture = useEmulator({ columnDelayMs: 0 });
let config: ServerORMConfig;
let db: Database<typeof tables>;

beforeAll(async () => {
  const emu = fixture.emu;
  config = {
    endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: 'tallies', autoMigrate: true,
    cache: { redis: 'redis://127.0.0.1:6379', l2: { ttl: 60_000, timeout: 2_000, prefix: `bigint-reads-${randomUUID()}:` } },
  };
  db = await new ServerORM(config).init(tables);
  await db.table('tallies').bulkCreate([
    { $id: 'max', group: 'big', views: MAX, score: null, stock: 1 },
    { $id: 'near', group: 'big', views: MAX - 1n, score: -5n, stock: 2 },
    { $id: 'safe', group: 'big', views: ABOVE_SAFE, score: MIN, stock: null },
    // A mean that `Number(sum) / count` rounds to the wrong double (1558911561095307000).
    { $id: 'r1', group: 'round', views: 735176497089952247n },
    { $id: 'r2', group: 'round', views: 2343302710022320590n },
    { $id: 'r3', group: 'round', views: 1598255476173647745n },
  ]);
});
afterAll(async () => {
  await db.close();
});

describe('aggregate() on bigint fields (real SDK over HTTP, local server, real Redis)', () => {
  it('sums, minima and maxima are exact bigints beyond 2^53 (a sum may pass 2^63), averages the nearest number', async () => {
    const spec = { count: true, sum: ['views', 'score', 'stock'], avg: ['views', 'score', 'stock'], min: ['views', 'score'], max: ['views', 'score', 'stock'] } as const;
    fixture.emu.requests.clear();
    const big = await db.table('tallies').aggregate(spec, { group: 'big' }, { pageSize: 2 });
    expect(fixture.emu.requests.count({ operation: 'listRows' })).toBe(2);
    expect(big).toEqual({
      count: 3,
      sum: { views: MAX + (MAX - 1n) + ABOVE_SAFE, score: MIN - 5n, stock: 3 },
      avg: { views: nearestMean([MAX, MAX - 1n, ABOVE_SAFE]), score: nearestMean([MIN, -5n]), stock: 1.5 },
      min: { views: ABOVE_SAFE, score: MIN },
      max: { views: MAX, score: -5n, stock: 2 },
    });
    expect(typeof big.sum.views).toBe('bigint');
    expect(typeof big.sum.stock).toBe('number');
    // (MIN - 5) / 2 = -(2^62 + 2.5): the nearest double is -2^62.
    expect(big.avg.score).toBe(-(2 ** 62));

    const round = await db.table('tallies').aggregate({ avg: ['views'], sum: ['views'] }, { group: 'round' });
    expect(round.avg.views).toBe(nearestMean([735176497089952247n, 2343302710022320590n, 1598255476173647745n]));
    expect(round.avg.views).toBe(1558911561095306800);
    expect(round.avg.views).not.toBe(Number(round.sum.views) / 3);
  });

  it('over no values: a bigint sum is 0n, the rest null', async () => {
    const none = await db.table('tallies').aggregate({ count: true, sum: ['views', 'score'], avg: ['views'], min: ['score'], max: ['score'] }, { group: 'none' });
    expect(none).toEqual({ count: 0, sum: { views: 0n, score: 0n }, avg: { views: null }, min: { score: null }, max: { score: null } });
    const nullScores = await db.table('tallies').aggregate({ sum: ['score'], min: ['score'] }, { $id: 'max' });
    expect(nullScores).toEqual({ count: 1, sum: { score: 0n }, avg: {}, min: { score: null }, max: {} });
  });

  it('keeps the bigint figures exact in the memory cache and in Redis, for another instance', async () => {
    const spec = { sum: ['views'], max: ['views'] } as const;
    const first = await db.table('tallies').aggregate(spec, { group: 'big' });
    fixture.emu.requests.clear();
    expect(await db.table('tallies').aggregate(spec, { group: 'big' })).toBe(first);
    await vi.waitFor(() => expect(db.l2Stats()?.writes ?? 0).toBeGreaterThan(0));
    const other = await new ServerORM(config).init(tables);
    try {
      const shared = await other.table('tallies').aggregate(spec, { group: 'big' });
      expect(shared).toEqual({ count: 3, sum: { views: MAX + (MAX - 1n) + ABOVE_SAFE }, avg: {}, min: {}, max: { views: MAX } });
      expect(fixture.emu.requests.count({ operation: 'listRows' })).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('names the table and the column it refuses', async () => {
    await expect(db.table('tallies').aggregate({ sum: ['label' as 'views'] })).rejects.toThrow(/tallies.*"label" is not an integer or float column of the table, nor a bigint column/s);
  });
});

describe('filters, stand-ins and findOrCreate on bigint fields', () => {
  it('sends filter-object bigints exactly, and refuses a number that lost its digits before sending', async () => {
    const rows = db.table('tallies');
    expect((await rows.find({ views: MAX - 1n })).map((row) => row.$id)).toEqual(['near']);
    expect((await rows.find({ views: [ABOVE_SAFE, MAX] })).map((row) => row.$id).sort()).toEqual(['max', 'safe']);
    expect(await rows.count({ score: null })).toBe(4);
    expect((await rows.findOne({ score: MIN }))?.$id).toBe('safe');
    fixture.emu.requests.clear();
    await expect(rows.find({ views: 2 ** 60 })).rejects.toThrow(QueryError);
    await expect(rows.find({ views: 2 ** 60 })).rejects.toThrow(/tallies.*"views" is a bigint column: the number 1152921504606847000 is beyond ±2\^53 and has lost precision: pass a bigint \(e\.g\. 1152921504606846976n\)/s);
    expect(fixture.emu.requests.count({ operation: 'listRows' })).toBe(0);
    // A Query string keeps a bigint exact too.
    expect((await rows.find([Query.lessThan('score', MIN + 1n)])).map((row) => row.$id)).toEqual(['safe']);
  });

  it('findOrCreate finds and creates with bigint filter values; lists are refused with a readable message', async () => {
    const rows = db.table('tallies');
    const made = await rows.findOrCreate({ views: 2n ** 60n + 1n }, { group: 'made' });
    expect(made.created).toBe(true);
    expect(made.row.views).toBe(2n ** 60n + 1n);
    const again = await rows.findOrCreate({ views: 2n ** 60n + 1n }, { group: 'other' });
    expect(again).toMatchObject({ created: false, row: { $id: made.row.$id, group: 'made' } });
    await expect(rows.findOrCreate({ views: [1n, MAX] } as never, { group: 'x' })).rejects.toThrow(/views: \[1,9223372036854775807\].*takes one value per column/s);
  });

  it('getOrDefault and findOneOrDefault stand-ins carry bigint fields as bigints, frozen', async () => {
    const rows = db.table('tallies');
    const stand = await rows.getOrDefault('missing', { group: 'none', views: 5, score: 2n ** 60n });
    expect(stand).toEqual({ $id: 'missing', group: 'none', views: 5n, score: 2n ** 60n });
    expect(Object.isFrozen(stand)).toBe(true);
    const found = await rows.getOrDefault('max', { group: 'none', views: 5 });
    expect(found.views).toBe(MAX);
    const first = await rows.findOneOrDefault({ views: 7 }, { group: 'none', score: 1 });
    expect(first).toEqual({ group: 'none', views: 7n, score: 1n });
  });
});

describe('the webhook receiver on bigint rows', () => {
  let server: Listening;
  beforeAll(async () => {
    const app = express();
    app.use('/hooks', appwriteWebhook(db, { secret: 'bigint-secret' }));
    server = await listen(app);
  });
  afterAll(async () => {
    await server.close();
  });

  it('invalidates the table of an outside write whose row holds int64 values beyond 2^53', async () => {
    const invalidations: { table: string; origin: InvalidationOrigin }[] = [];
    db.on('invalidate', (event) => invalidations.push(event));
    await db.table('tallies').get('max');
    const hook = fixture.emu.webhooks.add({ url: `${server.url}/hooks`, events: ['databases.tallies.tables.tallies.rows.*'], secret: 'bigint-secret' });
    try {
      const outside = new TablesDB(new Client().setEndpoint(fixture.emu.endpoint).setProject(fixture.emu.projectId).setKey(fixture.emu.apiKey));
      await outside.updateRow({ databaseId: 'tallies', tableId: 'tallies', rowId: 'max', data: { score: MAX } });
      await fixture.emu.webhooks.idle();
      const [delivery] = fixture.emu.webhooks.deliveries();
      expect(delivery?.status).toBe(200);
      // Appwrite writes int64 values exactly (a JS number cannot hold them).
      expect(delivery?.body).toContain('"score":9223372036854775807');
      expect(invalidations).toContainEqual({ table: 'tallies', origin: 'webhook' });
    } finally {
      hook.remove();
      fixture.emu.webhooks.clear();
    }
    expect((await db.table('tallies').get('max'))?.score).toBe(MAX);
  });
});
