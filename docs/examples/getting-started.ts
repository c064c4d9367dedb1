import { ServerORM } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';

// A local Appwrite-compatible server; point `endpoint`, `projectId` and `apiKey` at your Appwrite instead.
const appwrite = await startAppwriteEmulator();
const orm = new ServerORM({
  endpoint: appwrite.endpoint,
  projectId: appwrite.projectId,
  apiKey: appwrite.apiKey,
  databaseId: 'shop',
  autoMigrate: true,
});

const db = await orm.init([
  {
    name: 'products',
    schema: {
      name: { type: 'string', required: true, size: 255 },
      price: { type: 'float', required: true, min: 0 },
      category: { type: 'string', required: true, size: 64 },
    },
    indexes: [{ key: 'by_category', type: 'key', attributes: ['category'] }],
  },
] as const);

const products = db.table('products');
await products.bulkCreate([
  { name: 'Pen', price: 2, category: 'office' },
  { name: 'Desk', price: 180, category: 'office' },
  { name: 'Mug', price: 9, category: 'kitchen' },
]);

const office = await products.query({ category: 'office' }, { orderBy: ['price'] }); // from Appwrite
await products.query({ category: 'office' }, { orderBy: ['price'] });                // from the cache
console.log('office products, cheapest first:', office.map((row) => row.name).join(', ')); // Pen, Desk
console.log('cache fresh after the reads:', products.isUpdated());                      // true

await products.create({ name: 'Stapler', price: 12, category: 'office' });             // invalidates the table
console.log('cache fresh after a write:', products.isUpdated());                        // false

await db.close();
await appwrite.close();
