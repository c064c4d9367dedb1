import { Operator as AppwriteOperator } from 'node-appwrite';
import { describe, expectTypeOf, it } from 'vitest';
import { Operator } from '../../../src/schema/operator.js';
import type { Database } from '../../../src/server/database.js';
import type { BulkDeleteResult } from '../../../src/server/table-types.js';

export const products = {
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 255 },
    price: { type: 'float', required: true, min: 0 },
    stock: { type: 'integer', default: 0 },
    status: { type: 'enum', enum: ['draft', 'live'] },
    publishedAt: { type: 'datetime' },
  },
} as const;
export const orders = { name: 'orders', schema: { total: { type: 'float', required: true } } } as const;

declare const db: Database<readonly [typeof products, typeof orders]>;
const handle = db.table('products');

describe('TableHandle types', () => {
  it('types reads from the declaration, read-only', async () => {
    const row = await handle.getOrFail('p1');
    expectTypeOf(row.price).toEqualTypeOf<number>();
    expectTypeOf(row.stock).toEqualTypeOf<number | null>();
    expectTypeOf(row.status).toEqualTypeOf<'draft' | 'live' | null>();
    expectTypeOf(row.$id).toEqualTypeOf<string>();
    expectTypeOf(await handle.get('p1')).toEqualTypeOf<typeof row | null>();
    expectTypeOf(await handle.find()).toEqualTypeOf<readonly (typeof row)[]>();
    expectTypeOf(await handle.count()).toEqualTypeOf<number>();
    // @ts-expect-error rows are read-only
    row.price = 3;
    expectTypeOf((await db.table('orders').getOrFail('o1')).total).toEqualTypeOf<number>();
  });

  it('checks filter keys and values, orderBy entries and select', async () => {
    await handle.find({ status: 'live', price: [1, 2], publishedAt: new Date(), $id: 'p1', stock: null });
    // @ts-expect-error unknown column
    await handle.find({ colour: 'red' });
    // @ts-expect-error wrong value type
    await handle.find({ price: 'cheap' });
    // @ts-expect-error not an enum value
    await handle.find({ status: 'archived' });
    await handle.query({}, { orderBy: ['-price', 'name', '$createdAt'], limit: 10 });
    // @ts-expect-error unknown order column
    await handle.query({}, { orderBy: ['-colour'] });
    const names = await handle.query({}, { select: ['name'] });
    expectTypeOf(names[0]!).toEqualTypeOf<{ readonly name: string; readonly $id: string }>();
  });

  it('checks writes', async () => {
    await handle.create({ name: 'Pen', price: 2 });
    // @ts-expect-error missing required field
    await handle.create({ name: 'Pen' });
    await handle.update('p1', { price: 3, publishedAt: new Date() });
    await handle.increment('p1', 'stock', 2);
    // @ts-expect-error not numeric
    await handle.increment('p1', 'name');
    await handle.bulkUpsert([{ $id: 'p1', name: 'Pen', price: 2 }]);
    // @ts-expect-error bulkUpsert needs ids
    await handle.bulkUpsert([{ name: 'Pen', price: 2 }]);
    expectTypeOf(await handle.bulkDelete(['p1'])).toEqualTypeOf<BulkDeleteResult>();
    // @ts-expect-error undeclared table
    db.table('missing');
  });
});

describe('TableHandle operator types', () => {
  it('takes operators that fit each field in update, upsert, bulkUpdate, updateWhere and bulkUpsert', async () => {
    await handle.update('p1', { stock: Operator.decrement(1, 0), price: Operator.multiply(0.9), name: Operator.stringConcat('!') });
    await handle.upsert('p1', { name: 'Pen', price: Operator.increment(1) });
    await handle.bulkUpdate([{ id: 'p1', data: { stock: Operator.increment(1) } }]);
    await handle.updateWhere({ status: 'live' }, { publishedAt: Operator.dateSetNow() });
    await handle.bulkUpsert([{ $id: 'p1', name: 'Pen', price: 2, stock: Operator.increment(2) }]);
    // @ts-expect-error a numeric operator on a text field
    await handle.update('p1', { name: Operator.increment(1) });
    // @ts-expect-error no operator on an enum field
    await handle.update('p1', { status: Operator.stringConcat('x') });
    // @ts-expect-error create stores values
    await handle.create({ name: 'Pen', price: Operator.increment(1) });
    // @ts-expect-error node-appwrite's operators are strings, not numbers
    await handle.update('p1', { stock: AppwriteOperator.increment(1) });
  });

  it('takes operators in transaction updates, upserts and updateWhere, checked per field as outside', async () => {
    await db.transaction(async (tx) => {
      await tx.table('products').update('p1', { stock: Operator.increment(1) });
      await tx.table('products').bulkUpdate([{ id: 'p1', data: { stock: Operator.increment(1) } }]);
      await tx.table('products').updateWhere({ status: 'live' }, { stock: Operator.decrement(1, 0) });
      await tx.table('products').upsert('p1', { name: 'Pen', price: Operator.increment(1) });
      // @ts-expect-error no operator on an enum field
      await tx.table('products').update('p1', { status: Operator.stringConcat('x') });
      // @ts-expect-error create stores values
      await tx.table('products').create({ name: 'Pen', price: Operator.increment(1) });
    });
  });
});
