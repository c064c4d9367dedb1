import { randomUUID } from 'node:crypto';
import { Client, Query, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServerORM } from '../../../src/server/server-orm.js';
import { defineTable } from '../../../src/schema/table-definition.js';
import { Operator } from '../../../src/schema/operator.js';
import { MigrationError, ValidationError } from '../../../src/errors/index.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';
import type { Database } from '../../../src/server/database.js';
import type { ServerORMConfig } from '../../../src/server/config.js';

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);
const ABOVE_SAFE = 2n ** 53n + 1n;

const owners = defineTable({
  name: 'owners',
  schema: { name: { type: 'string', required: true, size: 64 }, budget: { type: 'bigint', default: 0 } },
});

const counters = defineTable({
  name: 'counters',
  schema: {
    label: { type: 'string', required: true, size: 64 },
    views: { type: 'bigint', required: true },
    capped: { type: 'bigint', min: -10n, max: 10, default: 3n },
    history: { type: 'bigint', array: true },
    owner: { type: 'relationship', table: 'owners', relation: 'manyToOne', twoWay: true, twoWayKey: 'counters' },
  },
  indexes: [{ key: 'by_views', type: 'key', attributes: ['views'] }],
});

const tables = [owners, counters] as const;

describe('bigint fields end to end (real SDK over HTTP, local server, real Redis)', () => {
  let appwrite: AppwriteEmulator;
  let config: ServerORMConfig;
  let orm: Database<typeof tables>;

  const open = (): Promise<Database<typeof tables>> => new ServerORM(config).init(tables);

  beforeAll(async () => {
    appwrite = await startAppwriteEmulator({ columnDelayMs: 5 });
    config = {
      endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey, databaseId: 'big', autoMigrate: true,
      cache: { redis: 'redis://127.0.0.1:6379', l2: { ttl: 60_000, timeout: 2_000, prefix: `bigint-${randomUUID()}:` } },
    };
    orm = await open();
    await orm.table('owners').create({ name: 'Ada', budget: MAX }, { id: 'ada' });
    await orm.table('counters').bulkCreate([
      { $id: 'max', label: 'max', views: MAX, history: [MAX, MIN], owner: 'ada' },
      { $id: 'min', label: 'min', views: MIN },
      { $id: 'above', label: 'above', views: ABOVE_SAFE },
      { $id: 'small', label: 'small', views: 5 },
    ]);
  });

  afterAll(async () => {
    await orm.close();
    await appwrite.close();
  });

  it('migrates the columns as Appwrite renders them, and finds nothing to change afterwards', async () => {
    const tablesDB = new TablesDB(new Client().setEndpoint(appwrite.endpoint).setProject(appwrite.projectId).setKey(appwrite.apiKey));
    const views = await tablesDB.getColumn({ databaseId: 'big', tableId: 'counters', key: 'views' }) as { type: string; min: unknown; max: unknown };
    // Created inline in createTable without min/max: no range format, so no bounds (as Appwrite reports it).
    expect(views).toMatchObject({ type: 'bigint', min: null, max: null });
    const capped = await tablesDB.getColumn({ databaseId: 'big', tableId: 'counters', key: 'capped' }) as { min: unknown; max: unknown; default: unknown };
    expect(capped).toMatchObject({ min: -10, max: 10, default: 3 });
    // A second instance finds nothing to change: declared and live bounds compare equal.
    const plan = await new ServerORM({ ...config, autoMigrate: false }).plan(tables);
    expect(plan.steps).toEqual([]);
  });

  it('reads every bigint value as a bigint, exactly, whatever its size', async () => {
    const counter = orm.table('counters');
    const rows = await counter.find([Query.orderAsc('views')]);
    expect(rows.map((row) => row.views)).toEqual([MIN, 5n, ABOVE_SAFE, MAX]);
    expect(rows.every((row) => typeof row.views === 'bigint' && typeof row.capped === 'bigint')).toBe(true);
    expect((await counter.get('max'))?.history).toEqual([MAX, MIN]);
    const small = await counter.get('small');
    expect(small?.views).toBe(5n);
    expect(small?.capped).toBe(3n);
  });

  it('queries bigint columns exactly: Query helpers, filter objects, ranges and order', async () => {
    const counter = orm.table('counters');
    expect((await counter.find([Query.equal('views', [MAX])])).map((row) => row.$id)).toEqual(['max']);
    expect((await counter.find({ views: ABOVE_SAFE })).map((row) => row.$id)).toEqual(['above']);
    expect((await counter.find({ views: 5 })).map((row) => row.$id)).toEqual(['small']);
    // 2^53 + 1 and 2^53 differ only beyond a double's precision.
    expect(await counter.find([Query.equal('views', [2n ** 53n])])).toEqual([]);
    expect((await counter.find([Query.greaterThan('views', ABOVE_SAFE - 1n)])).map((row) => row.$id).sort()).toEqual(['above', 'max']);
    expect((await counter.find([Query.between('views', MIN, 5n)])).map((row) => row.$id).sort()).toEqual(['min', 'small']);
    expect((await counter.query({}, { orderBy: '-views', limit: 2, select: ['views'] })).map((row) => row.views)).toEqual([MAX, ABOVE_SAFE]);
    // The legacy spelling keeps big integers too.
    expect((await counter.find(`equal("views", [${MAX}])`)).map((row) => row.$id)).toEqual(['max']);
  });

  it('keeps bigints in the memory cache and in Redis, for another instance', async () => {
    const counter = orm.table('counters');
    await counter.get('above');
    appwrite.requests.clear();
    const hit = await counter.get('above');
    expect(hit?.views).toBe(ABOVE_SAFE);
    expect(Object.isFrozen(hit)).toBe(true);
    const listed = await counter.find([Query.equal('views', [MAX])]);
    expect(listed[0]?.views).toBe(MAX);
    expect(appwrite.requests.count()).toBe(0);
    // Different values never share a cache entry.
    expect(await counter.find([Query.equal('views', [MAX - 1n])])).toEqual([]);

    await vi.waitFor(() => expect(orm.l2Stats()?.writes ?? 0).toBeGreaterThan(0));
    const other = await open();
    appwrite.requests.clear();
    const fromRedis = await other.table('counters').find([Query.equal('views', [MAX])]);
    expect(fromRedis.map((row) => row.views)).toEqual([MAX]);
    expect(fromRedis[0]?.history).toEqual([MAX, MIN]);
    expect(appwrite.requests.count()).toBe(0);
    expect(other.l2Stats()?.hits).toBeGreaterThan(0);
    await other.close();
  });

  it('turns the related rows a read loads into bigints too', async () => {
    const row = await orm.table('counters').get('max', { with: ['owner'] });
    expect(row?.owner).toMatchObject({ $id: 'ada', budget: MAX });
    const owner = await orm.table('owners').get('ada', { with: ['counters'] });
    const linked = (owner as unknown as { counters: readonly { views: unknown }[] }).counters;
    expect(linked.map((item) => item.views)).toEqual([MAX]);
  });

  it('writes and reads bigints in a transaction, and in bulk and upsert answers', async () => {
    const counter = orm.table('counters');
    const created = await orm.transaction(async (tx) => {
      const made = await tx.table('counters').create({ label: 'tx', views: MAX - 2n }, { id: 'tx' });
      expect(made.views).toBe(MAX - 2n);
      return tx.table('counters').get('tx');
    });
    expect(created?.views).toBe(MAX - 2n);
    expect((await counter.get('tx'))?.views).toBe(MAX - 2n);

    const upserted = await counter.upsert('tx', { label: 'tx', views: 7 });
    expect(upserted.views).toBe(7n);
    const bulk = await counter.bulkUpsert([{ $id: 'tx', label: 'tx', views: MIN + 1n }, { $id: 'bulk', label: 'bulk', views: 1 }]);
    expect(bulk.map((row) => row.views).sort()).toEqual([MIN + 1n, 1n].sort());
    expect((await counter.get('tx'))?.views).toBe(MIN + 1n);
    const updated = await counter.update('bulk', { views: ABOVE_SAFE, history: [1n, 2] });
    expect(updated.views).toBe(ABOVE_SAFE);
    expect(updated.history).toEqual([1n, 2n]);
  });

  it('refuses values a bigint column cannot hold exactly, before sending, naming table and field', async () => {
    const counter = orm.table('counters');
    appwrite.requests.clear();
    const refusal = (data: Record<string, unknown>): Promise<unknown> => counter.create({ label: 'bad', views: 1n, ...data });
    await expect(refusal({ views: MAX + 1n })).rejects.toThrow(ValidationError);
    await expect(refusal({ views: MAX + 1n })).rejects.toThrow(/counters.*views.*out of range/s);
    await expect(refusal({ views: 1.5 })).rejects.toThrow(/views.*whole number/s);
    await expect(refusal({ views: 2 ** 60 })).rejects.toThrow(/views.*lost precision.*pass a bigint/s);
    await expect(refusal({ capped: 11n })).rejects.toThrow(/capped.*from -10 to 10/s);
    await expect(refusal({ history: [1n, 0.5] })).rejects.toThrow(/history/);
    expect(appwrite.requests.count()).toBe(0);
  });

  it('refuses numeric operators on a bigint field (Appwrite 1.9 does), and takes array operators with bigint items', async () => {
    const counter = orm.table('counters');
    await expect(counter.update('small', { views: Operator.increment(1) } as never)).rejects.toThrow(/bigint field.*refuses numeric operators/s);
    const appended = await counter.update('small', { history: Operator.arrayAppend([MAX, 1n]) });
    expect(appended.history).toEqual([MAX, 1n]);
  });
});

