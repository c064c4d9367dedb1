import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../src/errors/migration-error.js';
import { applyPlan, type ApplyOptions, type MigrationProgress } from '../../../src/schema/applier.js';
import { tableSpec } from '../../../src/schema/desired-spec.js';
import type { PlanOptions } from '../../../src/schema/migration-plan.js';
import { planMigration } from '../../../src/schema/planner.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import { MemoryPort } from './memory-port.js';
import { orders, products } from './fixtures.js';

const fast: ApplyOptions = { concurrency: 8, timeoutMs: 1_000, poll: { initialDelayMs: 0, maxDelayMs: 1 } };

async function migrate(port: MemoryPort, tables: readonly TableDefinition[], options: PlanOptions = {}, apply: Partial<ApplyOptions> = {}) {
  const plan = planMigration({ databaseId: 'shop', databaseName: 'shop', desired: tables.map(tableSpec), live: await port.readState(), options });
  return applyPlan(plan, port, { ...fast, ...apply });
}

function seeded(definition: TableDefinition, change: (spec: ReturnType<typeof tableSpec>) => ReturnType<typeof tableSpec> = (spec) => spec): MemoryPort {
  const port = new MemoryPort();
  const spec = change(tableSpec(definition));
  port.seed({ ...spec, permissions: spec.permissions ?? [], rowSecurity: spec.rowSecurity ?? false, columns: spec.columns.map((c) => ({ ...c, status: 'available', error: '' })), indexes: spec.indexes.map((i) => ({ ...i, status: 'available', error: '' })) });
  port.calls.length = 0;
  return port;
}

