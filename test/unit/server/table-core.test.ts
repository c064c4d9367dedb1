import { Client } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import type { TablesDbAdapter } from '../../../src/appwrite/tables-db-adapter.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import { RelationGraph } from '../../../src/schema/relation-graph.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import { TableCore } from '../../../src/server/table-core.js';
import { TableRuntime } from '../../../src/server/table-runtime.js';
import { deferred, flush, makeCache } from '../cache/cache-test-kit.js';

const items = { name: 'items', schema: { name: { type: 'string', size: 32 } } } as const satisfies TableDefinition;
const uncached = { name: 'logs', schema: { line: { type: 'string', size: 32 } }, cache: false } as const satisfies TableDefinition;

function core(definition: TableDefinition = items, scope = 'key'): { core: TableCore; cache: ReturnType<typeof makeCache>['cache']; invalidated: string[] } {
  const { cache } = makeCache();
  const invalidated: string[] = [];
  cache.on('invalidate', ({ table }) => invalidated.push(table));
  const adapter = { databaseId: 'shop' } as unknown as TablesDbAdapter;
  const runtime = new TableRuntime(definition, new RelationGraph([definition]));
  return { core: new TableCore(runtime, { scope, cache, adapter, client: new Client() }), cache, invalidated };
}

describe('TableCore.read', () => {
  it('caches under the database, scope, table and operation, and serves the second read from the cache', async () => {
    const { core: table, cache } = core();
    const keys: string[] = [];
    cache.on('miss', ({ key }) => keys.push(key));
    let loads = 0;
    const load = (): Promise<string[]> => Promise.resolve([`load ${++loads}`]);
    const query = table.normalize({ name: 'a' });
    expect(await table.read('list', query, undefined, load)).toEqual(['load 1']);
    expect(await table.read('list', query, undefined, load)).toEqual(['load 1']);
    expect(loads).toBe(1);
    expect(keys[0]).toMatch(/^shop\|key\|items\|list@[0-9a-f]+\|/);
  });

  it('keeps a tagged read apart from the untagged one, and a table declared cache: false never cached', async () => {
    const { core: table } = core();
    let loads = 0;
    const load = (): Promise<number> => Promise.resolve(++loads);
    const query = table.normalize(undefined);
    await table.read('count', query, undefined, load);
    expect(await table.read('count', query, { tags: ['home'] }, load)).toBe(2);
    expect(await table.read('count', query, { tags: ['home'] }, load)).toBe(2);
    const { core: logs } = core(uncached);
    let logLoads = 0;
    const logLoad = (): Promise<number> => Promise.resolve(++logLoads);
    await logs.read('count', logs.normalize(undefined), undefined, logLoad);
    await logs.read('count', logs.normalize(undefined), undefined, logLoad);
    expect(logLoads).toBe(2);
  });
});

describe('TableCore.write', () => {
  it('does not store a read that overlaps the write, and invalidates each table once the write settles', async () => {
    const { core: table, invalidated } = core();
    const query = table.normalize(undefined);
    const slow = deferred<number>();
    const before = table.read('count', query, undefined, () => slow.promise);
    const sent = deferred<string>();
    const writing = table.write(['items', 'other'], () => sent.promise);
    slow.resolve(1);
    expect(await before).toBe(1);
    let loads = 0;
    expect(await table.read('count', query, undefined, () => Promise.resolve(++loads))).toBe(1);
    expect(invalidated).toEqual([]);
    sent.resolve('row');
    expect(await writing).toBe('row');
    expect(invalidated).toEqual(['items', 'other']);
    expect(await table.read('count', query, undefined, () => Promise.resolve(++loads))).toBe(2);
  });

  it('invalidates after a failed write too (it may have happened), and passes the error on', async () => {
    const { core: table, invalidated } = core();
    const sent = deferred<string>();
    const writing = table.write(['items'], () => sent.promise);
    await flush();
    expect(invalidated).toEqual([]);
    sent.reject(new Error('timeout'));
    await expect(writing).rejects.toThrow('timeout');
    expect(invalidated).toEqual(['items']);
  });
});

describe('TableCore.bulk', () => {
  it('sends every chunk, reports each outcome, and invalidates once for the call', async () => {
    const { core: table, invalidated } = core();
    const chunks = [1, 2, 3, 4, 5, 6].map((n) => ({ refs: [{ index: n, id: `r${n}` }], n }));
    let inFlight = 0;
    let most = 0;
    const results = await table.bulk(['items'], chunks, async ({ n }) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await flush();
      inFlight--;
      if (n === 3) throw new Error('chunk 3 failed');
      return n * 10;
    });
    expect(results.map(({ outcome }) => (outcome.ok ? outcome.value : outcome.error.message))).toEqual([10, 20, 'chunk 3 failed', 40, 50, 60]);
    expect(most).toBeLessThanOrEqual(4);
    expect(invalidated).toEqual(['items']);
  });
});

describe('TableCore.requireApiKey', () => {
  it('refuses a bulk method to a user view, naming the method and the table', () => {
    expect(() => core(items, 'jwt:abc').core.requireApiKey('bulkCreate')).toThrow(ConfigError);
    expect(() => core(items, 'jwt:abc').core.requireApiKey('bulkCreate')).toThrow(/bulkCreate\(\) on table "items" needs the API key/);
    expect(() => core().core.requireApiKey('bulkCreate')).not.toThrow();
  });
});
