import { describe, expect, it } from 'vitest';
import { tableSpec } from '../../../src/schema/desired-spec.js';
import { normaliseTable, type RawColumn, type RawTable } from '../../../src/schema/live-state.js';
import type { PlanOptions } from '../../../src/schema/migration-plan.js';
import { planMigration } from '../../../src/schema/planner.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import { asAppwriteTable } from './appwrite-shapes.js';
import { orders, products } from './fixtures.js';

function plan(desired: readonly TableDefinition[], live: readonly RawTable[], options: PlanOptions = {}, databaseExists = true) {
  return planMigration({
    databaseId: 'shop',
    databaseName: 'Shop',
    desired: desired.map(tableSpec),
    live: { databaseExists, tables: live.map(normaliseTable) },
    options,
  });
}

const liveProducts = (): RawTable => asAppwriteTable(tableSpec(products));

function withColumn(table: RawTable, key: string, change: (column: RawColumn) => RawColumn | undefined): RawTable {
  return { ...table, columns: table.columns.flatMap((column) => (column.key === key ? [change(column)].filter((c) => c !== undefined) : [column])) };
}

describe('planMigration: no-op', () => {
  it('plans nothing when Appwrite holds exactly the declared schema, as Appwrite reports it', () => {
    const result = plan([products, orders], [liveProducts(), asAppwriteTable(tableSpec(orders))]);
    expect(result.steps).toEqual([]);
    expect(result.refused).toEqual([]);
    expect(result.notes).toEqual([]);
    expect(result.text).toBe('No changes: the database matches the schema.');
  });

  it('reads double as float, formats as kinds, BigInt and lossy int64 bounds and float extremes as unset', () => {
    const live = liveProducts();
    const views = live.columns.find((column) => column.key === 'views');
    expect(views?.min).toBe(-9223372036854775808n);
    const lossy = withColumn(live, 'views', (column) => ({ ...column, min: -9223372036854775808, max: 9223372036854775807 }));
    expect(plan([products], [lossy]).steps).toEqual([]);
    expect(live.columns.find((column) => column.key === 'ratio')).toMatchObject({ type: 'double', min: -Number.MAX_VALUE });
    expect(live.columns.find((column) => column.key === 'contact')).toMatchObject({ type: 'string', format: 'email' });
  });

  it('compares datetime defaults as instants, enum elements as sets, stock min as a BigInt 0n', () => {
    const live = withColumn(liveProducts(), 'stock', (column) => ({ ...column, min: 0n }));
    expect(plan([products], [live]).steps).toEqual([]);
    expect(live.columns.find((column) => column.key === 'publishedAt')?.default).toBe('2024-01-02T03:04:05.000+00:00');
  });

  it('ignores permissions and rowSecurity the declaration leaves out', () => {
    const live = { ...asAppwriteTable(tableSpec(orders)), $permissions: ['read("any")'], rowSecurity: true };
    expect(plan([orders], [live]).steps).toEqual([]);
  });
});

describe('planMigration: additive and in-place steps', () => {
  it('creates the database and every table when the database is missing', () => {
    const result = plan([products, orders], [], {}, false);
    expect(result.steps.map((step) => step.kind)).toEqual(['createDatabase', 'createTable', 'createTable']);
    expect(result.steps[0]).toMatchObject({ databaseId: 'shop', name: 'Shop' });
    expect(result.steps[2]).toMatchObject({ table: { id: 'orders_v1', name: 'orders' } });
  });

  it('creates a missing table with its columns and indexes inline', () => {
    const result = plan([products, orders], [liveProducts()]);
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]).toMatchObject({ kind: 'createTable', table: { id: 'orders_v1' } });
  });

  it('adds a missing column and a missing index', () => {
    const live = liveProducts();
    const partial = { ...withColumn(live, 'lastIp', () => undefined), indexes: live.indexes.filter((index) => index.key !== 'by_name') };
    const result = plan([products], [partial]);
    expect(result.steps.map((step) => [step.kind, 'column' in step ? step.column.key : 'index' in step ? step.index.key : ''])).toEqual([
      ['createColumn', 'lastIp'],
      ['createIndex', 'by_name'],
    ]);
  });

  it('updates required, default, size, min, max and enum elements in place', () => {
    let live = withColumn(liveProducts(), 'name', (column) => ({ ...column, size: 64, required: false }));
    live = withColumn(live, 'price', (column) => ({ ...column, min: -1, max: 10 }));
    live = withColumn(live, 'stock', (column) => ({ ...column, default: 5 }));
    live = withColumn(live, 'status', (column) => ({ ...column, elements: ['draft', 'live'] }));
    const result = plan([products], [live]);
    expect(result.steps.map((step) => (step.kind === 'updateColumn' ? [step.column.key, step.changes.map((change) => change.property)] : step.kind))).toEqual([
      ['name', ['required', 'size']],
      ['price', ['min', 'max']],
      ['stock', ['default']],
      ['status', ['elements']],
    ]);
    expect(result.steps.every((step) => !step.destructive)).toBe(true);
  });

  it('updates table name, permissions and rowSecurity when declared', () => {
    const live = { ...liveProducts(), name: 'Products', $permissions: ['read("any")'], rowSecurity: true };
    const [step] = plan([products], [live]).steps;
    expect(step).toMatchObject({
      kind: 'updateTable',
      settings: { name: 'products', permissions: ['create("users")', 'delete("users")', 'read("any")', 'update("users")'], rowSecurity: false },
    });
    expect(step?.kind === 'updateTable' && step.changes.map((change) => change.property)).toEqual(['name', 'permissions', 'rowSecurity']);
  });

  it('recreates a column Appwrite reports as failed, without calling it destructive', () => {
    const live = withColumn(liveProducts(), 'homepage', (column) => ({ ...column, status: 'failed', error: 'boom' }));
    const result = plan([products], [live]);
    expect(result.steps).toMatchObject([
      { kind: 'deleteColumn', reason: 'failed', destructive: false },
      { kind: 'createColumn', column: { key: 'homepage' } },
    ]);
  });
});

