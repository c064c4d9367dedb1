import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServerORM } from '../../../src/server/server-orm.js';
import type { Database } from '../../../src/server/database.js';
import { defineTable } from '../../../src/schema/table-definition.js';
import { useEmulator } from '../../helpers/emulator.js';

const tables = [
  defineTable({ name: 'products', schema: { name: { type: 'string', required: true, size: 64 }, price: { type: 'float', required: true } } }),
  defineTable({ name: 'orders', schema: { total: { type: 'float', required: true } } }),
] as const;

const fixture = useEmulator({ columnDelayMs: 0 });
const open: Database<typeof tables>[] = [];
let run = 0;

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

/** Instances of one app (same Appwrite database, same Redis keys), each with its own memory. */
function app(): () => Promise<Database<typeof tables>> {
  const databaseId = `remember${++run}`;
  const prefix = `test-${randomUUID()}:`;
  return async () => {
    const orm = new ServerORM({ endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId, autoMigrate: true,
      cache: { redis: 'redis://127.0.0.1:6379', l2: { prefix, timeout: 5_000 } }, logger: { warn: () => undefined, error: () => undefined } });
    const db = await orm.init(tables);
    open.push(db);
    return db;
  };
}

describe('db.remember()', () => {
  it('computes once for every instance, and a write to a listed table on any instance drops it', async () => {
    const instance = app();
    const [a, b] = [await instance(), await instance()];
    let computed = 0;
    const stockValue = (db: Database<typeof tables>) => db.remember('stock-value', { tables: ['products', 'orders'] }, async () => {
      computed++;
      return (await db.table('products').all()).reduce((sum, row) => sum + row.price, 0);
    });
    // b bumps the tier's generation when a's message arrives: wait for it, so that it drops nothing computed after.
    const told = new Promise<void>((resolve) => b.on('invalidate', ({ table, origin }) => { if (table === 'products' && origin === 'remote') resolve(); }));
    await a.table('products').create({ name: 'Pen', price: 2 });
    await told;
    expect(await Promise.all([stockValue(a), stockValue(a)])).toEqual([2, 2]);
    expect(computed).toBe(1);
    await vi.waitFor(() => expect(a.l2Stats()?.writes).toBeGreaterThanOrEqual(2));
    expect(await stockValue(b)).toBe(2);
    expect(computed).toBe(1);

    await b.table('orders').create({ total: 5 });
    await b.table('products').create({ name: 'Ink', price: 3 });
    expect(await stockValue(b)).toBe(5);
    expect(computed).toBe(2);
    await vi.waitFor(async () => expect(await stockValue(a)).toBe(5));
  });

  it('keeps identities apart, never caches an error, and names what is wrong', async () => {
    const db = await app()();
    const alice = db.as({ jwt: 'alice.jwt.token' });
    expect(await alice.remember('mine', { tables: ['orders'] }, () => Promise.resolve('alice'))).toBe('alice');
    expect(await db.remember('mine', { tables: ['orders'] }, () => Promise.resolve('api key'))).toBe('api key');
    expect(await alice.remember('mine', { tables: ['orders'] }, () => Promise.resolve('recomputed'))).toBe('alice');

    await expect(db.remember('flaky', { tables: ['orders'] }, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await db.remember('flaky', { tables: ['orders'] }, () => Promise.resolve('ok'))).toBe('ok');

    await expect(db.remember('x', { tables: ['nope' as 'orders'] }, () => Promise.resolve(1))).rejects.toThrow('remember("x"): no table named "nope" was declared');
    await expect(db.remember('x', { tables: [] }, () => Promise.resolve(1))).rejects.toThrow('name at least one table');
    await expect(db.remember('', { tables: ['orders'] }, () => Promise.resolve(1))).rejects.toThrow('the key must be a non-empty string');
  });
});
