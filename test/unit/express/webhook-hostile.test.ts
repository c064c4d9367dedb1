import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { appwriteWebhook } from '../../../src/express/appwrite-webhook.js';
import type { InvalidationOrigin } from '../../../src/cache/cache-events.js';
import type { ExpressDatabase } from '../../../src/express/express-database.js';
import { tablesNamedByWebhook } from '../../../src/express/webhook-events.js';
import { signWebhook } from '../../../src/express/webhook-signature.js';
import { listen, type Listening } from '../../e2e/support/listen.js';

const secret = 'unit-secret';
let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('webhook deliveries naming tables from outside', () => {
  it('reads __proto__ and constructor as plain names and invalidates only declared tables', async () => {
    const cache = new QueryCache({ ttl: 60_000, maxEntries: 100, maxBytes: 1_000_000, enabled: true });
    const db: ExpressDatabase = { databaseId: 'shop', invalidate: (table: string, origin?: InvalidationOrigin) => cache.invalidate(table, origin), tableIds: () => ['products'], stats: () => cache.stats(), invalidateAll: () => cache.invalidateAll() };
    const app = express();
    app.use('/hook', appwriteWebhook(db, { secret, url: 'https://api.example.com/hook' }));
    server = await listen(app);
    const body = '[{"$databaseId":"shop","$tableId":"__proto__"},{"$databaseId":"shop","$tableId":"constructor"},{"__proto__":{"$databaseId":"shop","$tableId":"products"}}]';
    const response = await fetch(`${server.url}/hook`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-appwrite-webhook-signature': signWebhook({ secret, url: 'https://api.example.com/hook', body }),
        'x-appwrite-webhook-events': 'databases.shop.tables.__proto__.rows.r1.create,databases.shop.tables.hasOwnProperty.rows.r1.create',
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ invalidated: [], ignored: ['shop.__proto__', 'shop.hasOwnProperty', 'shop.constructor'] });
    const tables = cache.stats().tables;
    expect(Object.getPrototypeOf(tables)).toBeNull();
    expect(Object.keys(tables)).toEqual([]);
  });

  it('never lets a payload row inherit table ids through its prototype', () => {
    const payload = JSON.parse('{"rows":[{"__proto__":{"$databaseId":"shop","$tableId":"products"}}]}') as unknown;
    expect(tablesNamedByWebhook(undefined, payload)).toEqual([]);
  });
});
