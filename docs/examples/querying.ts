import { Query } from 'node-appwrite';
import { QueryError } from 'appwrite-orm/server';
import type { CatalogDb } from './catalog.js';

export async function readProducts(db: CatalogDb) {
  const products = db.table('products');

  // One row by id: null when it does not exist (getOrFail throws NotFoundError instead).
  const pen = await products.get('pen');

  // The same query in three spellings. They share one cache entry: the second and third are cache hits.
  const viaQuery = await products.find([Query.equal('category', 'office'), Query.greaterThan('price', 1)]);
  const viaLegacy = await products.find(['equal("category", "office")', 'greaterThan("price", 1)']);
  const viaFilter = await products.find({ category: 'office' }); // plain equalities only

  // Filters, order, paging, projection.
  const topOffice = await products.query({ category: 'office' }, { orderBy: ['-price', 'name'], limit: 10 });
  const namesOnly = await products.query({ category: 'office' }, { select: ['name'] });
  const cheapest = await products.findOne([Query.orderAsc('price')]);
  const firstGarden = await products.first({ category: 'garden' });
  const officeCount = await products.count({ category: 'office' }); // Appwrite counts up to 5000

  // Every row: all() pages with cursors and caches the whole list; iterate() holds one page at a time.
  const everything = await products.all();
  let seen = 0;
  for await (const row of products.iterate({ category: 'office' }, { pageSize: 100 })) seen += row.price > 0 ? 1 : 0;

  // A query that cannot be parsed fails before any request is sent.
  const error = await products.find(['equal("price", ']).catch((caught: unknown) => caught);
  const rejected = error instanceof QueryError ? error.message : undefined;

  return { pen, viaQuery, viaLegacy, viaFilter, topOffice, namesOnly, cheapest, firstGarden, officeCount, everything, seen, rejected };
}