describe('planMigration: destructive changes', () => {
  const retyped = { ...products, schema: { ...products.schema, price: { type: 'integer', required: true, min: 0 } } } as const;

  it('refuses a type change, an array change and a type Appwrite has but the ORM does not declare', () => {
    const live = withColumn(withColumn(liveProducts(), 'tags', (column) => ({ ...column, array: false })), 'name', (column) => ({ ...column, type: 'varchar' }));
    const result = plan([retyped], [live]);
    expect(result.steps).toEqual([]);
    expect(result.refused.map((change) => [change.kind, change.key, change.detail])).toEqual([
      ['typeChange', 'name', 'varchar -> string'],
      ['typeChange', 'price', 'float -> integer'],
      ['typeChange', 'tags', 'string -> string[]'],
    ]);
  });

  it('recreates a retyped column with allowDestructive, dropping and recreating the indexes on it', () => {
    const result = plan([retyped], [liveProducts()], { allowDestructive: true });
    expect(result.steps.map((step) => `${step.kind}:${'column' in step ? step.column.key : 'index' in step ? step.index.key : ''}`)).toEqual([
      'deleteIndex:by_status',
      'deleteColumn:price',
      'createColumn:price',
      'createIndex:by_status',
    ]);
    expect(result.steps[1]).toMatchObject({ reason: 'typeChange', destructive: true });
  });

  it('refuses to remove an undeclared column, keeps an undeclared table; removes both with allowDestructive', () => {
    const extra = { ...liveProducts(), columns: [...liveProducts().columns, { key: 'legacy', type: 'string', status: 'available', required: false, size: 10 }] };
    const stray = asAppwriteTable(tableSpec(orders));
    const kept = plan([products], [extra, stray]);
    expect(kept.refused.map((change) => `${change.kind}:${change.tableId}:${change.key ?? ''}`)).toEqual(['removeColumn:products:legacy']);
    expect(kept.notes).toEqual([{ kind: 'keptTable', tableId: 'orders_v1' }]);
    expect(kept.steps.some((step) => step.kind === 'deleteTable')).toBe(false);
    const allowed = plan([products], [extra, stray], { allowDestructive: true });
    expect(allowed.steps).toMatchObject([
      { kind: 'deleteColumn', column: { key: 'legacy' }, reason: 'removed', destructive: true },
      { kind: 'deleteTable', tableId: 'orders_v1', destructive: true },
    ]);
    expect(allowed.refused).toEqual([]);
  });
});

describe('planMigration: indexes', () => {
  const undeclared = { key: 'old', type: 'key', status: 'available', columns: ['views'], orders: ['ASC'] };

  it('keeps an undeclared index (as a note) unless dropIndexes', () => {
    const live = { ...liveProducts(), indexes: [...liveProducts().indexes, undeclared] };
    const kept = plan([products], [live]);
    expect(kept.steps).toEqual([]);
    expect(kept.notes).toEqual([{ kind: 'keptIndex', tableId: 'products', key: 'old' }]);
    expect(plan([products], [live], { dropIndexes: true }).steps).toMatchObject([{ kind: 'deleteIndex', index: { key: 'old' }, reason: 'undeclared' }]);
  });

  it('refuses a changed index unless dropIndexes, then drops and recreates it', () => {
    const live = liveProducts();
    const changed = { ...live, indexes: live.indexes.map((index) => (index.key === 'by_status' ? { ...index, orders: ['ASC', 'ASC'] } : index)) };
    expect(plan([products], [changed]).refused).toMatchObject([{ kind: 'changeIndex', key: 'by_status', detail: 'key(status, price) -> key(status, price desc)', option: 'dropIndexes' }]);
    expect(plan([products], [changed], { dropIndexes: true }).steps.map((step) => step.kind)).toEqual(['deleteIndex', 'createIndex']);
  });

  it('treats missing or null orders as ascending', () => {
    const live = liveProducts();
    const noOrders = { ...live, indexes: live.indexes.map((index) => (index.key === 'by_name' ? { ...index, orders: null } : index)) };
    expect(plan([products], [noOrders]).steps).toEqual([]);
  });
});

