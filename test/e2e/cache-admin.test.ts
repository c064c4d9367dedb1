import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheHeaders, startExample, type ExampleFixture } from './support/example-fixture.js';
import { queryCacheOf } from '../../src/server/database-impl.js';

let app: ExampleFixture;
beforeAll(async () => {
  app = await startExample({ warm: true });
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  queryCacheOf(app.db).clear();
});

const routes: [string, string][] = [
  ['GET', '/admin/cache/stats'],
  ['POST', '/admin/cache/invalidate'],
  ['POST', '/admin/cache/invalidate/products'],
  ['POST', '/admin/cache/warm'],
];

describe('the cache admin router', () => {
  it.each(routes)('refuses %s %s without the token, or with a wrong one', async (method, path) => {
    expect((await app.request(path, { method })).status).toBe(401);
    expect((await app.request(path, { method, headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await app.request(path, { method, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } })).status).toBe(401);
  });

  it('shows the cache stats', async () => {
    await app.request('/products');
    await app.request('/products');
    const response = await app.request('/admin/cache/stats', { headers: app.admin });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ total: { hits: expect.any(Number), misses: expect.any(Number) }, tables: { products: { hits: expect.any(Number) } } });
  });

  it('invalidates one table, or answers 404 for a table the database does not declare', async () => {
    await app.request('/products');
    expect(cacheHeaders(await app.request('/products'))[0]).toBe('HIT');
    const response = await app.request('/admin/cache/invalidate/products', { method: 'POST', headers: app.admin });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ invalidated: ['products'] });
    expect(cacheHeaders(await app.request('/products'))[0]).toBe('MISS');

    const unknown = await app.request('/admin/cache/invalidate/orders', { method: 'POST', headers: app.admin });
    expect(unknown.status).toBe(404);
  });

  it('invalidates every table', async () => {
    await app.request('/products/pen');
    const response = await app.request('/admin/cache/invalidate', { method: 'POST', headers: app.admin });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ invalidated: ['products', 'reviews'] });
    expect(cacheHeaders(await app.request('/products/pen'))[0]).toBe('MISS');
  });

  it('runs the warm tasks and reports them; the warmed query is then a HIT', async () => {
    const response = await app.request('/admin/cache/warm', { method: 'POST', headers: app.admin });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { ok: boolean; tasks: { name: string; ok: boolean; tables: string[]; loaded: number }[] };
    expect(report.ok).toBe(true);
    expect(report.tasks.map((task) => task.name)).toContain('products');
    expect(report.tasks.every((task) => task.ok && task.loaded === 1 && task.tables[0] === 'products')).toBe(true);
    expect(cacheHeaders(await app.request('/products'))[0]).toBe('HIT');
    expect(cacheHeaders(await app.request('/products?category=office'))[0]).toBe('HIT');
  });
});
