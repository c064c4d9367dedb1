import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { observability } from '../../docs/examples/observability.js';
import type { OperationEvent } from '../../src/server/operation-observer.js';
import { prometheusMetrics, type ObservableDatabase } from '../../src/server/prometheus-metrics.js';

const PAGE = readFileSync('docs/observability.md', 'utf8');

/** The rows of the page's metric table: name, type and labels as written. */
function documentedMetrics(): { name: string; type: string; labels: string[] }[] {
  const section = PAGE.slice(PAGE.indexOf('## Prometheus metrics'));
  return section.split('\n').filter((line) => /^\| `appwrite_orm_/.test(line)).map((line) => {
    const [name = '', type = '', labels = ''] = line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/`/g, ''));
    return { name, type, labels: labels === 'none' ? [] : labels.split(', ') };
  });
}

describe('docs: observability', () => {
  it('runs as written: events, spans and a scrape', async () => {
    const { events, spans, scrape } = await observability();
    expect(events).toEqual(['create write 1', 'find miss 1', 'find hit 0']);
    expect(spans).toEqual(['create products', 'find products', 'find products']);
    expect(scrape).toContain('appwrite_orm_operations_total{table="products",method="find",outcome="hit"} 1');
    expect(scrape).toContain('appwrite_orm_cache_entries{table="products"} 1');
  });

  it('lists every metric prometheusMetrics registers, with its type and labels', async () => {
    const registry = new Registry();
    let report: ((event: OperationEvent) => void) | undefined;
    const stats = { total: {}, tables: { products: { entries: 1, bytes: 100, hits: 1, misses: 1 } } } as unknown as ReturnType<ObservableDatabase['stats']>;
    const metrics = prometheusMetrics({ onOperation: (listener) => ((report = listener), () => undefined), stats: () => stats }, { registry });
    report?.({ table: 'products', method: 'find', durationMs: 2, outcome: 'miss', requests: 1 });
    const registered = (await registry.getMetricsAsJSON()).map((metric) => ({
      name: metric.name,
      type: String(metric.type),
      labels: [...new Set(metric.values.flatMap((value) => Object.keys(value.labels).filter((label) => label !== 'le')))],
    }));
    expect(documentedMetrics()).toEqual(registered);
    metrics.stop();
  });
});
