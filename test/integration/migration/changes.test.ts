import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../src/errors/migration-error.js';
import type { MigrationProgress } from '../../../src/schema/applier.js';
import { useEmulator } from '../../helpers/emulator.js';
import { DATABASE, orders, ormFor, products, writes } from './migration-fixtures.js';

const fixture = useEmulator({ columnDelayMs: 30, resetBetweenTests: true });

async function liveTable(tableId: string) {
  return fixture.tablesDb().getTable({ databaseId: DATABASE, tableId });
}

describe('additive changes', () => {
  it('adds columns concurrently, waits until available, then creates the index on them before returning', async () => {
    const { emu } = fixture;
    await ormFor(emu).init([products]);
    await fixture.tablesDb().createRow({ databaseId: DATABASE, tableId: 'products', rowId: 'pen', data: { name: 'Pen', price: 2 } });
    const extended = {
      ...products,
      schema: { ...products.schema, sku: { type: 'string', size: 20 }, weight: { type: 'float', min: 0 }, rank: { type: 'integer', max: 10 } },
      indexes: [...products.indexes, { key: 'by_sku', type: 'unique', attributes: ['sku'] }],
    } as const;
    emu.requests.clear();
    const events: MigrationProgress[] = [];
    // Each column answer takes 150 ms: one after the other they would start at least 300 ms apart.
    const slow = ['createStringColumn', 'createFloatColumn', 'createIntegerColumn'].map((operation) => emu.faults.add({ operation, responseDelayMs: 150 }));
    const db = await ormFor(emu).init([extended]);
    slow.forEach((fault) => fault.remove());
    expect(writes(emu)).toEqual(['createStringColumn 202', 'createFloatColumn 202', 'createIntegerColumn 202', 'createIndex 202']);
    const starts = emu.requests.list().filter((entry) => entry.method === 'POST' && entry.operation !== 'createIndex').map((entry) => entry.startedAt);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(150);
    const table = await liveTable('products');
    expect([...table.columns, ...table.indexes].every((item) => item.status === 'available')).toBe(true);
    const row = await db.table('products').update('pen', { sku: 'PEN-1', weight: 0.5, rank: 3 });
    expect(row).toMatchObject({ sku: 'PEN-1', weight: 0.5, rank: 3, name: 'Pen' });
    await ormFor(emu).migrate([extended], { onProgress: (event) => events.push(event) });
    expect(events).toEqual([]);
  });
});

describe('in-place changes', () => {
  it('updates required, default, size, min, max and enum elements without recreating anything', async () => {
    const { emu } = fixture;
    await ormFor(emu).init([products]);
    const changed = {
      ...products,
      schema: {
        ...products.schema,
        name: { type: 'string', size: 255, default: 'unnamed' },
        stock: { type: 'integer', min: 1, max: 500, default: 1 },
        status: { type: 'enum', enum: ['draft', 'live', 'archived'], default: 'live' },
        contact: { type: 'email', required: true },
        publishedAt: { type: 'datetime' },
      },
    } as const;
    emu.requests.clear();
    const result = await ormFor(emu).migrate([changed]);
    expect(result.plan.text.split('\n')).toEqual([
      '~ column products.name: required true -> false, default null -> "unnamed", size 128 -> 255',
      '~ column products.stock: default 0 -> 1, min 0 -> 1, max unset -> 500',
      '~ column products.status: default "draft" -> "live", elements ["draft","live"] -> ["draft","live","archived"]',
      '~ column products.publishedAt: default "2024-01-01T00:00:00.000Z" -> null',
      '~ column products.contact: required false -> true',
    ]);
    expect(writes(emu)).toEqual(['updateStringColumn 200', 'updateIntegerColumn 200', 'updateEnumColumn 200', 'updateDatetimeColumn 200', 'updateEmailColumn 200']);
    const columns = new Map((await liveTable('products')).columns.map((column) => [column.key, column as unknown as Record<string, unknown>]));
    expect(columns.get('name')).toMatchObject({ size: 255, required: false, default: 'unnamed' });
    expect(columns.get('stock')).toMatchObject({ min: 1, max: 500, default: 1 });
    expect(columns.get('status')).toMatchObject({ elements: ['draft', 'live', 'archived'], default: 'live' });
    expect(columns.get('publishedAt')).toMatchObject({ default: null });
    expect((await ormFor(emu).plan([changed])).steps).toEqual([]);
  });

  it('updates table permissions and rowSecurity in place', async () => {
    const { emu } = fixture;
    await ormFor(emu).init([orders]);
    await ormFor(emu).init([{ ...orders, permissions: ['read("users")'], rowSecurity: true }]);
    const table = await liveTable('orders');
    expect(table).toMatchObject({ $permissions: ['read("users")'], rowSecurity: true });
  });
});

