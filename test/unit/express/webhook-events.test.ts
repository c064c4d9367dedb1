import { describe, expect, it } from 'vitest';
import { tablesNamedByWebhook } from '../../../src/express/webhook-events.js';

describe('tablesNamedByWebhook', () => {
  it('reads concrete table names from the events header and skips wildcards and other resources', () => {
    const header = [
      'databases.shop.tables.products.rows.r1.create',
      'databases.*.tables.*.rows.*.create',
      'databases.shop.tables.*',
      'databases.shop.collections.products.documents.r1.create',
      'tablesdb.shop.tables.orders.rows.r2.update',
      'databases.shop',
      'users.u1.create',
    ].join(',');
    expect(tablesNamedByWebhook(header, {})).toEqual([
      { databaseId: 'shop', tableId: 'products' },
      { databaseId: 'shop', tableId: 'orders' },
    ]);
  });

  it('reads $databaseId and $tableId (or $collectionId) from a row, an array of rows or a { rows } list', () => {
    expect(tablesNamedByWebhook(undefined, { $databaseId: 'shop', $tableId: 'products' })).toEqual([{ databaseId: 'shop', tableId: 'products' }]);
    expect(tablesNamedByWebhook(undefined, [{ $databaseId: 'shop', $collectionId: 'a' }, { $databaseId: 'shop', $tableId: 'b' }])).toEqual([
      { databaseId: 'shop', tableId: 'a' },
      { databaseId: 'shop', tableId: 'b' },
    ]);
    expect(tablesNamedByWebhook(undefined, { total: 1, rows: [{ $databaseId: 'x', $tableId: 'y' }] })).toEqual([{ databaseId: 'x', tableId: 'y' }]);
  });

  it('ignores payloads without table fields and values of the wrong type', () => {
    expect(tablesNamedByWebhook('', null)).toEqual([]);
    expect(tablesNamedByWebhook(undefined, { $databaseId: 1, $tableId: 'x' })).toEqual([]);
    expect(tablesNamedByWebhook(undefined, 'text')).toEqual([]);
  });
});