describe('increment and decrement on bigint fields', () => {
  let appwrite: AppwriteEmulator;
  let orm: Database<typeof tables>;
  beforeAll(async () => {
    appwrite = await startAppwriteEmulator({ columnDelayMs: 5 });
    orm = await new ServerORM({
      endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey, databaseId: 'steps', autoMigrate: true, cache: false,
    }).init(tables);
    await orm.table('counters').create({ label: 'c', views: MAX - 3n }, { id: 'c' });
  });
  afterAll(async () => {
    await orm.close();
    await appwrite.close();
  });

  it('adds and subtracts exactly, with bigint steps and bounds, in and out of transactions', async () => {
    const counter = orm.table('counters');
    expect((await counter.increment('c', 'views')).views).toBe(MAX - 2n);
    expect((await counter.increment('c', 'views', 1n, { max: MAX })).views).toBe(MAX - 1n);
    await expect(counter.increment('c', 'views', 2n, { max: MAX })).rejects.toThrow();
    expect((await counter.decrement('c', 'views', MAX - 1n)).views).toBe(0n);
    await orm.transaction(async (tx) => {
      await tx.table('counters').increment('c', 'views', 2n ** 60n);
      await tx.table('counters').decrement('c', 'views', 1);
    });
    expect((await counter.get('c'))?.views).toBe(2n ** 60n - 1n);
  });

  it('refuses a step a bigint field cannot take exactly, before sending', async () => {
    const counter = orm.table('counters');
    appwrite.requests.clear();
    await expect(counter.increment('c', 'views', 1.5)).rejects.toThrow(/views.*the step must be a bigint or a safe integer >= 0, got 1.5/s);
    await expect(counter.increment('c', 'views', 2 ** 60)).rejects.toThrow(ValidationError);
    await expect(counter.decrement('c', 'views', -1n)).rejects.toThrow(/got -1n/);
    await expect(orm.transaction((tx) => tx.table('counters').increment('c', 'views', 2 ** 60))).rejects.toThrow(/views.*safe integer >= 0, got 1152921504606847000/s);
    expect(appwrite.requests.count({ operation: 'incrementRowColumn' }) + appwrite.requests.count({ operation: 'decrementRowColumn' })).toBe(0);
  });
});