describe('destructive changes', () => {
  const retyped = { ...orders, schema: { total: { type: 'integer', required: true } } } as const;

  it('are refused with every change listed, and nothing is written', async () => {
    const { emu } = fixture;
    await ormFor(emu).init([orders, products]);
    emu.requests.clear();
    const error = await ormFor(emu).init([retyped]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).refused).toEqual([
      '! refused: type change orders.total float -> integer (set migrate.allowDestructive to allow it; data is lost)',
      '! refused: remove column orders.note (string) (set migrate.allowDestructive to allow it; data is lost)',
    ]);
    expect((error as MigrationError).message).not.toContain('products');
    expect((error as MigrationError).message).toContain('nothing was written');
    expect(emu.requests.list().map((entry) => entry.operation)).toEqual(['listTables']);
  });

  it('are applied with allowDestructive: the column is recreated with its new type, the rest removed', async () => {
    const { emu } = fixture;
    const indexed = { ...orders, indexes: [{ key: 'by_total', type: 'key', attributes: ['total'] }] } as const;
    await ormFor(emu).init([indexed, products]);
    await fixture.tablesDb().createRow({ databaseId: DATABASE, tableId: 'orders', rowId: 'o1', data: { total: 9.5, note: 'x' } });
    const retypedIndexed = { ...retyped, indexes: indexed.indexes, schema: { ...retyped.schema, total: { type: 'integer' } } } as const;
    const result = await ormFor(emu, { migrate: { allowDestructive: true } }).migrate([retypedIndexed]);
    expect(result.plan.text).toContain('- column orders.total (DESTRUCTIVE: type change float -> integer, its data is lost)');
    const table = await liveTable('orders');
    expect(table.columns.map((column) => [column.key, column.type, column.status])).toEqual([['total', 'integer', 'available']]);
    expect(table.indexes.map((index) => [index.key, index.status])).toEqual([['by_total', 'available']]);
    await expect(fixture.tablesDb().getTable({ databaseId: DATABASE, tableId: 'products' })).rejects.toMatchObject({ code: 404 });
    expect(await fixture.tablesDb().getRow({ databaseId: DATABASE, tableId: 'orders', rowId: 'o1' })).toMatchObject({ total: null });
    expect((await ormFor(emu).plan([retypedIndexed])).steps).toEqual([]);
  });
});

describe('indexes', () => {
  it('keeps undeclared indexes unless dropIndexes, and recreates a changed one with it', async () => {
    const { emu } = fixture;
    await ormFor(emu).init([products]);
    const changed = { ...products, indexes: [{ key: 'by_status', type: 'key', attributes: ['status'] }] } as const;
    const bare = { ...products, indexes: [] } as const;
    await expect(ormFor(emu).init([changed])).rejects.toThrow('change index products.by_status key(status, price desc) -> key(status)');
    await ormFor(emu).init([bare]);
    expect((await liveTable('products')).indexes).toHaveLength(1);
    await ormFor(emu, { migrate: { dropIndexes: true } }).init([changed]);
    expect((await liveTable('products')).indexes.map((index) => [index.key, index.columns, index.status])).toEqual([['by_status', ['status'], 'available']]);
    await ormFor(emu, { migrate: { dropIndexes: true } }).init([bare]);
    expect((await liveTable('products')).indexes).toEqual([]);
  });
});

describe('asynchronous failures', () => {
  it('fails fast with Appwrite error text when a column ends failed, and recreates it on the next run', async () => {
    const { emu } = fixture;
    await ormFor(emu).init([orders]);
    const extended = { ...orders, schema: { ...orders.schema, sku: { type: 'string', size: 20 } } } as const;
    emu.failNextColumn('orders', 'sku', 'Disk full while adding column');
    const started = Date.now();
    const error = await ormFor(emu).init([extended]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toBe('Column orders.sku failed in Appwrite: Disk full while adding column');
    expect((error as MigrationError).context).toEqual({ table: 'orders', field: 'sku' });
    expect(Date.now() - started).toBeLessThan(1_000);
    const retry = await ormFor(emu).migrate([extended]);
    expect(retry.plan.text).toBe('- column orders.sku (failed in Appwrite; recreated)\n+ column orders.sku (string(20))');
    expect((await liveTable('orders')).columns.map((column) => [column.key, column.status])).toEqual([['total', 'available'], ['note', 'available'], ['sku', 'available']]);
  });

  it('names the column when it does not become available in time', async () => {
    const { emu } = fixture;
    await ormFor(emu).init([orders]);
    emu.setColumnDelay(5_000);
    const extended = { ...orders, schema: { ...orders.schema, slow: { type: 'boolean' } } } as const;
    const error = await ormFor(emu, { migrate: { timeoutMs: 200 } }).init([extended]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toBe('Timed out after 200 ms waiting for column orders.slow to become available (status: processing)');
  });
});
