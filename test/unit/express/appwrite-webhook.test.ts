import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { appwriteWebhook } from '../../../src/express/appwrite-webhook.js';
import type { InvalidationOrigin } from '../../../src/cache/cache-events.js';
import type { ExpressDatabase } from '../../../src/express/express-database.js';
import { signWebhook } from '../../../src/express/webhook-signature.js';
import { listen, type Listening } from '../../e2e/support/listen.js';

const secret = 'unit-secret';

function fakeDb() {
  const cache = new QueryCache({ ttl: 60_000, maxEntries: 100, maxBytes: 1_000_000, enabled: true });
  const invalidated: string[] = [];
  cache.on('invalidate', ({ table, origin }) => invalidated.push(`${table}:${origin}`));
  const db: ExpressDatabase = { databaseId: 'shop', invalidate: (table: string, origin?: InvalidationOrigin) => cache.invalidate(table, origin), tableIds: () => ['products', 'orders_v2'], stats: () => cache.stats(), invalidateAll: () => cache.invalidateAll() };
  return { db, invalidated };
}

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const row = JSON.stringify({ $id: 'o1', $databaseId: 'shop', $tableId: 'orders_v2' });

describe('appwriteWebhook', () => {
  it('requires a secret', () => {
    expect(() => appwriteWebhook(fakeDb().db, { secret: '' })).toThrow(/secret/);
  });

  it('verifies against the configured url when one is given (behind a proxy), by table id', async () => {
    const { db, invalidated } = fakeDb();
    const app = express();
    const publicUrl = 'https://api.example.com/hooks/appwrite';
    app.use('/hook', appwriteWebhook(db, { secret, url: publicUrl }));
    server = await listen(app);
    const post = (signedUrl: string) => fetch(`${server?.url}/hook`, {
      method: 'POST',
      body: row,
      headers: { 'content-type': 'application/json', 'x-appwrite-webhook-signature': signWebhook({ secret, url: signedUrl, body: row }) },
    });
    expect((await post(`${server.url}/hook`)).status).toBe(401);
    const accepted = await post(publicUrl);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ invalidated: ['orders_v2'], ignored: [] });
    expect(invalidated).toEqual(['orders_v2:webhook']);
  });

  it('answers 500 with an explanation when a JSON parser consumed the body first', async () => {
    const app = express();
    app.use(express.json());
    app.use('/hook', appwriteWebhook(fakeDb().db, { secret }));
    server = await listen(app);
    const response = await fetch(`${server.url}/hook`, { method: 'POST', body: row, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/before express\.json/);
  });

  it('refuses an empty body or JSON that is not an object, whatever the content type', async () => {
    const app = express();
    app.use('/hook', appwriteWebhook(fakeDb().db, { secret }));
    server = await listen(app);
    const url = `${server.url}/hook`;
    for (const body of ['', '"text"', '42', 'null']) {
      const signature = signWebhook({ secret, url, body });
      const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/plain', 'x-appwrite-webhook-signature': signature } });
      expect(response.status).toBe(400);
    }
  });

  it('takes a row whose int64 values are beyond 2^53 (a bare 9223372036854775807) and keeps its table identity', async () => {
    const { db, invalidated } = fakeDb();
    const app = express();
    app.use('/hook', appwriteWebhook(db, { secret }));
    server = await listen(app);
    const url = `${server.url}/hook`;
    // As Appwrite writes it: the int64 bare, not quoted; JSON.parse reads it as a rounded number, and ids are strings.
    const body = '{"$id":"big","$sequence":9223372036854775807,"views":9223372036854775807,"low":-9223372036854775808,"history":[9223372036854775807,1],"$databaseId":"shop","$tableId":"orders_v2"}';
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-appwrite-webhook-events': 'databases.shop.tables.orders_v2.rows.big.update', 'x-appwrite-webhook-signature': signWebhook({ secret, url, body }) },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ invalidated: ['orders_v2'], ignored: [] });
    expect(invalidated).toEqual(['orders_v2:webhook']);
    // Without the events header the table comes from the payload alone, the big integers around it.
    const bare = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-appwrite-webhook-signature': signWebhook({ secret, url, body }) } });
    expect(await bare.json()).toEqual({ invalidated: ['orders_v2'], ignored: [] });
  });
});
