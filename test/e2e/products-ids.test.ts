import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExample, type ExampleFixture } from './support/example-fixture.js';

let app: ExampleFixture;
beforeAll(async () => {
  app = await startExample();
});
afterAll(async () => {
  await app.close();
});

/** One request with the path sent exactly as given (fetch would resolve `%2E%2E` as a dot segment first). */
function raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('the example products API with ids that are not Appwrite ids', () => {
  it('answers 400 for GET, PATCH and DELETE /products/%2E%2E and sends nothing to Appwrite', async () => {
    app.emu.requests.clear();
    for (const [method, body] of [['GET'], ['PATCH', { price: 1 }], ['DELETE']] as const) {
      const response = await raw(method, '/products/%2E%2E', body);
      expect(response.status, method).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'E_VALIDATION', table: 'products' } });
      expect((response.body as { error: { message: string } }).error.message).toContain('".."');
    }
    for (const path of ['/products/%2E', '/products/a%2Fb', '/products/a%3Fb', `/products/${'x'.repeat(37)}`, '/products/caf%C3%A9']) {
      expect((await raw('DELETE', path)).status, path).toBe(400);
    }
    expect(app.emu.requests.count()).toBe(0);
    expect((await raw('GET', '/products')).status).toBe(200);
  });
});
