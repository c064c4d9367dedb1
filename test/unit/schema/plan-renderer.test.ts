import { describe, expect, it } from 'vitest';
import { columnSpec, tableSpec } from '../../../src/schema/desired-spec.js';
import { renderPlan } from '../../../src/schema/plan-renderer.js';
import { products } from './fixtures.js';

const index = { key: 'old', type: 'key', columns: ['a'], orders: ['asc' as const] };

describe('renderPlan', () => {
  it('renders one line per step in drizzle-kit push style', () => {
    const text = renderPlan({
      steps: [
        { kind: 'createDatabase', databaseId: 'shop', name: 'shop', destructive: false },
        { kind: 'createTable', table: tableSpec(products), destructive: false },
        { kind: 'updateTable', tableId: 'orders', settings: { name: 'orders', permissions: [], rowSecurity: true, enabled: true }, changes: [{ property: 'rowSecurity', from: false, to: true }], destructive: false },
        { kind: 'createColumn', tableId: 'orders', column: columnSpec('tags', { type: 'string', array: true, size: 32 }), destructive: false },
        { kind: 'createColumn', tableId: 'orders', column: columnSpec('status', { type: 'enum', enum: ['a', 'b'], default: 'a' }), destructive: false },
        { kind: 'updateColumn', tableId: 'products', column: columnSpec('name', { type: 'string', size: 255 }), changes: [{ property: 'size', from: 128, to: 255 }, { property: 'default', from: 'x', to: null }], destructive: false },
        { kind: 'updateColumn', tableId: 'products', column: columnSpec('price', { type: 'float' }), changes: [{ property: 'min', from: 0, to: undefined }], destructive: false },
        { kind: 'deleteIndex', tableId: 'products', index, reason: 'undeclared', destructive: false },
        { kind: 'deleteColumn', tableId: 'products', column: columnSpec('price', { type: 'float' }), reason: 'typeChange', replacement: columnSpec('price', { type: 'integer' }), destructive: true },
        { kind: 'deleteColumn', tableId: 'products', column: columnSpec('legacy', { type: 'integer' }), reason: 'removed', destructive: true },
        { kind: 'createIndex', tableId: 'products', index: { key: 'by_status', type: 'key', columns: ['status', 'price'], orders: ['asc', 'desc'] }, destructive: false },
        { kind: 'deleteTable', tableId: 'old_orders', name: 'old_orders', destructive: true },
      ],
      refused: [
        { kind: 'typeChange', tableId: 'products', key: 'price', detail: 'float -> integer', option: 'allowDestructive' },
        { kind: 'changeIndex', tableId: 'products', key: 'by_x', detail: 'key(a) -> unique(a)', option: 'dropIndexes' },
      ],
      notes: [{ kind: 'keptIndex', tableId: 'products', key: 'manual' }, { kind: 'keptTable', tableId: 'audit_log' }],
    });
    expect(text.split('\n')).toEqual([
      '+ database shop',
      '+ table products (12 columns, 2 indexes)',
      '~ table orders: rowSecurity false -> true',
      '+ column orders.tags (string(32)[])',
      '+ column orders.status (enum(a|b) default "a")',
      '~ column products.name: size 128 -> 255, default "x" -> null',
      '~ column products.price: min 0 -> unset',
      '- index products.old (dropIndexes)',
      '- column products.price (DESTRUCTIVE: type change float -> integer, its data is lost)',
      '- column products.legacy (DESTRUCTIVE: not declared, its data is lost)',
      '+ index products.by_status (key(status, price desc))',
      '- table old_orders (DESTRUCTIVE: not declared, all its rows are lost)',
      '! refused: type change products.price float -> integer (set migrate.allowDestructive to allow it; data is lost)',
      '! refused: change index products.by_x key(a) -> unique(a) (set migrate.dropIndexes to recreate it)',
      '= kept index products.manual (not declared; set migrate.dropIndexes to drop it)',
      '= kept table audit_log (not declared; set migrate.allowDestructive to delete it)',
    ]);
  });

  it('says so when there is nothing to do', () => {
    expect(renderPlan({ steps: [], refused: [], notes: [] })).toBe('No changes: the database matches the schema.');
  });

  it('uses singular words for one column and one index', () => {
    const text = renderPlan({ steps: [{ kind: 'createTable', table: { id: 't', name: 't', columns: [columnSpec('a', { type: 'boolean' })], indexes: [index] }, destructive: false }], refused: [], notes: [] });
    expect(text).toBe('+ table t (1 column, 1 index)');
  });
});
