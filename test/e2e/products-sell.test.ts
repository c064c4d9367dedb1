import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheHeaders, json, startExample, type ExampleFixture } from './support/example-fixture.js';

let app: ExampleFixture;
beforeAll(async () => {
  app = await startExample();
});
afterAll(async () => {
  await app.close();
});

const stockOf = async (id: string) => ((await (await app.request(`/products/${id}`)).json()) as { stock: number }).stock;

describe('POST /products/:id/sell (a transaction)', () => {
  it('takes qty from the stock in one transaction and answers the committed product', async () => {
    const commits = () => app.emu.requests.count({ operation: 'updateTransaction' });
    const before = commits();
    const response = await app.request('/products/pen/sell', json('POST', { qty: 3 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ $id: 'pen', stock: 37 });
    expect(commits()).toBe(before + 1);
  });

  it('serves fresh data after the commit: the cached product is a MISS, then the new stock', async () => {
    expect(await stockOf('mug')).toBe(60);
    const cached = await app.request('/products/mug');
    expect(cacheHeaders(cached)[0]).toBe('HIT');
    expect(((await cached.json()) as { stock: number }).stock).toBe(60);

    expect((await app.request('/products/mug/sell', json('POST', { qty: 5 }))).status).toBe(200);

    const after = await app.request('/products/mug');
    expect(cacheHeaders(after)[0]).toBe('MISS');
    expect(((await after.json()) as { stock: number }).stock).toBe(55);
    expect(cacheHeaders(await app.request('/products/mug'))[0]).toBe('HIT');
  });

  it('answers 400 for a qty that is not a whole number > 0, without opening a transaction', async () => {
    const opened = () => app.emu.requests.count({ operation: 'createTransaction' });
    const before = opened();
    for (const body of [{ qty: 0 }, { qty: -2 }, { qty: 1.5 }, { qty: '2' }, {}]) {
      const response = await app.request('/products/lamp/sell', json('POST', body));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'E_VALIDATION', table: 'products', fields: { qty: expect.any(String) } } });
    }
    expect(opened()).toBe(before);
    expect(await stockOf('lamp')).toBe(20);
  });

  it('answers 409 when the stock is short and 404 for an unknown product, changing nothing', async () => {
    const short = await app.request('/products/kettle/sell', json('POST', { qty: 13 }));
    expect(short.status).toBe(409);
    expect(await short.json()).toMatchObject({ error: { code: 'E_CONFLICT', table: 'products', rowId: 'kettle' } });
    expect(await stockOf('kettle')).toBe(12);
    expect((await app.request('/products/unknown/sell', json('POST', { qty: 1 }))).status).toBe(404);
  });
});
