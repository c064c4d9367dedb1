import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../../src/express/webhook-signature.js';
import { webhookSignature } from '../../../src/testing/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });
const received: { headers: IncomingHttpHeaders; body: string; raw: Buffer }[] = [];
let receiver: Server;
let url = '';

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({ headers: req.headers, body: raw.toString('utf8'), raw });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/appwrite`;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('emulator webhooks', () => {
  it('posts each matching row event with Appwrite headers and a verifiable signature', async () => {
    received.length = 0;
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 'posts', [{ key: 'title', type: 'string', size: 50, required: true }]);
    const hook = fixture.emu.webhooks.add({ url, secret: 's3cret', name: 'cache', events: ['databases.db.tables.posts.rows.*'] });
    fixture.emu.webhooks.add({ url, events: ['databases.*.tables.other.rows.*'] });
    await tablesDb.createRow({ databaseId: 'db', tableId: 'posts', rowId: 'p1', data: { title: 'Café / menu' } });
    await tablesDb.updateRow({ databaseId: 'db', tableId: 'posts', rowId: 'p1', data: { title: 'New' } });
    await tablesDb.createRows({ databaseId: 'db', tableId: 'posts', rows: [{ $id: 'p2', title: 'A' }, { $id: 'p3', title: 'B' }] });
    await tablesDb.deleteRow({ databaseId: 'db', tableId: 'posts', rowId: 'p1' });
    await fixture.emu.webhooks.idle();
    expect(received).toHaveLength(5);
    const first = received[0];
    expect(first?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-appwrite-webhook-id': hook.id,
      'x-appwrite-webhook-name': 'cache',
      'x-appwrite-webhook-project-id': fixture.emu.projectId,
      'x-appwrite-webhook-user-id': '',
    });
    const events = String(first?.headers['x-appwrite-webhook-events']).split(',');
    expect(events[0]).toBe('databases.db.tables.posts.rows.p1.create');
    expect(events).toContain('databases.*.collections.*.documents.*.create');
    expect(events).toHaveLength(42);
    expect(first?.body).toContain('"title":"Caf\\u00e9 \\/ menu"');
    expect(first?.headers['x-appwrite-webhook-signature']).toBe(webhookSignature('s3cret', url, first?.body ?? ''));
    expect(received.map((call) => String(call.headers['x-appwrite-webhook-events']).split(',')[0])).toEqual([
      'databases.db.tables.posts.rows.p1.create',
      'databases.db.tables.posts.rows.p1.update',
      'databases.db.tables.posts.rows.p2.create',
      'databases.db.tables.posts.rows.p3.create',
      'databases.db.tables.posts.rows.p1.delete',
    ]);
    expect(fixture.emu.webhooks.deliveries().every((delivery) => delivery.status === 200)).toBe(true);
  });

  it('signs deliveries to odd URLs so that the library verifier accepts them (rawurldecode of the URL)', async () => {
    received.length = 0;
    const tablesDb = fixture.tablesDb();
    await createTable(tablesDb, 'posts', [{ key: 'title', type: 'string', size: 50, required: true }]);
    const origin = new URL(url).origin;
    const urls = [`${origin}/hooks/caf%E9?x=%&q=a+b`, `${origin}/hooks/a%20b/%C3%A9`, `${origin}/hooks/a b?c=%2B%zz`];
    const hooks = urls.map((hookUrl) => ({ url: hookUrl, ...fixture.emu.webhooks.add({ url: hookUrl, secret: 'whsec', events: ['databases.*.tables.*.rows.*'] }) }));
    await tablesDb.createRow({ databaseId: 'db', tableId: 'posts', rowId: 'p1', data: { title: 'Café / menu' } });
    await fixture.emu.webhooks.idle();
    expect(received).toHaveLength(urls.length);
    for (const hook of hooks) {
      const delivery = received.find((call) => call.headers['x-appwrite-webhook-id'] === hook.id);
      const signature = String(delivery?.headers['x-appwrite-webhook-signature']);
      expect(verifyWebhookSignature({ secret: 'whsec', url: hook.url, body: delivery?.raw ?? Buffer.alloc(0) }, signature)).toBe(true);
      expect(verifyWebhookSignature({ secret: 'whsec', url: `${hook.url}x`, body: delivery?.raw ?? Buffer.alloc(0) }, signature)).toBe(false);
    }
  });
});
