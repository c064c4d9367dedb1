import { Query } from 'node-appwrite';
import { BulkPartialError, ValidationError } from 'appwrite-orm/server';
import type { CatalogDb } from './catalog.js';

export async function writeProducts(db: CatalogDb) {
  const products = db.table('products');

  // Single rows. Each write validates first, then invalidates the table.
  const pen = await products.create({ name: 'Pen', price: 2, category: 'office' }, { id: 'pen' });
  await products.update('pen', { price: 3, publishedAt: new Date('2024-01-01T00:00:00Z') });
  await products.upsert('ink', { name: 'Ink', price: 5, category: 'office' });
  await products.increment('pen', 'stock', 10);
  await products.decrement('pen', 'stock', 3, { min: 0 });

  // Bulk: native endpoints, 100 rows a request, one invalidation per call.
  await products.bulkCreate([
    { $id: 'rake', name: 'Rake', price: 12, category: 'garden' },
    { $id: 'hose', name: 'Hose', price: 20, category: 'garden' },
  ]);
  await products.bulkUpdate([
    { id: 'rake', data: { stock: 4 } },
    { id: 'hose', data: { stock: 4 } }, // same change as the rake: both go in one updateRows request
    { id: 'ink', data: { price: 6 } },
  ]);
  const raised = await products.updateWhere({ category: 'garden' }, { tags: ['outdoor'] });
  const { deleted, notFound } = await products.bulkDelete(['ink', 'no-such-row']);
  const removed = await products.deleteWhere([Query.lessThan('price', 1)]);

  // Validation happens before anything is sent, and names the field (and the row index in bulk calls).
  const invalid = await products.create({ name: 'Broken', price: -1, category: 'office' }).catch((caught: unknown) => caught);
  const field = invalid instanceof ValidationError ? invalid.context.field : undefined;

  // A bulk call that partly fails says which rows went through.
  const partial = await products
    .bulkCreate([{ $id: 'pen', name: 'Pen again', price: 1, category: 'office' }, { $id: 'clip', name: 'Clip', price: 1, category: 'office' }])
    .catch((caught: unknown) => caught);
  const report = partial instanceof BulkPartialError
    ? { succeeded: partial.succeeded.map((row) => row.id), failed: partial.failed.map((row) => row.id) }
    : undefined;

  return { pen, raised, deleted, notFound, removed, field, report, stock: (await products.getOrFail('pen')).stock };
}
