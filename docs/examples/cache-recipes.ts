import { ServerORM, defineTable } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';

const users = defineTable({
  name: 'users',
  schema: { email: { type: 'string', required: true, size: 128 }, name: { type: 'string', required: true, size: 64 } },
  indexes: [{ key: 'by_email', type: 'unique', attributes: ['email'] }],   // makes findOrCreate race-safe
});
const products = defineTable({
  name: 'products',
  schema: { name: { type: 'string', required: true, size: 64 }, price: { type: 'float', required: true }, featured: { type: 'boolean' } },
});
const settings = defineTable({
  name: 'settings',
  schema: { theme: { type: 'string', required: true, size: 16 }, locale: { type: 'string', required: true, size: 8 } },
});
const stock = defineTable({
  name: 'stock',
  schema: { sku: { type: 'string', required: true, size: 32 }, units: { type: 'integer', required: true } },
  cache: false,                                  // always read from Appwrite
});

export async function cacheRecipes() {
  const appwrite = await startAppwriteEmulator();
  const db = await new ServerORM({
    endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey, databaseId: 'recipes', autoMigrate: true,
  }).init([users, products, settings, stock] as const);

  // findOrCreate: one cached read; a create when nothing matches.
  const ada = await db.table('users').findOrCreate({ email: 'ada@example.com' }, { name: 'Ada' });        // created: true
  const again = await db.table('users').findOrCreate({ email: 'ada@example.com' }, { name: 'Ignored' }); // created: false

  // getOrDefault: a stand-in row when there is none; nothing is written.
  const prefs = await db.table('settings').getOrDefault('user-1', { theme: 'light', locale: 'en' });

  // aggregate: computed page by page, cached as one entry, dropped by any write to the table.
  for (const [name, price] of [['Pen', 2], ['Ink', 3], ['Lamp', 25]] as const) {
    await db.table('products').create({ name, price, featured: price > 2 });
  }
  const figures = await db.table('products').aggregate({ count: true, sum: ['price'], avg: ['price'], max: ['price'] });

  // remember: cache any computed value; a write to a listed table drops it.
  let computed = 0;
  const catalogValue = () => db.remember('catalog-value', { tables: ['products'], ttl: 60_000 }, async () => {
    computed++;
    return (await db.table('products').all()).reduce((sum, row) => sum + row.price, 0);
  });
  await catalogValue();
  await catalogValue();                           // served from the cache: computed stays 1

  // tags: drop a group of results, whatever their tables, on every instance.
  await db.table('products').find({ featured: true }, { tags: ['homepage'] });
  db.invalidateTags(['homepage']);

  // cache: false on a table: every read goes to Appwrite.
  await db.table('stock').all();
  await db.table('stock').all();

  await db.close();
  await appwrite.close();
  return {
    created: [ada.created, again.created], sameRow: ada.row.$id === again.row.$id, prefs,
    figures, computed, stockRequests: appwrite.requests.count({ tableId: 'stock', operation: 'listRows' }),
  };
}
