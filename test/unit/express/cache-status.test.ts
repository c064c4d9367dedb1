import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { cacheStatus } from '../../../src/express/cache-status.js';
import { listen, type Listening } from '../../e2e/support/listen.js';

const cache = new QueryCache({ ttl: 60_000, maxEntries: 100, maxBytes: 1_000_000, enabled: true });
const read = (table: string, id: string, options: { cache?: boolean; load?: () => Promise<unknown> } = {}) =>
  cache.read({ scope: 'key', table, operation: 'get', queries: [id], cache: options.cache }, options.load ?? (() => Promise.resolve({ id })));

let releaseSlow: (() => void) | undefined;
const app = express();
app.use(cacheStatus());
app.get('/products/:id', async (req, res) => {
  res.json(await read('products', req.params.id));
});
app.get('/mixed', async (_req, res) => {
  await read('products', 'p1');
  await read('orders', 'o1');
  await read('products', 'p2');
  res.json({ ok: true });
});
app.get('/uncached', async (_req, res) => {
  res.json(await read('products', 'p1', { cache: false }));
});
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});
app.get('/slow', async (_req, res) => {
  const row = await read('slow', 's1', { load: () => new Promise((resolve) => (releaseSlow = () => resolve({ id: 's1' }))) });
  res.json(row);
});
app.get('/stream', async (_req, res) => {
  res.write('[');
  await read('products', 'streamed');
  res.end(']');
});
app.get('/fails', async () => {
  await read('products', 'fails');
  throw new Error('handler failed');
});
app.get('/write-head', async (_req, res) => {
  await read('products', 'p1');
  res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
});
app.post('/parsed', express.json(), async (req, res) => {
  res.json(await read('products', String((req.body as { id: string }).id)));
});
const inner = express.Router();
inner.use(cacheStatus());
inner.get('/p', async (_req, res) => {
  res.json(await read('products', 'p1'));
});
app.use('/nested', inner);
app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
  res.status(500).json({ message: error.message });
});

let server: Listening;
beforeAll(async () => {
  server = await listen(app);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  cache.clear();
});

const get = (path: string) => fetch(`${server.url}${path}`);
const status = (response: globalThis.Response) => [response.headers.get('x-cache-status'), response.headers.get('x-cache-table')];

describe('cacheStatus', () => {
  it('reports MISS, then HIT for the same read, with the table read', async () => {
    expect(status(await get('/products/p1'))).toEqual(['MISS', 'products']);
    expect(status(await get('/products/p1'))).toEqual(['HIT', 'products']);
    expect(status(await get('/products/p2'))).toEqual(['MISS', 'products']);
  });

  it('reports BYPASS without a table when nothing was read, and BYPASS with the table for cache: false reads', async () => {
    expect(status(await get('/health'))).toEqual(['BYPASS', null]);
    expect(status(await get('/uncached'))).toEqual(['BYPASS', 'products']);
  });

  it('reports MISS when any read missed, and lists each table once in the order first read', async () => {
    await get('/products/p1');
    expect(status(await get('/mixed'))).toEqual(['MISS', 'products, orders']);
    expect(status(await get('/mixed'))).toEqual(['HIT', 'products, orders']);
  });

  it('gives concurrent requests their own outcome', async () => {
    await get('/products/p1');
    const slow = get('/slow');
    for (let attempt = 0; releaseSlow === undefined && attempt < 100; attempt += 1) await new Promise((resolve) => setImmediate(resolve));
    const fast = await get('/products/p1');
    releaseSlow?.();
    expect(status(fast)).toEqual(['HIT', 'products']);
    expect(status(await slow)).toEqual(['MISS', 'slow']);
  });

  it('reflects the reads made before the headers went out on a streaming response', async () => {
    const response = await get('/stream');
    expect(await response.text()).toBe('[]');
    expect(status(response)).toEqual(['BYPASS', null]);
  });

  it('keeps the header on error responses and explicit writeHead calls', async () => {
    const failed = await get('/fails');
    expect(failed.status).toBe(500);
    expect(status(failed)).toEqual(['MISS', 'products']);
    expect(status(await get('/write-head'))).toEqual(['MISS', 'products']);
  });

  it('follows the request through a body parser mounted after it', async () => {
    const post = () => fetch(`${server.url}/parsed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"p9"}' });
    expect(status(await post())).toEqual(['MISS', 'products']);
    expect(status(await post())).toEqual(['HIT', 'products']);
  });

  it('mounted twice, records the request once', async () => {
    await get('/products/p1');
    expect(status(await get('/nested/p'))).toEqual(['HIT', 'products']);
  });

  it('honours custom header names and can leave the table header out', async () => {
    const custom = express();
    custom.use(cacheStatus({ statusHeader: 'X-ORM-Cache', tableHeader: false }));
    custom.get('/', async (_req, res) => {
      res.json(await read('products', 'p1'));
    });
    const other = await listen(custom);
    try {
      const response = await fetch(other.url);
      expect([response.headers.get('x-orm-cache'), response.headers.get('x-cache-table')]).toEqual(['MISS', null]);
    } finally {
      await other.close();
    }
  });

  it('names the tier that answered (l1 for this process\'s memory), under a custom name or not at all', async () => {
    const tier = (response: globalThis.Response, name = 'x-cache-tier') => response.headers.get(name);
    expect(tier(await get('/products/p1'))).toBeNull();
    expect(tier(await get('/products/p1'))).toBe('l1');
    expect(tier(await get('/uncached'))).toBeNull();
    const custom = express();
    custom.use(cacheStatus({ tierHeader: 'X-ORM-Tier' }), async (_req, res) => {
      res.json(await read('products', 'p1'));
    });
    const quiet = express();
    quiet.use(cacheStatus({ tierHeader: false }), async (_req, res) => {
      res.json(await read('products', 'p1'));
    });
    const [named, none] = await Promise.all([listen(custom), listen(quiet)]);
    try {
      expect(tier(await fetch(named.url), 'x-orm-tier')).toBe('l1');
      const response = await fetch(none.url);
      expect([response.headers.get('x-cache-status'), tier(response)]).toEqual(['HIT', null]);
    } finally {
      await Promise.all([named.close(), none.close()]);
    }
  });
});
