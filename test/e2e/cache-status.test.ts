import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheHeaders, json, startExample, type ExampleFixture } from './support/example-fixture.js';
import { queryCacheOf } from '../../src/server/database-impl.js';

let app: ExampleFixture;
beforeAll(async () => {
  app = await startExample();
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  queryCacheOf(app.db).clear();
  app.emu.faults.clear();
});

describe('X-Cache-Status over HTTP, against the emulator', () => {
  it('MISS, then HIT, then MISS again after a POST changed the table', async () => {
    const first = await app.request('/products');
    expect(first.status).toBe(200);
    expect(cacheHeaders(first)).toEqual(['MISS', 'products']);
    const rows = (await first.json()) as { $id: string }[];
    expect(rows.length).toBeGreaterThan(0);

    const listRows = () => app.emu.requests.count({ operation: 'listRows' });
    const before = listRows();
    expect(cacheHeaders(await app.request('/products'))).toEqual(['HIT', 'products']);
    expect(listRows()).toBe(before);

    const created = await app.request('/products', json('POST', { name: 'Ruler', category: 'office', price: 3 }));
    expect(created.status).toBe(201);
    expect(cacheHeaders(await app.request('/products'))).toEqual(['MISS', 'products']);
    expect(listRows()).toBe(before + 1);
  });

  it('BYPASS on a route that reads nothing through the cache', async () => {
    const response = await app.request('/products/pen', { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(cacheHeaders(response)).toEqual(['BYPASS', null]);
  });

  it('gives two concurrent requests their own outcome', async () => {
    await app.request('/products/notebook');
    // The category listing is slow at Appwrite; the cached row is answered meanwhile.
    app.emu.faults.add({ operation: 'listRows', delayMs: 300, times: 1 });
    const slow = app.request('/products?category=kitchen');
    const fast = await app.request('/products/notebook');
    const slowResponse = await slow;
    expect(cacheHeaders(fast)).toEqual(['HIT', 'products']);
    expect(cacheHeaders(slowResponse)).toEqual(['MISS', 'products']);
    expect(((await slowResponse.json()) as { category: string }[]).every((row) => row.category === 'kitchen')).toBe(true);
  });

  it('keeps the header on error responses', async () => {
    const missing = await app.request('/products/no-such-product');
    expect(missing.status).toBe(404);
    expect(cacheHeaders(missing)).toEqual(['MISS', 'products']);
    expect(cacheHeaders(await app.request('/products/no-such-product'))).toEqual(['HIT', 'products']);
  });
});
