import { createHmac } from 'node:crypto';
import { Client, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InvalidationOrigin } from '../../src/cache/cache-events.js';
import { cacheHeaders, DATABASE_ID, startExample, WEBHOOK_SECRET, type ExampleFixture } from './support/example-fixture.js';
import { queryCacheOf } from '../../src/server/database-impl.js';

let app: ExampleFixture;
const invalidations: { table: string; origin: InvalidationOrigin }[] = [];
beforeAll(async () => {
  app = await startExample();
  app.db.on('invalidate', (event) => invalidations.push(event));
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  queryCacheOf(app.db).clear();
  invalidations.length = 0;
});

/** A delivery as Appwrite's webhook worker sends it: PHP's json_encode body, signature over URL + body. */
function delivery(row: Record<string, unknown>, options: { secret?: string; events?: string; tamper?: (body: string) => string } = {}) {
  const body = JSON.stringify(row).replaceAll('/', '\\/');
  const url = `${app.url}/webhooks/appwrite`;
  const signature = createHmac('sha1', options.secret ?? WEBHOOK_SECRET).update(url + body).digest('base64');
  const events = options.events ?? `databases.${DATABASE_ID}.tables.products.rows.${String(row.$id)}.update,databases.*.tables.*.rows.*.update,databases.${DATABASE_ID}`;
  return fetch(url, {
    method: 'POST',
    body: options.tamper ? options.tamper(body) : body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Appwrite-Server v1.9.0. Please report abuse at security@appwrite.io',
      'x-appwrite-webhook-id': 'wh1',
      'x-appwrite-webhook-events': events,
      'x-appwrite-webhook-name': 'orm cache',
      'x-appwrite-webhook-project-id': app.emu.projectId,
      'x-appwrite-webhook-signature': signature,
    },
  });
}

const pen = { $id: 'pen', $databaseId: DATABASE_ID, $tableId: 'products', name: 'Fountain pen / ink', price: 30 };

describe('the Appwrite webhook receiver', () => {
  it('accepts a delivery signed as Appwrite signs it and invalidates the table, with origin "webhook"', async () => {
    await app.request('/products');
    expect(cacheHeaders(await app.request('/products'))[0]).toBe('HIT');
    const response = await delivery(pen);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ invalidated: ['products'], ignored: [] });
    expect(invalidations).toEqual([{ table: 'products', origin: 'webhook' }]);
    expect(cacheHeaders(await app.request('/products'))[0]).toBe('MISS');
  });

  it('refuses a tampered body, a wrong secret or a missing signature with 401, invalidating nothing', async () => {
    const tampered = await delivery(pen, { tamper: (body) => body.replace('30', '1') });
    expect(tampered.status).toBe(401);
    expect((await delivery(pen, { secret: 'not-the-secret' })).status).toBe(401);
    const unsigned = await fetch(`${app.url}/webhooks/appwrite`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pen) });
    expect(unsigned.status).toBe(401);
    expect(invalidations).toEqual([]);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const url = `${app.url}/webhooks/appwrite`;
    const body = '{"$id": "pen", truncated';
    const signature = createHmac('sha1', WEBHOOK_SECRET).update(url + body).digest('base64');
    const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-appwrite-webhook-signature': signature } });
    expect(response.status).toBe(400);
    expect(invalidations).toEqual([]);
  });

  it('ignores tables of other databases and tables the database does not declare', async () => {
    const response = await delivery(
      { $id: 'o1', $databaseId: 'other', $tableId: 'products' },
      { events: 'databases.other.tables.products.rows.o1.create,databases.shop.tables.orders.rows.o1.create' },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ invalidated: [], ignored: ['other.products', 'shop.orders'] });
    expect(invalidations).toEqual([]);
  });

  it('keeps the cache right when a row changes outside the ORM: the emulator delivers the webhook, the app invalidates', async () => {
    const hook = app.emu.webhooks.add({ url: `${app.url}/webhooks/appwrite`, events: [`databases.${DATABASE_ID}.tables.products.rows.*`], secret: WEBHOOK_SECRET });
    try {
      await app.request('/products/mug');
      expect(cacheHeaders(await app.request('/products/mug'))[0]).toBe('HIT');
      // Another client (the console, a function...) changes the row directly.
      const outside = new TablesDB(new Client().setEndpoint(app.emu.endpoint).setProject(app.emu.projectId).setKey(app.emu.apiKey));
      await outside.updateRow({ databaseId: DATABASE_ID, tableId: 'products', rowId: 'mug', data: { price: 99 } });
      await app.emu.webhooks.idle();
      expect(app.emu.webhooks.deliveries().map((call) => call.status)).toEqual([200]);
      expect(invalidations).toEqual([{ table: 'products', origin: 'webhook' }]);
      const fresh = await app.request('/products/mug');
      expect(cacheHeaders(fresh)[0]).toBe('MISS');
      expect(await fresh.json()).toMatchObject({ price: 99 });
    } finally {
      hook.remove();
      app.emu.webhooks.clear();
    }
  });
});
