import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { AppwriteError } from '../../../src/errors/appwrite-error.js';
import { ConflictError } from '../../../src/errors/conflict-error.js';
import { NotFoundError } from '../../../src/errors/not-found-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { useHandlesFixture } from './handles-fixture.js';
import { describeLocal, itLocal } from '../../helpers/appwrite-target.js';

const fx = useHandlesFixture({ seedRows: 4 });

describe('writes', () => {
  it('invalidate the table: the next read makes one request, after each kind of write', async () => {
    const products = fx.db.table('products');
    const writes: (() => Promise<unknown>)[] = [
      () => products.create({ name: 'Pen', price: 2, category: 'office' }, { id: 'pen' }),
      () => products.update('pen', { price: 3 }),
      () => products.upsert('ink', { name: 'Ink', price: 5, category: 'office' }),
      () => products.increment('pen', 'stock', 5),
      () => products.decrement('pen', 'stock', 2, { min: 0 }),
      () => products.updateWhere({ category: 'garden' }, { stock: 1 }),
      () => products.delete('ink'),
      () => products.deleteWhere([Query.equal('$id', 'p3')]),
    ];
    let expected = 1;
    await products.find();
    for (const write of writes) {
      await products.find();
      expect(fx.count('listRows')).toBe(expected);
      await write();
      expect(products.isUpdated()).toBe(false);
      await products.find();
      expected += 1;
      expect(fx.count('listRows')).toBe(expected);
    }
    expect((await products.getOrFail('pen')).stock).toBe(3);
    expect(await products.count()).toBe(4);
  });

  it('return frozen rows and map Appwrite errors to typed errors', async () => {
    const products = fx.db.table('products');
    const pen = await products.create({ name: 'Pen', price: 2, category: 'office', publishedAt: new Date('2024-01-01T00:00:00Z') }, { id: 'pen' });
    expect(Object.isFrozen(pen)).toBe(true);
    expect(pen.publishedAt).toBe('2024-01-01T00:00:00.000+00:00');
    await expect(products.create({ name: 'Pen', price: 2, category: 'office' }, { id: 'pen' })).rejects.toThrow(ConflictError);
    await expect(products.update('missing', { price: 1 })).rejects.toThrow(NotFoundError);
    await expect(products.delete('missing')).rejects.toMatchObject({ code: 'E_NOT_FOUND', context: { table: 'products', rowId: 'missing' } });
  });

  it('validate before any request', async () => {
    const products = fx.db.table('products');
    await expect(products.create({ name: 'Pen', price: -1, category: 'office' })).rejects.toThrow(ValidationError);
    await expect(products.create({ name: 'Pen', category: 'office' } as never)).rejects.toThrow('price');
    await expect(products.update('p0', { colour: 'red' } as never)).rejects.toThrow(ValidationError);
    await expect(products.increment('p0', 'name' as never)).rejects.toThrow(ValidationError);
    await expect(products.deleteWhere({})).rejects.toThrow('at least one filter');
    expect(fx.emu.requests.count()).toBe(0);
  });

  it('isUpdated, setUpdated and invalidate follow the freshness contract', async () => {
    const products = fx.db.table('products');
    expect(products.isUpdated()).toBe(false);
    await products.all();
    expect(products.isUpdated()).toBe(true);
    products.setUpdated(false);
    expect(products.isUpdated()).toBe(false);
    await products.all();
    expect(fx.count('listRows')).toBe(2);
    products.invalidate();
    expect(products.isUpdated()).toBe(false);
    products.setUpdated(true);
    expect(products.isUpdated()).toBe(true);
    await products.all();
    expect(fx.count('listRows')).toBe(3);
    const events: string[] = [];
    fx.db.on('invalidate', ({ table, origin }) => events.push(`${table}:${origin}`));
    fx.db.invalidateAll();
    expect(events).toContain('products:local');
  });

  itLocal('never cache a read that raced a write', async () => {
    const products = fx.db.table('products');
    fx.emu.faults.add({ operation: 'listRows', tableId: 'products', responseDelayMs: 150, times: 1 });
    const slowRead = products.find({ category: 'office' });
    for (let i = 0; i < 200 && fx.count('listRows') === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    await products.update('p0', { price: 100 });
    const stale = await slowRead;
    expect(stale.find((row) => row.$id === 'p0')?.price).toBe(0);
    const fresh = await products.find({ category: 'office' });
    expect(fresh.find((row) => row.$id === 'p0')?.price).toBe(100);
    expect(fx.count('listRows')).toBe(2);
  });

  itLocal('invalidate even when the outcome of the write is unknown', async () => {
    const products = fx.db.table('products');
    await products.find();
    fx.emu.faults.add({ operation: 'updateRow', tableId: 'products', responseDelayMs: 0, drop: true });
    await expect(products.update('p0', { price: 7 })).rejects.toMatchObject({ code: 'E_CONNECTION', status: 0, message: expect.stringContaining('Lost the connection to Appwrite') as unknown });
    await products.find();
    expect(fx.count('listRows')).toBe(2);
  });
});

describeLocal('retries', () => {
  it('retry reads on 503 and 429', async () => {
    const products = fx.db.table('products');
    fx.emu.faults.add({ operation: 'listRows', status: 503, times: 1 });
    fx.emu.faults.add({ operation: 'getRow', status: 429, times: 2 });
    expect(await products.find()).toHaveLength(4);
    expect(fx.count('listRows')).toBe(2);
    expect((await products.get('p1'))?.$id).toBe('p1');
    expect(fx.count('getRow')).toBe(3);
  });

  it('do not retry a write without an explicit id, and retry one with an id', async () => {
    const products = fx.db.table('products');
    fx.emu.faults.add({ operation: 'createRow', status: 503, times: 1 });
    await expect(products.create({ name: 'A', price: 1, category: 'office' })).rejects.toThrow(AppwriteError);
    expect(fx.count('createRow')).toBe(1);
    fx.emu.faults.add({ operation: 'createRow', status: 503, times: 1 });
    expect((await products.create({ name: 'B', price: 1, category: 'office' }, { id: 'b' })).$id).toBe('b');
    expect(fx.count('createRow')).toBe(3);
    fx.emu.faults.add({ operation: 'incrementRowColumn', status: 503, times: 1 });
    await expect(products.increment('b', 'stock')).rejects.toThrow(AppwriteError);
    expect(fx.count('incrementRowColumn')).toBe(1);
  });

  it('treat a retried delete that finds no row as done', async () => {
    const products = fx.db.table('products');
    fx.emu.faults.add({ operation: 'deleteRow', responseDelayMs: 0, drop: true, times: 1 });
    await products.delete('p2');
    expect(fx.count('deleteRow')).toBe(2);
    expect(await products.get('p2')).toBeNull();
  });
});
