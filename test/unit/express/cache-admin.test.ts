import express, { type Request } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { cacheAdmin } from '../../../src/express/cache-admin.js';
import type { InvalidationOrigin } from '../../../src/cache/cache-events.js';
import type { ExpressDatabase } from '../../../src/express/express-database.js';
import { listen, type Listening } from '../../e2e/support/listen.js';

function fakeDb(): ExpressDatabase & { cache: QueryCache } {
  const cache = new QueryCache({ ttl: 60_000, maxEntries: 100, maxBytes: 1_000_000, enabled: true });
  return { databaseId: 'shop', cache, invalidate: (table: string, origin?: InvalidationOrigin) => cache.invalidate(table, origin), tableIds: () => ['products'], stats: () => cache.stats(), invalidateAll: () => cache.invalidateAll() };
}

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(authorize: (req: Request) => boolean | Promise<boolean>, db = fakeDb()) {
  const app = express();
  app.use('/admin', cacheAdmin(db, { authorize }));
  server = await listen(app);
  return (path: string, method = 'GET') => fetch(`${server?.url}/admin${path}`, { method });
}

describe('cacheAdmin', () => {
  it('has no open default: construction without authorize throws', () => {
    expect(() => cacheAdmin(fakeDb(), {} as never)).toThrow(/authorize/);
    expect(() => cacheAdmin(fakeDb(), undefined as never)).toThrow(/authorize/);
  });

  it('allows only an authorize that returns true, sync or async', async () => {
    expect((await (await start(() => true))('/stats')).status).toBe(200);
    await server?.close();
    expect((await (await start(() => Promise.resolve(true)))('/stats')).status).toBe(200);
    await server?.close();
    expect((await (await start(() => 'yes' as unknown as boolean))('/stats')).status).toBe(401);
  });

  it('fails closed when authorize throws or rejects', async () => {
    const request = await start(() => {
      throw new Error('session store down');
    });
    expect((await request('/invalidate', 'POST')).status).toBe(401);
    await server?.close();
    const rejecting = await start(() => Promise.reject(new Error('down')));
    expect((await rejecting('/stats')).status).toBe(401);
  });

  it('runs authorize before every route, and does not act on refused requests', async () => {
    const db = fakeDb();
    const invalidate = vi.spyOn(db.cache, 'invalidate');
    const request = await start(() => false, db);
    for (const [path, method] of [['/stats', 'GET'], ['/invalidate', 'POST'], ['/invalidate/products', 'POST'], ['/warm', 'POST'], ['/nope', 'GET']] as const) {
      expect((await request(path, method)).status).toBe(401);
    }
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('answers 404 for POST /warm when nothing to warm is configured', async () => {
    const request = await start(() => true);
    expect((await request('/warm', 'POST')).status).toBe(404);
  });

  it('POST /warm with tasks runs them and reports errors by message', async () => {
    const app = express();
    const db = fakeDb();
    app.use('/admin', cacheAdmin(db, {
      authorize: () => true,
      warm: [{ name: 'ok', run: () => Promise.resolve() }, { name: 'bad', run: () => Promise.reject(new Error('no Appwrite')) }],
    }));
    server = await listen(app);
    const response = await fetch(`${server.url}/admin/warm`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: false, failed: 1, tasks: [{ name: 'ok', ok: true }, { name: 'bad', ok: false, error: 'no Appwrite' }] });
  });
});
