import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ServerORM, type OperationEvent } from '../../src/server/index.js';
import { prometheusMetrics } from '../../src/server/prometheus-metrics.js';
import { useEmulator } from '../helpers/emulator.js';

const fixture = useEmulator({ resetBetweenTests: true });
const products = { name: 'products', schema: { name: { type: 'string', required: true, size: 64 }, price: { type: 'float' } } } as const;

function orm(extra: Partial<ConstructorParameters<typeof ServerORM>[0]> = {}): ServerORM {
  const { endpoint, projectId, apiKey } = fixture.emu;
  return new ServerORM({ endpoint, projectId, apiKey, databaseId: 'shop', autoMigrate: true, ...extra });
}

describe('onOperation', () => {
  it('reports table, method, duration, outcome and requests for reads and writes', async () => {
    const events: OperationEvent[] = [];
    const db = await orm({ onOperation: (event) => events.push(event) }).init([products]);
    const table = db.table('products');
    await table.create({ name: 'Pen', price: 2 }, { id: 'pen' });
    await table.find();
    await table.find();
    await table.getOrFail('pen');
    await expect(table.getOrFail('missing')).rejects.toThrow('was not found');
    await table.find([], { cache: false });
    expect(events.map(({ method, outcome, requests }) => [method, outcome, requests])).toEqual([
      ['create', 'write', 1],
      ['find', 'miss', 1],
      ['find', 'hit', 0],
      ['getOrFail', 'miss', 1], // reported once, not again for the get() inside it
      ['getOrFail', 'error', 1],
      ['find', 'bypass', 1],
    ]);
    expect(events.every((event) => event.table === 'products' && event.durationMs >= 0)).toBe(true);
    expect(events[4]?.error).toBeInstanceOf(Error);
    await db.close();
  });

  it('reports a load overlapped by a write as stale: returned, not cached', async () => {
    const events: OperationEvent[] = [];
    const db = await orm().init([products]);
    db.onOperation((event) => events.push(event));
    const table = db.table('products');
    fixture.emu.faults.add({ operation: 'listRows', tableId: 'products', responseDelayMs: 50 });
    const read = table.find();
    await table.create({ name: 'Ink' });
    await read;
    expect(events.find((event) => event.method === 'find')).toMatchObject({ outcome: 'stale', requests: 1 });
    await db.close();
  });

  it('counts retries as requests, and a hook that throws never fails the operation', async () => {
    const events: OperationEvent[] = [];
    const db = await orm({ retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 }, onOperation: () => { throw new Error('hook'); } }).init([products]);
    db.onOperation((event) => events.push(event));
    fixture.emu.faults.add({ operation: 'listRows', tableId: 'products', status: 503, times: 2 });
    await expect(db.table('products').find()).resolves.toEqual([]);
    expect(events).toMatchObject([{ method: 'find', outcome: 'miss', requests: 3 }]);
    await db.close();
  });
});

describe('an OpenTelemetry tracer', () => {
  it('gets one client span per operation, with database attributes and the error status on failure', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const db = await orm({ tracer: provider.getTracer('test') }).init([products]);
    await db.table('products').find();
    await db.table('products').get('nope');
    await expect(db.table('products').update('nope', { price: 1 })).rejects.toThrow();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['find products', 'get products', 'update products']);
    expect(spans[0]?.kind).toBe(2);
    expect(spans[0]?.attributes).toEqual({
      'db.system.name': 'appwrite', 'db.namespace': 'shop', 'db.collection.name': 'products', 'db.operation.name': 'find',
      'appwrite_orm.cache.outcome': 'miss', 'appwrite_orm.requests': 1,
    });
    expect(spans[2]?.status.code).toBe(2);
    expect(spans[2]?.events.map((event) => event.name)).toEqual(['exception']);
    await db.close();
  });
});

describe('prometheusMetrics', () => {
  it('registers counters, a duration histogram and cache gauges that a scrape reads', async () => {
    const db = await orm().init([products]);
    const registry = new Registry();
    const metrics = prometheusMetrics(db, { registry });
    await db.table('products').create({ name: 'Pen' });
    await db.table('products').find();
    await db.table('products').find();
    const text = await registry.metrics();
    expect(text).toContain('appwrite_orm_operations_total{table="products",method="find",outcome="miss"} 1');
    expect(text).toContain('appwrite_orm_operations_total{table="products",method="find",outcome="hit"} 1');
    expect(text).toContain('appwrite_orm_operations_total{table="products",method="create",outcome="write"} 1');
    expect(text).toMatch(/appwrite_orm_operation_duration_seconds_bucket\{le="\+Inf",table="products",method="find",outcome="hit"\} 1/);
    expect(text).toContain('appwrite_orm_appwrite_requests_total{table="products",method="find"} 1');
    expect(text).toContain('appwrite_orm_cache_entries{table="products"} 1');
    expect(text).toMatch(/appwrite_orm_cache_bytes\{table="products"\} [1-9]\d*/);
    expect(text).toContain('appwrite_orm_cache_hits{table="products"} 1');
    metrics.stop();
    expect((await registry.metrics()).trim()).toBe('');
    await db.close();
  });
});