describe('planMigration: text types and renames', () => {
  const articles = {
    name: 'articles',
    schema: {
      title: { type: 'string', size: 200, required: true },
      sku: { type: 'varchar', size: 64 },
      body: { type: 'text', encrypt: true },
      notes: { type: 'mediumtext', array: true },
    },
    indexes: [
      { key: 'by_title', type: 'key', attributes: ['title'] },
      { key: 'by_sku', type: 'unique', attributes: ['sku', 'title'], lengths: [64, 100] },
      { key: 'by_body', type: 'fulltext', attributes: ['body'] },
    ],
  } as const satisfies TableDefinition;
  const liveArticles = (): RawTable => asAppwriteTable(tableSpec(articles));

  it('creates varchar and text columns by their own routes after the table, with the indexes over them', () => {
    const result = plan([articles], []);
    expect(result.steps.map((step) => `${step.kind}:${'column' in step ? step.column.key : 'index' in step ? step.index.key : step.kind === 'createTable' ? step.table.columns.map((c) => c.key).join('+') : ''}`)).toEqual([
      'createTable:title',
      'createColumn:sku',
      'createColumn:body',
      'createColumn:notes',
      'createIndex:by_sku',
      'createIndex:by_body',
    ]);
    expect(result.steps[0]).toMatchObject({ table: { indexes: [{ key: 'by_title' }] } });
    expect(result.steps[2]).toMatchObject({ column: { kind: 'text', encrypt: true } });
    expect(result.text).toContain('+ column articles.sku (varchar(64))');
  });

  it('reads the text types back as declared, and recreates a column whose encryption changed', () => {
    expect(plan([articles], [liveArticles()]).steps).toEqual([]);
    const plainBody = withColumn(liveArticles(), 'body', (column) => ({ ...column, encrypt: false }));
    expect(plan([articles], [plainBody]).refused).toMatchObject([{ kind: 'typeChange', key: 'body', detail: 'text -> text encrypted' }]);
    const resized = withColumn(liveArticles(), 'sku', (column) => ({ ...column, size: 32 }));
    expect(plan([articles], [resized]).steps).toMatchObject([{ kind: 'updateColumn', column: { key: 'sku' }, changes: [{ property: 'size', from: 32, to: 64 }] }]);
  });

  it('renames a column declared with renamedFrom in place; the indexes over it follow', () => {
    const renamed = { ...articles, schema: { ...articles.schema, code: { ...articles.schema.sku, renamedFrom: 'sku', size: 80 } } } as const;
    const { sku: _sku, ...schema } = renamed.schema;
    const declared = {
      ...renamed,
      schema,
      indexes: [articles.indexes[0], { ...articles.indexes[1], attributes: ['code', 'title'] }, articles.indexes[2]],
    } as const satisfies TableDefinition;
    const result = plan([declared], [liveArticles()]);
    expect(result.refused).toEqual([]);
    expect(result.steps).toMatchObject([
      { kind: 'renameColumn', from: 'sku', column: { key: 'code', size: 80 }, changes: [{ property: 'size', from: 64, to: 80 }], destructive: false },
    ]);
    expect(result.text).toBe('~ column articles.sku renamed to code (values and indexes kept): size 64 -> 80');
    // Once renamed, the declaration matches; renamedFrom is harmless.
    const after = { ...liveArticles(), columns: liveArticles().columns.map((column) => (column.key === 'sku' ? { ...column, key: 'code', size: 80 } : column)),
      indexes: liveArticles().indexes.map((index) => ({ ...index, columns: index.columns.map((key) => (key === 'sku' ? 'code' : key)) })) };
    expect(plan([declared], [after]).steps).toEqual([]);
  });

  it('refuses a rename that changes the type, like any type change', () => {
    const declared = { ...articles, schema: { title: articles.schema.title, body: articles.schema.body, notes: articles.schema.notes, code: { type: 'integer', renamedFrom: 'sku' } }, indexes: [] } as const;
    const result = plan([declared], [liveArticles()], { dropIndexes: true });
    expect(result.refused).toMatchObject([{ kind: 'typeChange', key: 'code', detail: 'varchar -> integer' }]);
  });
});
