import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';
import { ConfigError } from '../errors/config-error.js';
import type { CacheStats, CacheStatsSnapshot } from '../cache/cache-stats.js';
import type { OperationEvent } from './operation-observer.js';

/** The part of a prom-client `Registry` used here (`new Registry()` or prom-client's default `register`). */
export interface PrometheusRegistry {
  metrics(): Promise<string>;
  removeSingleMetric(name: string): void;
}

/** What {@link prometheusMetrics} reads from a database: the `Database` that `ServerORM.init()` returns has it. */
export interface ObservableDatabase {
  onOperation(listener: (event: OperationEvent) => void): () => void;
  stats(): CacheStatsSnapshot;
}

/** Options of {@link prometheusMetrics}. */
export interface PrometheusMetricsOptions {
  /** Where the metrics are registered. */
  readonly registry: PrometheusRegistry;
  /** Prefix of every metric name. @default 'appwrite_orm_' */
  readonly prefix?: string;
  /** Upper bounds of the duration histogram, in seconds. @default [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] */
  readonly buckets?: readonly number[];
}

/** What {@link prometheusMetrics} registered; `stop()` unregisters it all. */
export interface PrometheusMetrics {
  /** The metric names registered. */
  readonly names: readonly string[];
  stop(): void;
}

const BUCKETS = [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const PROM_CLIENT_INSTALL = 'npm install prom-client';

/**
 * Registers Prometheus metrics of a database in a prom-client registry (prom-client is an optional peer
 * dependency: install it to use this): operations by table, method and outcome, their durations, requests
 * sent to Appwrite, and the cache's entries, bytes, hits and misses per table, read at scrape time.
 *
 * @example
 * ```ts
 * import { Registry } from 'prom-client';
 * const registry = new Registry();
 * prometheusMetrics(db, { registry });
 * app.get('/metrics', async (_req, res) => { res.type('text/plain').send(await registry.metrics()); });
 * ```
 */
export function prometheusMetrics(db: ObservableDatabase, options: PrometheusMetricsOptions): PrometheusMetrics {
  const prom = loadPromClient();
  const registers = [options.registry as unknown as PromClient.Registry];
  const prefix = options.prefix ?? 'appwrite_orm_';
  const operations = new prom.Counter({ name: `${prefix}operations_total`, help: 'Table operations, by table, method and outcome (hit, miss, stale, bypass, write, error).', labelNames: ['table', 'method', 'outcome'], registers });
  const duration = new prom.Histogram({ name: `${prefix}operation_duration_seconds`, help: 'Duration of table operations in seconds.', labelNames: ['table', 'method', 'outcome'], buckets: [...(options.buckets ?? BUCKETS)], registers });
  const requests = new prom.Counter({ name: `${prefix}appwrite_requests_total`, help: 'HTTP requests sent to Appwrite by table operations (retries and pages included).', labelNames: ['table', 'method'], registers });
  const gauges = [
    cacheGauge(prom, registers, db, `${prefix}cache_entries`, 'Entries held in the query cache.', (table) => table.entries),
    cacheGauge(prom, registers, db, `${prefix}cache_bytes`, 'Estimated bytes held in the query cache.', (table) => table.bytes),
    cacheGauge(prom, registers, db, `${prefix}cache_hits`, 'Cache hits since start (monotonic).', (table) => table.hits),
    cacheGauge(prom, registers, db, `${prefix}cache_misses`, 'Cache misses since start (monotonic).', (table) => table.misses),
  ];
  const stopListening = db.onOperation((event) => {
    const labels = { table: event.table, method: event.method, outcome: event.outcome };
    operations.inc(labels);
    duration.observe(labels, event.durationMs / 1000);
    if (event.requests > 0) requests.inc({ table: event.table, method: event.method }, event.requests);
  });
  const names = [operations, duration, requests, ...gauges].map((metric) => (metric as unknown as { name: string }).name);
  return {
    names,
    stop() {
      stopListening();
      for (const name of names) options.registry.removeSingleMetric(name);
    },
  };
}

function cacheGauge(prom: typeof PromClient, registers: PromClient.Registry[], db: ObservableDatabase, name: string, help: string, read: (table: CacheStats) => number): PromClient.Gauge {
  return new prom.Gauge({
    name, help, labelNames: ['table'], registers,
    collect() {
      // Read at scrape time: the cache keeps these counts itself.
      for (const [table, stats] of Object.entries(db.stats().tables)) this.set({ table }, read(stats));
    },
  });
}

function loadPromClient(): typeof PromClient {
  // Loaded on use, so that the server entry works without the optional prom-client installed.
  const require = createRequire(import.meta.url);
  try {
    return require('prom-client') as typeof PromClient;
  } catch (error) {
    throw new ConfigError(`prometheusMetrics needs prom-client, which is not installed. Install it with: ${PROM_CLIENT_INSTALL}`, {}, { cause: error });
  }
}
