import { Query } from 'node-appwrite';
import { Operator, ServerORM, ValidationError, defineTable } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';

export const products = defineTable({
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 100 },
    stock: { type: 'integer', min: 0, default: 0 },
    price: { type: 'float', required: true, min: 0 },
    featured: { type: 'boolean', default: false },
    saleEndsAt: { type: 'datetime' },
    tags: { type: 'string', array: true, size: 32 },
  },
});

/** Sells, restocks and tags products with operators: Appwrite computes each value from the stored one. */
export async function atomicUpdates() {
  const appwrite = await startAppwriteEmulator();
  const orm = new ServerORM({ endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey, databaseId: 'shop', autoMigrate: true });
  const db = await orm.init([products] as const);
  const table = db.table('products');
  await table.create({ name: 'Pen', stock: 3, price: 2, tags: ['office'] }, { id: 'pen' });

  // Two sales at once: neither overwrites the other, and the stock never goes below 0.
  await Promise.all([table.update('pen', { stock: Operator.decrement(1, 0) }), table.update('pen', { stock: Operator.decrement(1, 0) })]);
  const sold = await table.update('pen', {
    stock: Operator.decrement(5, 0),                 // 1 left, so it stops at 0
    price: Operator.multiply(0.5),                   // half price
    featured: Operator.toggle(),
    saleEndsAt: Operator.dateSetNow(),
    tags: Operator.arrayAppend(['sale']),
  });
  // The returned row holds what Appwrite computed; cached reads of the table were invalidated.
  const afterSale = { stock: sold.stock, price: sold.price, featured: sold.featured, tags: sold.tags };

  // Extend the sale by a week, restock every office product, drop the tag.
  await table.update('pen', { saleEndsAt: Operator.dateAddDays(7) });
  const restocked = await table.updateWhere([Query.contains('tags', ['office'])], { stock: Operator.increment(10) });
  const pen = await table.update('pen', { tags: Operator.arrayRemove('sale') });

  // An operator that does not fit its field is refused before anything is sent.
  let refused = '';
  try {
    await table.update('pen', { tags: Operator.increment(1) } as never);
  } catch (error) {
    if (error instanceof ValidationError) refused = error.message;
  }

  await db.close();
  await appwrite.close();
  return { afterSale, restocked, stock: pen.stock, tags: pen.tags, refused };
}
