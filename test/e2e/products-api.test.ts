import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startExample, type ExampleFixture } from './support/example-fixture.js';

let app: ExampleFixture;
beforeAll(async () => {
  app = await startExample();
});
afterAll(async () => {
  await app.close();
});

interface Product {
  $id: string;
  name: string;
  category: string;
  price: number;
  stock: number;
}

describe('the example products API', () => {
  it('lists products, optionally by category', async () => {
    const all = (await (await app.request('/products')).json()) as Product[];
    expect(all.map((row) => row.$id)).toContain('pen');
    const office = (await (await app.request('/products?category=office')).json()) as Product[];
    expect(office.length).toBeGreaterThan(0);
    expect(office.every((row) => row.category === 'office')).toBe(true);
  });

  it('answers 404 JSON for an unknown id', async () => {
    const response = await app.request('/products/unknown');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(await response.json()).toMatchObject({ error: { code: 'E_NOT_FOUND', table: 'products', rowId: 'unknown' } });
  });

  it('creates, updates and deletes a product', async () => {
    const created = await app.request('/products', json('POST', { name: 'Ruler', category: 'office', price: 3 }));
    expect(created.status).toBe(201);
    const ruler = (await created.json()) as Product;
    expect(ruler).toMatchObject({ name: 'Ruler', stock: 0 });

    const patched = await app.request(`/products/${ruler.$id}`, json('PATCH', { price: 3.5 }));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ $id: ruler.$id, price: 3.5 });
    expect(await (await app.request(`/products/${ruler.$id}`)).json()).toMatchObject({ price: 3.5 });

    expect((await app.request(`/products/${ruler.$id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/products/${ruler.$id}`)).status).toBe(404);
    expect((await app.request(`/products/${ruler.$id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses an invalid product with 400 and the field errors, before calling Appwrite', async () => {
    const creates = () => app.emu.requests.count({ operation: 'createRow' });
    const before = creates();
    const response = await app.request('/products', json('POST', { name: 'Broken', price: -1 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('E_VALIDATION');
    expect(Object.keys(body.error.fields).sort()).toEqual(['category', 'price']);
    expect(creates()).toBe(before);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await app.request('/products', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(response.status).toBe(400);
  });

  it('creates products in bulk, and names the row of a bad one', async () => {
    const response = await app.request('/products/bulk', json('POST', [
      { name: 'Clip', category: 'office', price: 0.5 },
      { name: 'Tape', category: 'office', price: 2 },
    ]));
    expect(response.status).toBe(201);
    expect(((await response.json()) as Product[]).map((row) => row.name)).toEqual(['Clip', 'Tape']);

    const bad = await app.request('/products/bulk', json('POST', [{ name: 'Ok', category: 'office', price: 1 }, { name: 'Bad', category: 'office' }]));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'E_VALIDATION', rowIndex: 1, fields: { price: expect.any(String) } } });
    expect((await app.request('/products/bulk', json('POST', { name: 'not a list' }))).status).toBe(400);
  });
});
