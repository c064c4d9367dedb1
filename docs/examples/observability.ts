import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ServerORM, prometheusMetrics, type OperationEvent } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';
import { Registry } from 'prom-client';

/** The three ways to watch the ORM, on one database: a hook, OpenTelemetry spans and Prometheus metrics. */
export async function observability() {
  const appwrite = await startAppwriteEmulator();

  // 1. A hook: every table operation, once it settles.
  const events: OperationEvent[] = [];
  const onOperation = (event: OperationEvent): void => {
    events.push(event);
    if (event.durationMs > 500) console.warn(`slow: ${event.method} ${event.table} took ${event.durationMs.toFixed(0)} ms`);
  };

  // 2. OpenTelemetry: any Tracer (`trace.getTracer('shop')` from @opentelemetry/api once your SDK is set up).
  //    Here an in-memory exporter, to look at the spans.
  const exporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('shop');

  const db = await new ServerORM({
    endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey,
    databaseId: 'shop', autoMigrate: true,
    onOperation, tracer,
  }).init([{ name: 'products', schema: { name: { type: 'string', required: true, size: 64 }, price: { type: 'float' } } }] as const);

  // 3. Prometheus: register the metrics in a prom-client registry and serve registry.metrics() on /metrics
  //    (in Express: app.get('/metrics', async (_req, res) => res.type('text/plain').send(await registry.metrics()))).
  const registry = new Registry();
  const metrics = prometheusMetrics(db, { registry });

  const products = db.table('products');
  await products.create({ name: 'Pen', price: 2 });   // outcome 'write', 1 request
  await products.find();                              // 'miss', 1 request
  await products.find();                              // 'hit', 0 requests
  const scrape = await registry.metrics();

  metrics.stop();                                     // unregisters the metrics
  await db.close();
  await appwrite.close();
  return {
    events: events.map(({ method, outcome, requests }) => `${method} ${outcome} ${requests}`),
    spans: exporter.getFinishedSpans().map((span) => span.name),
    scrape,
  };
}
