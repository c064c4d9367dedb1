import { describe, expectTypeOf, it } from 'vitest';
import { ServerORM } from '../../../src/server/server-orm.js';

describe('ServerORM.init', () => {
  it('returns a database whose handles are typed from the inline declaration', async () => {
    const orm = new ServerORM({ endpoint: 'http://127.0.0.1:1/v1', projectId: 'p', databaseId: 'd', apiKey: 'k' });
    const db = await orm.init([
      { name: 'products', schema: { name: { type: 'string', required: true }, price: { type: 'float', required: true, min: 0 }, publishedAt: { type: 'datetime' } } },
    ]);
    const products = db.table('products');
    const row = await products.getOrFail('id');
    expectTypeOf(row).not.toBeAny();
    expectTypeOf(row.name).toEqualTypeOf<string>();
    expectTypeOf(row.publishedAt).toEqualTypeOf<string | null>();
    expectTypeOf(row.$sequence).toEqualTypeOf<string>();
    await products.create({ name: 'Pen', price: 2, publishedAt: new Date() });
    // @ts-expect-error price is required
    await products.create({ name: 'Pen' });
    // @ts-expect-error unknown keys are rejected
    await products.create({ name: 'Pen', price: 2, colour: 'red' });
    // @ts-expect-error unknown table
    db.table('orders');
  });
});