describe('bigint fields on a server without them (Appwrite before 1.9.5)', () => {
  let appwrite: AppwriteEmulator;
  beforeAll(async () => {
    appwrite = await startAppwriteEmulator({ columnDelayMs: 5 });
  });
  afterAll(async () => {
    await appwrite.close();
  });

  it('says which Appwrite version bigint columns need when the bigint route answers 404', async () => {
    const base = { endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey, databaseId: 'old', autoMigrate: true, cache: false } as const;
    const before = defineTable({ name: 'meters', schema: { label: { type: 'string', size: 16 } } });
    await (await new ServerORM(base).init([before] as const)).close();
    appwrite.faults.add({ operation: 'createBigIntColumn', status: 404, type: 'general_route_not_found' });
    const after = defineTable({ name: 'meters', schema: { label: { type: 'string', size: 16 }, reading: { type: 'bigint' } } });
    const failure = new ServerORM(base).init([after] as const);
    await expect(failure).rejects.toThrow(MigrationError);
    await expect(new ServerORM(base).init([after] as const)).rejects.toThrow(/meters\.reading: bigint columns need Appwrite 1\.9\.5 or later/);
  });

  it('says the same when createTable refuses an inline bigint column, as 1.9.0 does', async () => {
    const base = { endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey, databaseId: 'older', autoMigrate: true, cache: false } as const;
    // The answer Appwrite 1.9.0 gives (recorded in a-tables, seq 23).
    appwrite.faults.add({ operation: 'createTable', status: 400, type: 'general_argument_invalid', message: "Invalid type for attribute 'reading': bigint" });
    const meters = defineTable({ name: 'meters', schema: { reading: { type: 'bigint' } } });
    const failure = await new ServerORM(base).init([meters] as const).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).message).toMatch(/meters\.reading: bigint columns need Appwrite 1\.9\.5 or later/);
    expect((failure as MigrationError).context).toMatchObject({ table: 'meters', field: 'reading' });
  });
});
