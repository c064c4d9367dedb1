import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { TransactionError } from '../../../src/errors/transaction-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { Operator } from '../../../src/schema/operator.js';
import { createAppwriteClient } from '../../../src/appwrite/appwrite-client.js';
import { openDatabase } from '../../../src/server/database-open.js';
import { itLocal } from '../../helpers/appwrite-target.js';
import { waitUntil } from '../../helpers/emulator.js';
import { tables, useHandlesFixture } from './handles-fixture.js';

const fx = useHandlesFixture({ seedRows: 2 });

/** Records the invalidations a database announces. */
function invalidations(db: typeof fx.db): string[] {
  const seen: string[] = [];
  db.on('invalidate', ({ table, origin }) => seen.push(`${table}:${origin}`));
  return seen;
}

describe('db.transaction', () => {
  it('commits writes to two tables atomically, returns the result, and invalidates each table once, after the commit', async () => {
    const seen = invalidations(fx.db);
    const products = fx.db.table('products');
    await products.find();
    const result = await fx.db.transaction(async (tx) => {
      const note = await tx.table('notes').create({ text: 'sold 2 pens' }, { id: 'n1' });
      await tx.table('products').decrement('p0', 'stock', 2);
      await tx.table('products').create({ name: 'Pen', price: 2, category: 'office' }, { id: 'pen' });
      expect(seen).toEqual([]);
      expect(await tx.table('products').get('pen')).toMatchObject({ $id: 'pen', name: 'Pen' });
      expect(await fx.db.table('products').get('pen')).toBeNull();
      return note;
    }, { ttl: 60 });
    expect(result).toMatchObject({ $id: 'n1', text: 'sold 2 pens' });
    expect(seen.sort()).toEqual(['notes:local', 'products:local']);
    expect((await products.getOrFail('p0')).stock).toBe(-2);
    expect(await fx.db.table('notes').get('n1')).toMatchObject({ text: 'sold 2 pens' });
    expect(fx.emu.requests.list({ operation: 'updateTransaction' }).map((entry) => entry.body)).toEqual([{ commit: true }]);
  });

  it('rolls back when the callback throws: no row, no invalidation, the error passed on', async () => {
    const seen = invalidations(fx.db);
    const products = fx.db.table('products');
    await products.find();
    const failure = new Error('payment refused');
    await expect(fx.db.transaction(async (tx) => {
      await tx.table('products').create({ name: 'Pen', price: 2, category: 'office' }, { id: 'pen' });
      throw failure;
    })).rejects.toBe(failure);
    expect(seen).toEqual([]);
    expect(products.isUpdated()).toBe(true);
    expect(fx.emu.requests.list({ operation: 'updateTransaction' }).map((entry) => entry.body)).toEqual([{ rollback: true }]);
    expect(await products.get('pen', { cache: false })).toBeNull();
  });

  it('serves readers outside the committed state from the cache until the commit, and fresh rows right after it', async () => {
    const products = fx.db.table('products');
    expect((await products.getOrFail('p0')).price).toBe(0);
    let slowRead: Promise<unknown> | undefined;
    await fx.db.transaction(async (tx) => {
      await tx.table('products').update('p0', { price: 9 });
      expect((await products.getOrFail('p0')).price).toBe(0);
      expect(fx.count('getRow')).toBe(1);
      expect((await tx.table('products').get('p0'))?.price).toBe(9);
      // A read that misses now, answered late: it started before the commit and must not fill the cache.
      fx.emu.faults.add({ operation: 'listRows', responseDelayMs: 150, times: 1 });
      slowRead = products.find();
      await waitUntil(() => fx.count('listRows') === 1);
    });
    expect(products.isUpdated()).toBe(false);
    expect((await products.getOrFail('p0')).price).toBe(9);
    expect(await slowRead).toHaveLength(2);
    expect((await products.find()).find((row) => row.$id === 'p0')?.price).toBe(9);
    expect(fx.count('listRows')).toBe(2);
  });

  it('invalidates a second instance through the Redis bridge after the commit, not before', async () => {
    const channel = `tx-test-${randomUUID()}`;
    const client = createAppwriteClient({ endpoint: fx.config.endpoint, projectId: fx.config.projectId, credentials: { apiKey: fx.emu.apiKey } });
    const open = (instanceId: string): typeof fx.db => openDatabase<typeof tables>({
      config: { ...fx.config, cache: { ttl: 300_000, maxEntries: 1000, maxBytes: 1 << 24, grace: 0, l2: false, redis: 'redis://127.0.0.1:6379', channel, instanceId } },
      tables, client,
    });
    const [one, two] = [open('one'), open('two')];
    try {
      await Promise.all([one.ready(), two.ready()]);
      const seen = invalidations(two);
      await two.table('products').find();
      await one.transaction(async (tx) => {
        await tx.table('products').update('p1', { price: 7 });
        await tx.table('notes').create({ text: 'x' });
        await new Promise((resolve) => setImmediate(resolve));
        expect(seen).toEqual([]);
        expect(two.table('products').isUpdated()).toBe(true);
      });
      await vi.waitFor(() => expect(seen.sort()).toEqual(['notes:remote', 'products:remote']), { timeout: 5_000, interval: 5 });
      expect((await two.table('products').getOrFail('p1')).price).toBe(7);
      expect(one.bridgeStats()?.published).toBe(2);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  itLocal('settles a commit whose answer was lost after Appwrite applied it: committed, result returned, tables invalidated', async () => {
    const seen = invalidations(fx.db);
    const products = fx.db.table('products');
    expect((await products.getOrFail('p0')).price).toBe(0);
    fx.emu.faults.add({ operation: 'updateTransaction', dropAnswer: true, times: 1 });
    const result = await fx.db.transaction(async (tx) => {
      await tx.table('products').update('p0', { price: 4 });
      return 'sold';
    });
    expect(result).toBe('sold');
    expect(fx.emu.requests.count({ operation: 'updateTransaction' })).toBe(1);
    expect(fx.emu.requests.list({ operation: 'getTransaction' })).toHaveLength(1);
    expect(seen).toEqual(['products:local']);
    expect((await products.getOrFail('p0')).price).toBe(4);
  });

  itLocal('reports a commit whose answer was lost and that Appwrite then reports failed as commit-failed, nothing applied, no invalidation', async () => {
    const seen = invalidations(fx.db);
    const products = fx.db.table('products');
    await products.find();
    fx.emu.faults.add({ operation: 'updateTransaction', dropAnswer: true, times: 1 });
    const error: unknown = await fx.db.transaction(async (tx) => {
      await tx.table('notes').create({ text: 'fine' });
      await tx.table('products').increment('p1', 'stock', 5, { max: 2 });
    }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransactionError);
    expect(error).toMatchObject({ reason: 'commit-failed', nothingApplied: true, tables: ['notes', 'products'] });
    expect((error as Error).message).toContain('reports the transaction failed');
    expect(seen).toEqual([]);
    expect(products.isUpdated()).toBe(true);
    expect(await fx.db.table('notes').count()).toBe(0);
  });

  itLocal('reports an unknown outcome and invalidates when neither the commit nor the status read is answered', async () => {
    const seen = invalidations(fx.db);
    fx.emu.faults.add({ operation: 'updateTransaction', drop: true, times: 1 });
    fx.emu.faults.add({ operation: 'getTransaction', drop: true, times: 1 });
    const error: unknown = await fx.db.transaction(async (tx) => {
      await tx.table('products').update('p0', { price: 4 });
    }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransactionError);
    expect(error).toMatchObject({ reason: 'commit-unknown', nothingApplied: false, tables: ['products'] });
    expect((error as Error).message).toContain('no answer either');
    expect(seen).toEqual(['products:local']);
  });

  itLocal('reports an unknown outcome and invalidates when the commit never arrived and the transaction is still pending', async () => {
    const seen = invalidations(fx.db);
    fx.emu.faults.add({ operation: 'updateTransaction', drop: true, times: 1 });
    const error: unknown = await fx.db.transaction(async (tx) => {
      await tx.table('products').update('p0', { price: 4 });
    }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ reason: 'commit-unknown', nothingApplied: false });
    expect((error as Error).message).toContain('still "pending"');
    expect(seen).toEqual(['products:local']);
  });

  it('invalidates nothing after a commit Appwrite refused and rolled back, and says nothing was applied', async () => {
    const seen = invalidations(fx.db);
    const error: unknown = await fx.db.transaction(async (tx) => {
      await tx.table('products').increment('p1', 'stock', 5, { max: 2 });
    }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ reason: 'commit-failed', nothingApplied: true });
    expect(seen).toEqual([]);
  });

  it('refuses the 101st operation before sending it and rolls the transaction back', async () => {
    const error: unknown = await fx.db.transaction(async (tx) => {
      const notes = tx.table('notes');
      await notes.bulkCreate(Array.from({ length: 250 }, (_, i) => ({ text: `note ${i}` })));
      for (let i = 0; i < 97; i++) await notes.create({ text: `single ${i}` });
      expect(tx.operations).toBe(100);
      await notes.create({ text: 'one too many' });
    }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransactionError);
    expect(error).toMatchObject({ reason: 'limit', tables: ['notes'], context: { table: 'notes' } });
    expect(fx.count('createRow', 'notes')).toBe(97);
    expect(fx.count('createRows', 'notes')).toBe(3);
    expect(fx.emu.requests.list({ operation: 'updateTransaction' }).map((entry) => entry.body)).toEqual([{ rollback: true }]);
    expect(await fx.db.table('notes').count()).toBe(0);
  });

  it('maps expired, unknown, conflicting and failed transactions to TransactionError, naming tables and rows', async () => {
    const products = fx.db.table('products');
    const reasonOf = async (fn: Parameters<typeof fx.db.transaction>[0]): Promise<unknown> => fx.db.transaction(fn).catch((reason: unknown) => reason);

    expect(await reasonOf(async (tx) => {
      await tx.table('products').update('p0', { price: 1 });
      fx.emu.advanceClock(301_000);
      await tx.table('products').update('p1', { price: 1 });
    })).toMatchObject({ reason: 'expired', tables: ['products'], context: { table: 'products', rowId: 'p1' } });

    expect(await reasonOf(async (tx) => {
      await fetch(`${fx.emu.endpoint}/tablesdb/transactions/${tx.id}`, {
        method: 'DELETE', headers: { 'content-type': 'application/json', 'x-appwrite-project': fx.emu.projectId, 'x-appwrite-key': fx.emu.apiKey },
      });
      await tx.table('products').delete('p0');
    })).toMatchObject({ reason: 'unknown' });

    expect(await reasonOf(async (tx) => {
      await tx.table('products').update('p0', { price: 5 });
      fx.emu.advanceClock(10);
      await products.update('p0', { price: 6 });
    })).toMatchObject({ reason: 'conflict', tables: ['products'] });

    const failed = await reasonOf(async (tx) => {
      await tx.table('notes').create({ text: 'fine' });
      await tx.table('products').increment('p1', 'stock', 5, { max: 2 });
    });
    expect(failed).toMatchObject({ reason: 'commit-failed', tables: ['notes', 'products'] });
    expect((failed as Error).message).toContain('attribute_limit_exceeded');

    const missing = await reasonOf(async (tx) => {
      await tx.table('products').delete('p1');
      await products.delete('p1');
    });
    expect(missing).toMatchObject({ reason: 'commit-failed', context: { table: 'products', rowId: 'p1' } });
    expect(await fx.db.table('notes').count()).toBe(0);
  });

  it('stages operators in update, upsert, updateWhere, bulkUpdate and bulkUpsert and applies them at commit', async () => {
    const products = fx.db.table('products');
    await products.bulkUpdate([{ id: 'p0', data: { stock: 10 } }, { id: 'p1', data: { stock: 10 } }]);
    const staged = await fx.db.transaction(async (tx) => {
      const table = tx.table('products');
      const row = await table.update('p0', { stock: Operator.decrement(3, 0), name: 'Pen' });
      await table.update('p0', { stock: Operator.increment(1) });
      await table.upsert('p1', { name: 'Ink', price: Operator.multiply(4), category: 'garden' });
      await table.upsert('p9', { name: 'New', price: Operator.increment(5), category: 'office' });
      await table.updateWhere({ category: 'office' }, { tags: Operator.arrayAppend(['sale']) });
      await table.bulkUpdate([{ id: 'p1', data: { stock: Operator.decrement(20, 0) } }]);
      await table.bulkUpsert([{ $id: 'p8', name: 'Bulk', price: Operator.increment(2), category: 'garden' }]);
      return row;
    });
    expect(staged).toMatchObject({ $id: 'p0', name: 'Pen' });
    expect(staged).not.toHaveProperty('stock');
    expect(await products.getOrFail('p0')).toMatchObject({ name: 'Pen', stock: 8, tags: ['sale'] });
    expect(await products.getOrFail('p1')).toMatchObject({ name: 'Ink', price: 4, stock: 0 });
    expect(await products.getOrFail('p9')).toMatchObject({ price: 5, tags: ['sale'] });
    expect(await products.getOrFail('p8')).toMatchObject({ price: 2 });
    const sent = fx.emu.requests.list({ operation: 'updateRow' }).at(-1)?.body as { data: Record<string, unknown> } | undefined;
    expect(sent?.data.stock).toBe('{"method":"increment","values":[1]}');
  });

  it('checks operators in a transaction against their field before sending, as outside one', async () => {
    await expect(fx.db.transaction(async (tx) => {
      // @ts-expect-error a numeric operator on a text field
      await tx.table('products').update('p0', { name: Operator.increment(1) });
    })).rejects.toThrow(ValidationError);
    await expect(fx.db.transaction(async (tx) => {
      // @ts-expect-error create stores values
      await tx.table('products').create({ name: 'Pen', price: Operator.increment(1), category: 'office' });
    })).rejects.toThrow(ValidationError);
    const text = '{"method":"stringConcat","values":["!"]}';
    for (const stage of [
      (tx: Parameters<Parameters<typeof fx.db.transaction>[0]>[0]) => tx.table('notes').create({ text }),
      (tx: Parameters<Parameters<typeof fx.db.transaction>[0]>[0]) => tx.table('notes').bulkCreate([{ text }]),
    ]) {
      // The commit would run operator-shaped text in a staged create, so it is refused there too.
      await expect(fx.db.transaction(async (tx) => { await stage(tx); })).rejects.toThrow('Operator-shaped value');
    }
    expect(fx.count('updateRow') + fx.count('createRow') + fx.count('createRow', 'notes') + fx.count('createRows', 'notes')).toBe(0);
  });

  it('validates staged writes like ordinary writes, before sending them', async () => {
    await expect(fx.db.transaction(async (tx) => {
      await tx.table('products').create({ name: 'Pen', price: -1, category: 'office' });
    })).rejects.toThrow(ValidationError);
    expect(fx.count('createRow')).toBe(0);
    await expect(fx.db.transaction(() => Promise.resolve(), { ttl: 30 })).rejects.toThrow('ttl');
    expect(fx.emu.requests.count({ operation: 'createTransaction' })).toBe(1);
  });

  it('runs as a user with db.as({ jwt }): rows get the user\'s permissions, and bulk calls are refused as Appwrite refuses them', async () => {
    const alice = fx.db.as({ jwt: fx.emu.createJwt('alice') });
    const staged = await alice.transaction(async (tx) => tx.table('notes').create({ text: 'mine' }, { id: 'mine' }));
    expect(staged.$permissions).toEqual(['read("user:alice")', 'update("user:alice")', 'delete("user:alice")']);
    expect(await alice.table('notes').get('mine')).toMatchObject({ text: 'mine' });
    await expect(alice.transaction(async (tx) => {
      await tx.table('notes').bulkCreate([{ text: 'x' }]);
    })).rejects.toMatchObject({ code: 'E_APPWRITE', status: 401 });
  });
});
