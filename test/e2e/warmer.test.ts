import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWarmer } from '../../src/warming/cache-warmer.js';
import { warm } from '../../src/warming/warm-tasks.js';
import { warmTasks } from '../../examples/express/warming.js';
import { cacheHeaders, json, startExample, type ExampleFixture } from './support/example-fixture.js';
import { queryCacheOf } from '../../src/server/database-impl.js';

let app: ExampleFixture;
beforeAll(async () => {
  app = await startExample();
});
afterAll(async () => {
  await app.close();
});

describe('warming the example against the emulator', () => {
  it('warm() loads the hot queries once; the routes then answer from the cache', async () => {
    queryCacheOf(app.db).clear();
    const report = await warm(app.db, warmTasks, { concurrency: 2 });
    expect(report).toMatchObject({ ok: true, failed: 0 });
    expect(report.tasks.map((task) => [task.name, task.loaded, task.tables])).toEqual(warmTasks.map((task) => [task.name, 1, ['products']]));
    const listRows = app.emu.requests.count({ operation: 'listRows' });
    expect(cacheHeaders(await app.request('/products'))).toEqual(['HIT', 'products']);
    expect(cacheHeaders(await app.request('/products?category=kitchen'))).toEqual(['HIT', 'products']);
    expect(app.emu.requests.count({ operation: 'listRows' })).toBe(listRows);
    const again = await app.db.warm(warmTasks);
    expect(again.tasks.every((task) => task.loaded === 0 && task.alreadyCached === 1)).toBe(true);
  });

  it('a failing task is reported and does not keep the others from warming', async () => {
    queryCacheOf(app.db).clear();
    const onError = vi.fn();
    const report = await warm(app.db, [
      { name: 'missing row', run: (db) => db.table('products').getOrFail('does-not-exist') },
      ...warmTasks,
    ], { onError });
    expect(report).toMatchObject({ ok: false, failed: 1 });
    expect(report.tasks[0]).toMatchObject({ name: 'missing row', ok: false });
    expect(report.tasks.slice(1).every((task) => task.ok)).toBe(true);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'E_NOT_FOUND' }), 'missing row');
    expect(cacheHeaders(await app.request('/products'))[0]).toBe('HIT');
  });

  it('refreshAfterInvalidate re-warms the listing after a write, so the next GET is a HIT again', async () => {
    queryCacheOf(app.db).clear();
    const warmer = createWarmer(app.db, { every: 3_600_000, refreshAfterInvalidate: 20, tasks: warmTasks });
    try {
      await warmer.ready;
      const created = await app.request('/products', json('POST', { name: 'Teapot', category: 'kitchen', price: 25 }));
      expect(created.status).toBe(201);
      await vi.waitFor(() => expect(warmer.stats().refreshRuns).toBe(1), { timeout: 5_000, interval: 10 });
      await warmer.run();
      const kitchen = await app.request('/products?category=kitchen');
      expect(cacheHeaders(kitchen)[0]).toBe('HIT');
      expect(((await kitchen.json()) as { name: string }[]).map((row) => row.name)).toContain('Teapot');
    } finally {
      await warmer.stop();
    }
  });
});
