import type { CatalogDb } from './catalog.js';

export async function cacheBehaviour(db: CatalogDb, userJwt: string) {
  const products = db.table('products');
  const log: string[] = [];
  db.on('miss', ({ table }) => log.push(`miss ${table}`));
  db.on('hit', ({ table }) => log.push(`hit ${table}`));
  db.on('invalidate', ({ table, origin }) => log.push(`invalidate ${table} (${origin})`));

  await products.find({ category: 'office' });                 // miss: one request to Appwrite
  await products.find({ category: 'office' });                 // hit: no request
  const fresh = products.isUpdated();                          // true: read since the last invalidation

  await products.find({ category: 'office' }, { ttl: 5_000 }); // per-call TTL (ms) for entries this call stores
  await products.find({ category: 'office' }, { cache: false }); // straight to Appwrite, nothing stored

  await products.create({ name: 'Stapler', price: 9, category: 'office' }); // invalidates 'products'
  const afterWrite = products.isUpdated();                     // false until the next read

  products.setUpdated(false);                                  // drop the table's entries by hand
  db.invalidateAll();                                          // ... or every table's

  // Rows are frozen: they are shared by every caller that hits the same entry.
  const [first] = await products.find({ category: 'office' });
  const frozen = Object.isFrozen(first);

  // Acting as a user: Appwrite applies the user's permissions; entries are kept apart per user.
  const asUser = db.as({ jwt: userJwt });
  const visible = await asUser.table('products').count();

  const { total, tables } = db.stats();
  return { fresh, afterWrite, frozen, visible, hitRate: total.hitRate, productStats: tables.products, log };
}
