import { ServerORM, defineTable } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';

const products = defineTable({
  name: 'products',
  schema: { name: { type: 'string', required: true, size: 255 }, price: { type: 'float', required: true } },
});

/** Two instances of one app (in production: two processes) sharing one Appwrite and one Redis. */
export async function twoInstances(redisUrl = 'redis://127.0.0.1:6379') {
  const appwrite = await startAppwriteEmulator();
  const config = {
    endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey,
    databaseId: 'shop', autoMigrate: true,
    cache: { redis: redisUrl },            // the invalidation bridge: one publisher, one subscriber connection
  };
  const a = await new ServerORM(config).init([products] as const);
  const b = await new ServerORM(config).init([products] as const);

  await b.table('products').all();          // B caches the table
  const freshOnB = b.table('products').isUpdated();                        // true

  const invalidatedOnB = new Promise<void>((resolve) => {
    b.on('invalidate', ({ table, origin }) => { if (table === 'products' && origin === 'remote') resolve(); });
  });
  await a.table('products').create({ name: 'Pen', price: 2 });             // a write on A...
  await invalidatedOnB;                                                    // ...reaches B through Redis
  const staleOnB = b.table('products').isUpdated();                        // false: the next read refetches
  const rowsOnB = await b.table('products').all();

  const bridge = b.bridgeStats();           // published, received, resyncs, state...
  await Promise.all([a.close(), b.close()]);
  await appwrite.close();
  return { freshOnB, staleOnB, rowsOnB: rowsOnB.length, received: bridge?.received ?? 0 };
}
