// The example's entry point (`npm start`). With APPWRITE_ENDPOINT unset it runs on the embedded
// Appwrite-compatible server, seeded with sample products; otherwise on the Appwrite you name.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createWarmer, ServerORM } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';
import { createApp } from './app.js';
import { tables } from './schema.js';
import { seed } from './seed.js';
import { warmTasks } from './warming.js';

const env = process.env;

async function connection() {
  if (env.APPWRITE_ENDPOINT === undefined || env.APPWRITE_ENDPOINT === '') {
    const emulator = await startAppwriteEmulator();
    return { emulator, endpoint: emulator.endpoint, projectId: emulator.projectId, apiKey: emulator.apiKey, databaseId: 'shop' };
  }
  const missing = ['APPWRITE_PROJECT_ID', 'APPWRITE_API_KEY'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`APPWRITE_ENDPOINT is set, so ${missing.join(' and ')} must be set too`);
  return {
    emulator: undefined,
    endpoint: env.APPWRITE_ENDPOINT,
    projectId: env.APPWRITE_PROJECT_ID as string,
    apiKey: env.APPWRITE_API_KEY as string,
    databaseId: env.APPWRITE_DATABASE_ID || 'shop',
  };
}

async function main(): Promise<void> {
  const { emulator, ...appwrite } = await connection();
  const orm = new ServerORM({ ...appwrite, autoMigrate: true, cache: { ttl: 5 * 60_000, redis: env.REDIS_URL || undefined } });
  const db = await orm.init(tables);
  const seeded = emulator === undefined ? 0 : await seed(db);

  const warmer = createWarmer(db, {
    every: 60_000,
    jitter: 5_000,
    refreshAfterInvalidate: true,
    tasks: warmTasks,
    onError: (error, task) => console.warn(`warming "${task}" failed:`, error instanceof Error ? error.message : error),
  });
  await warmer.ready;

  const adminToken = env.ADMIN_TOKEN || randomBytes(18).toString('base64url');
  const webhookSecret = env.WEBHOOK_SECRET || randomBytes(18).toString('base64url');
  const app = createApp(db, { adminToken, webhookSecret, webhookUrl: env.WEBHOOK_URL || undefined, warmer });
  const server = app.listen(Number(env.PORT || 3000));
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;

  console.log(`appwrite-orm example listening on ${base}`);
  console.log(emulator ? `  Appwrite: embedded server at ${emulator.endpoint}, ${seeded} sample products` : `  Appwrite: ${appwrite.endpoint}`);
  console.log(`  Redis invalidation bridge: ${env.REDIS_URL ? 'on' : 'off (set REDIS_URL to enable it)'}`);
  console.log(`  admin token: ${adminToken}${env.ADMIN_TOKEN ? '' : ' (generated; set ADMIN_TOKEN to choose it)'}`);
  console.log(`  webhook secret: ${env.WEBHOOK_SECRET ? '(from WEBHOOK_SECRET)' : `${webhookSecret} (generated; set WEBHOOK_SECRET)`}`);
  console.log('Try:');
  console.log(`  curl -i ${base}/products                 # X-Cache-Status: HIT (warmed at start)`);
  console.log(`  curl -i '${base}/products?category=office'`);
  console.log(`  curl -i ${base}/products/pen`);
  console.log(`  curl -i -X POST ${base}/products -H 'content-type: application/json' -d '{"name":"Ruler","category":"office","price":3}'`);
  console.log(`  curl -i -X POST ${base}/products -H 'content-type: application/json' -d '{"name":"","price":-1}'   # 400 with field errors`);
  console.log(`  curl -H 'Authorization: Bearer ${adminToken}' ${base}/admin/cache/stats`);
  console.log(`  webhook endpoint: ${base}/webhooks/appwrite`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    // Whatever hangs (a stuck connection, an unreachable Redis) must not keep the process from exiting.
    setTimeout(() => process.exit(1), 10_000).unref();
    void (async () => {
      // Requests in progress finish first: they may still read the database.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await warmer.stop();
      await db.close();
      await emulator?.close();
    })().catch((error: unknown) => {
      console.error('shutdown failed:', error);
      process.exitCode = 1;
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
