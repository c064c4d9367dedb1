import { TransactionError } from 'appwrite-orm/server';
import type { CatalogDb } from './catalog.js';

export async function useTransactions(db: CatalogDb) {
  await db.table('products').create({ name: 'Ink', price: 5, category: 'office', stock: 3 }, { id: 'ink' });

  // Several writes over two tables, one commit: all of them happen, or none.
  const pen = await db.transaction(async (tx) => {
    const created = await tx.table('products').create({ name: 'Pen', price: 2, category: 'office', stock: 10 }, { id: 'pen' });
    await tx.table('products').decrement('ink', 'stock', 1, { min: 0 });
    await tx.table('rates').upsert('eur', { currency: 'EUR', rate: 1.08 });
    return created; // db.transaction() returns what the callback returns
  }, { ttl: 60 });

  // Reads through `tx` see the staged writes; reads through `db` still see (and cache) the committed rows.
  const { inside, outside } = await db.transaction(async (tx) => {
    await tx.table('products').update('pen', { price: 3 });
    return {
      inside: (await tx.table('products').get('pen'))?.price,
      outside: (await db.table('products').get('pen'))?.price,
    };
  });

  // Throwing rolls back: nothing is applied and nothing is invalidated.
  const rolledBack = await db.transaction(async (tx) => {
    await tx.table('products').delete('pen');
    throw new Error('changed my mind');
  }).catch((error: unknown) => (error as Error).message);

  // Failures are TransactionErrors with a reason: here Appwrite refuses the commit (stock would go below 0).
  const refused = await db.transaction(async (tx) => {
    await tx.table('products').decrement('ink', 'stock', 5, { min: 0 });
  }).catch((error: unknown) => (error instanceof TransactionError ? error.reason : 'other'));

  const stock = (await db.table('products').getOrFail('ink')).stock;
  return { pen, inside, outside, rolledBack, refused, stock, price: (await db.table('products').getOrFail('pen')).price };
}
