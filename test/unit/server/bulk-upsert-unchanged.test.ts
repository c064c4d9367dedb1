import { Client } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { QueryCache } from '../../../src/cache/query-cache.js';
import { bulkWriteRows } from '../../../src/server/bulk-writes.js';
import { TableCore } from '../../../src/server/table-core.js';
import { TableRuntime } from '../../../src/server/table-runtime.js';
import type { BulkRowData, RowPage, RowRecord, TablesDbAdapter } from '../../../src/appwrite/tables-db-adapter.js';

const definition = { name: 'items', schema: { name: { type: 'string', required: true, size: 32 } } } as const;

/** An adapter that answers upsertRows as Appwrite 1.9.x does: rows it found unchanged are left out. */
function skippingAdapter(stored: Map<string, RowRecord>, calls: string[]): TablesDbAdapter {
  const fake = {
    upsertRows(_table: string, rows: readonly BulkRowData[]): Promise<RowPage> {
      calls.push(`upsertRows ${rows.length}`);
      const written: RowRecord[] = [];
      for (const row of rows) {
        if (stored.get(row.$id)?.name === row.name) continue;
        const next = { $id: row.$id, name: row.name };
        stored.set(row.$id, next);
        written.push(next);
      }
      return Promise.resolve({ total: written.length, rows: written });
    },
    listRows(_table: string, queries: readonly string[]): Promise<RowPage> {
      calls.push(`listRows ${queries.join(' ')}`);
      const ids = (JSON.parse(queries[0] ?? '{}') as { values: string[] }).values;
      const rows = ids.map((id) => stored.get(id)).filter((row): row is RowRecord => row !== undefined);
      return Promise.resolve({ total: 0, rows });
    },
  };
  return fake as unknown as TablesDbAdapter;
}

describe('bulkUpsert when Appwrite leaves unchanged rows out of its answer', () => {
  it('reads those rows back (one listRows per 100) and returns every row in input order', async () => {
    const stored = new Map<string, RowRecord>([['a', { $id: 'a', name: 'A' }], ['b', { $id: 'b', name: 'B' }]]);
    const calls: string[] = [];
    const cache = new QueryCache({ ttl: 1000, maxEntries: 10, maxBytes: 100_000, enabled: true });
    const core = new TableCore(new TableRuntime(definition), { scope: 'key', cache, adapter: skippingAdapter(stored, calls), client: new Client() });
    const rows = await bulkWriteRows(core, [{ $id: 'a', name: 'A' }, { $id: 'c', name: 'C' }, { $id: 'b', name: 'B2' }], 'upsert');
    expect(rows.map((row) => [row.$id, row.name])).toEqual([['a', 'A'], ['c', 'C'], ['b', 'B2']]);
    expect(calls).toEqual(['upsertRows 3', 'listRows {"method":"equal","attribute":"$id","values":["a"]} {"method":"limit","values":[1]}']);
  });
});
