import { describe, expect, it } from 'vitest';
import { BulkPartialError } from '../../../src/errors/bulk-partial-error.js';
import { NotFoundError } from '../../../src/errors/not-found-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { productRows, useHandlesFixture } from './handles-fixture.js';
import { itLocal } from '../../helpers/appwrite-target.js';

const fx = useHandlesFixture();

describe('bulk operations', () => {
  it('use the native endpoints, one request per 100 rows, one invalidation per call', async () => {
    const products = fx.db.table('products');
    const invalidations = (): number => fx.db.stats().tables.products?.invalidations ?? 0;
    await products.find();
    const before = invalidations();
    const created = await products.bulkCreate(productRows(250).map(({ $id: _id, ...row }) => row));
    expect(created).toHaveLength(250);
    expect(created[0]?.name).toBe('Product 0');
    expect(fx.count('createRows')).toBe(3);
    expect(fx.count('createRow')).toBe(0);
    expect(invalidations()).toBe(before + 1);
    expect(await products.count()).toBe(250);

    const ids = created.map((row) => row.$id);
    await products.bulkUpsert(created.slice(0, 150).map((row) => ({ $id: row.$id, name: row.name, price: row.price + 1, category: row.category })));
    expect(fx.count('upsertRows')).toBe(2);

    const updated = await products.bulkUpdate([
      ...ids.slice(0, 120).map((id) => ({ id, data: { stock: 9 } })),
      ...ids.slice(120, 125).map((id) => ({ id, data: { stock: 1 } })),
    ]);
    expect(updated).toHaveLength(125);
    expect(fx.count('updateRows')).toBe(3);
    expect(await products.count({ stock: 9 })).toBe(120);

    const deleted = await products.bulkDelete([...ids.slice(0, 150), 'never-existed']);
    expect(deleted.deleted).toHaveLength(150);
    expect(deleted.notFound).toEqual(['never-existed']);
    expect(fx.count('deleteRows')).toBe(2);
    expect(invalidations()).toBe(before + 4);
    expect(await products.count()).toBe(100);
  });

  itLocal('reports which rows succeeded and which failed', async () => {
    const products = fx.db.table('products');
    fx.emu.faults.add({ operation: 'createRows', status: 500, times: 1 });
    const error = await products.bulkCreate(productRows(200)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BulkPartialError);
    const partial = error as BulkPartialError;
    expect(partial.code).toBe('E_BULK_PARTIAL');
    expect(partial.succeeded).toHaveLength(100);
    expect(partial.failed).toHaveLength(100);
    expect(partial.failed[0]?.error.code).toBe('E_APPWRITE');
    expect(fx.count('createRows')).toBe(2);
    const stored = new Set((await products.all()).map((row) => row.$id));
    expect(partial.succeeded.every((ref) => ref.id !== undefined && stored.has(ref.id))).toBe(true);
    expect(partial.failed.some((ref) => ref.id !== undefined && stored.has(ref.id))).toBe(false);
  });

  it('reports ids that bulkUpdate could not find', async () => {
    const products = fx.db.table('products');
    await products.bulkCreate(productRows(3));
    const error = await products.bulkUpdate([{ id: 'p0', data: { price: 10 } }, { id: 'ghost', data: { price: 10 } }]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BulkPartialError);
    expect((error as BulkPartialError).succeeded).toEqual([{ index: 0, id: 'p0' }]);
    expect((error as BulkPartialError).failed[0]).toMatchObject({ index: 1, id: 'ghost' });
    expect((error as BulkPartialError).failed[0]?.error).toBeInstanceOf(NotFoundError);
    expect((await products.getOrFail('p0')).price).toBe(10);
  });

  it('merges several changes of one row in input order', async () => {
    const products = fx.db.table('products');
    await products.bulkCreate(productRows(2));
    await products.bulkUpdate([{ id: 'p0', data: { price: 5, stock: 1 } }, { id: 'p1', data: { price: 5 } }, { id: 'p0', data: { stock: 2 } }]);
    expect(await products.getOrFail('p0')).toMatchObject({ price: 5, stock: 2 });
    expect(await products.getOrFail('p1')).toMatchObject({ price: 5 });
  });

  it('validates every row before sending any, naming the row index', async () => {
    const products = fx.db.table('products');
    const rows = productRows(5);
    const bad = [...rows.slice(0, 3), { ...rows[3], price: -5 }, rows[4]] as typeof rows;
    const error = await products.bulkCreate(bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).context.rowIndex).toBe(3);
    await expect(products.bulkUpsert([{ name: 'x', price: 1, category: 'c' } as never])).rejects.toThrow('$id');
    await expect(products.bulkUpdate([{ id: 'p0', data: {} }])).rejects.toThrow(ValidationError);
    expect(fx.emu.requests.count()).toBe(0);
    expect(await products.bulkCreate([])).toEqual([]);
    expect(fx.emu.requests.count()).toBe(0);
  });
});