describe('applyPlan', () => {
  it('renames a column in place, the index over it following, and the next plan is empty', async () => {
    const before = { name: 'notes', schema: { title: { type: 'string' }, body: { type: 'text' } }, indexes: [{ key: 'by_title', type: 'key', attributes: ['title'] }] } as const;
    const after = {
      name: 'notes',
      schema: { heading: { type: 'string', renamedFrom: 'title' }, subtitle: { type: 'varchar', size: 20 }, body: { type: 'text' } },
      indexes: [{ key: 'by_title', type: 'key', attributes: ['heading'] }],
    } as const;
    const port = seeded(before);
    await migrate(port, [after]);
    expect(port.calls.filter((call) => !call.startsWith('read'))).toEqual(['renameColumn notes.title -> heading', 'createColumn notes.subtitle']);
    expect((await migrate(port, [after])).plan.steps).toEqual([]);
  });

  it('reports a wait only for columns and indexes a poll finds not yet available', async () => {
    const before = { name: 'notes', schema: { title: { type: 'string' } } } as const;
    const renamed = { name: 'notes', schema: { heading: { type: 'string', renamedFrom: 'title' } } } as const;
    const events: MigrationProgress[] = [];
    await migrate(seeded(before), [renamed], {}, { onProgress: (event) => events.push(event) });
    expect(events.filter((event) => event.type === 'wait')).toEqual([]);

    const port = seeded(products, (spec) => ({ ...spec, columns: spec.columns.filter((c) => c.key !== 'status'), indexes: spec.indexes.filter((i) => i.key !== 'by_status') }));
    port.pollsUntilAvailable = 3;
    await migrate(port, [products], {}, { onProgress: (event) => events.push(event) });
    expect(events.filter((event) => event.type === 'wait')).toEqual([
      { type: 'wait', tableId: 'products', what: 'status' },
      { type: 'wait', tableId: 'products', what: 'by_status' },
    ]);
  });

  it('creates the database first, then each table with one request', async () => {
    const port = new MemoryPort();
    port.databaseExists = false;
    const result = await migrate(port, [products, orders]);
    expect(port.calls).toEqual(['readState', 'createDatabase shop', 'createTable products', 'createTable orders_v1']);
    expect(result.applied).toBe(3);
    const again = await migrate(port, [products, orders]);
    expect(again.plan.steps).toEqual([]);
  });

  it('waits until new columns are available before creating indexes on them, then until the indexes are', async () => {
    const port = seeded(products, (spec) => ({ ...spec, columns: spec.columns.filter((c) => c.key !== 'status'), indexes: spec.indexes.filter((i) => i.key !== 'by_status') }));
    port.pollsUntilAvailable = 3;
    await migrate(port, [products]);
    expect(port.calls).toEqual([
      'readState',
      'createColumn products.status',
      'readTable products',
      'readTable products',
      'readTable products',
      'createIndex products.by_status',
      'readTable products',
      'readTable products',
      'readTable products',
    ]);
  });

  it('runs the phases of a table in order: drops, deletions gone, creates, available, updates, indexes', async () => {
    const retyped = { ...products, schema: { ...products.schema, price: { type: 'integer', required: true }, name: { type: 'string', required: true, size: 255 } } } as const;
    const port = seeded(products);
    const events: MigrationProgress[] = [];
    await migrate(port, [retyped], { allowDestructive: true }, { onProgress: (event) => events.push(event) });
    expect(port.calls.filter((call) => !call.startsWith('read'))).toEqual([
      'deleteIndex products.by_status',
      'deleteColumn products.price',
      'createColumn products.price',
      'updateColumn products.name',
      'createIndex products.by_status',
    ]);
    expect(events.filter((event) => event.type === 'step').map((event) => event.line)).toContain('~ column products.name: size 128 -> 255');
    expect(events.at(-1)).toMatchObject({ type: 'table', tableId: 'products', steps: 5 });
  });

  it('polls several tables with one request per round', async () => {
    const port = seeded(products, (spec) => ({ ...spec, columns: spec.columns.filter((c) => c.key !== 'lastIp') }));
    port.seed({ id: 'orders_v1', name: 'orders', permissions: [], rowSecurity: false, columns: [{ ...tableSpec(orders).columns[0]!, status: 'available', error: '' }], indexes: [] });
    port.calls.length = 0;
    port.pollsUntilAvailable = 2;
    await migrate(port, [products, orders], {}, { poll: { initialDelayMs: 0, maxDelayMs: 1, batchWindowMs: 5 } });
    expect(port.calls).toEqual(['readState', 'createColumn products.lastIp', 'createColumn orders_v1.note', 'readState', 'readState']);
  });

  it('bounds the requests in flight across tables', async () => {
    const wide = { name: 'wide', schema: Object.fromEntries(Array.from({ length: 12 }, (_, n) => [`c${n}`, { type: 'integer' }])) } as const satisfies TableDefinition;
    const port = seeded(wide, (spec) => ({ ...spec, columns: [] }));
    await migrate(port, [wide], {}, { concurrency: 3 });
    expect(port.calls.filter((call) => call.startsWith('createColumn'))).toHaveLength(12);
    expect(port.maxInFlight).toBe(3);
  });

  it('fails fast with Appwrite error text when a column ends failed', async () => {
    const port = seeded(products, (spec) => ({ ...spec, columns: spec.columns.filter((c) => c.key !== 'homepage') }));
    port.failColumns.set('products.homepage', 'Column limit exceeded');
    const error = await migrate(port, [products]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toBe('Column products.homepage failed in Appwrite: Column limit exceeded');
    expect((error as MigrationError).context).toEqual({ table: 'products', field: 'homepage' });
    expect(port.calls.filter((call) => call.startsWith('readTable'))).toHaveLength(1);
  });

  it('names the column when waiting times out', async () => {
    const port = seeded(products, (spec) => ({ ...spec, columns: spec.columns.filter((c) => c.key !== 'lastIp') }));
    port.neverAvailable.add('products.lastIp');
    const error = await migrate(port, [products], {}, { timeoutMs: 20 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toMatch(/^Timed out after 20 ms waiting for column products\.lastIp to become available \(status: processing\)$/);
  });

  it('writes nothing and lists every refused change when the plan holds destructive changes', async () => {
    const port = seeded(products);
    const retyped = { ...products, schema: { ...products.schema, price: { type: 'integer' } } } as const;
    const error = await migrate(port, [retyped, orders]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).refused).toEqual(['! refused: type change products.price float -> integer (set migrate.allowDestructive to allow it; data is lost)']);
    expect(port.calls).toEqual(['readState']);
  });
});
