import { randomUUID } from 'node:crypto';
import { ServerORM, defineTable } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';

const products = defineTable({
  name: 'products',
  schema: { name: { type: 'string', required: true, size: 255 }, price: { type: 'float', required: true } },
});

/** Two instances of one app sharing the cache tier in Redis: the second one starts warm. */
export async function sharedCache(redisUrl = 'redis://127.0.0.1:6379') {
  const appwrite = await startAppwriteEmulator();
  const config = {
    endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey,
    databaseId: 'shop', autoMigrate: true,
    cache: {
      redis: redisUrl,                          // the bridge, and where the shared tier lives
      l2: {
        ttl: 10 * 60_000,                       // entries live 10 minutes in Redis
        compress: true,                         // results of 16 KiB and more are deflated
        timeout: 1_000,                         // give up on a Redis command after 1 s (default 100 ms)
        prefix: `docs-${randomUUID()}:`,        // a fresh local server each run: keep earlier runs' entries apart
      },
    },
  };
  const a = await new ServerORM(config).init([products] as const);
  await a.table('products').create({ name: 'Pen', price: 2 });
  await a.table('products').all();             // Appwrite, then this process's memory and Redis

  const b = await new ServerORM(config).init([products] as const);  // a new instance, cold memory
  appwrite.requests.clear();
  const rowsOnB = await b.table('products').all();                  // served from Redis
  const appwriteRequests = appwrite.requests.count();               // 0

  await b.table('products').create({ name: 'Ink', price: 3 });      // bumps the table's generation in Redis
  const afterWrite = await b.table('products').all();               // never the old page: [Ink, Pen]

  const l2 = b.l2Stats();                       // hits, misses, writes, bumps, state...
  await Promise.all([a.close(), b.close()]);
  await appwrite.close();
  return { rowsOnB: rowsOnB.length, appwriteRequests, afterWrite: afterWrite.length, hits: l2?.hits ?? 0 };
}
