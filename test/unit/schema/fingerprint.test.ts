import { describe, expect, it } from 'vitest';
import { readFingerprint, schemaFingerprint } from '../../../src/schema/fingerprint.js';
import { tableId } from '../../../src/schema/table-definition.js';
import { orders, products } from './fixtures.js';

describe('schemaFingerprint', () => {
  it('is a stable 16-hex-digit hash, cached per declaration', () => {
    const fingerprint = schemaFingerprint(products);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(schemaFingerprint(products)).toBe(fingerprint);
    expect(schemaFingerprint({ ...products })).toBe(fingerprint);
  });

  it('does not depend on key order, undefined properties, permissions or cache settings', () => {
    const reordered = { schema: { note: { size: 10, type: 'string' }, total: { required: true, type: 'float' } }, id: 'o', name: 'orders' } as const;
    const original = { name: 'orders', id: 'o', schema: { total: { type: 'float', required: true }, note: { type: 'string', size: 10, default: undefined } } } as const;
    expect(schemaFingerprint(reordered)).toBe(schemaFingerprint(original));
    expect(schemaFingerprint({ ...original, permissions: ['read("any")'], cache: { ttl: 5 } })).toBe(schemaFingerprint(original));
  });

  it('changes with any field, index or the table id', () => {
    const base = schemaFingerprint(orders);
    expect(schemaFingerprint({ ...orders, schema: { ...orders.schema, note: { type: 'string', size: 10 } } })).not.toBe(base);
    expect(schemaFingerprint({ ...orders, indexes: [{ key: 'by_total', type: 'key', attributes: ['total'] }] })).not.toBe(base);
    expect(schemaFingerprint({ ...orders, id: 'orders_v2' })).not.toBe(base);
    expect(schemaFingerprint({ ...products, schema: { ...products.schema, publishedAt: { type: 'datetime', default: new Date(0) } } })).not.toBe(schemaFingerprint(products));
  });
});

describe('tableId', () => {
  it('is the id when given, else the name', () => {
    expect(tableId(orders)).toBe('orders_v1');
    expect(tableId(products)).toBe('products');
  });
});

describe('readFingerprint', () => {
  const authors = { name: 'authors', schema: { name: { type: 'string' } } } as const;
  const posts = { name: 'posts', schema: { author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts' } } } as const;
  const notes = { name: 'notes', schema: { text: { type: 'string' } } } as const;

  it('is the schema fingerprint for a table without relationships', () => {
    expect(readFingerprint(notes, [authors, posts, notes])).toBe(schemaFingerprint(notes));
  });

  it('changes when a related table changes, such as the key its two-way relationship gives this table', () => {
    const base = readFingerprint(authors, [authors, posts, notes]);
    expect(readFingerprint(authors, [authors, posts, notes])).toBe(base);
    const renamed = { ...posts, schema: { author: { ...posts.schema.author, twoWayKey: 'articles' } } } as const;
    expect(readFingerprint(authors, [authors, renamed, notes])).not.toBe(base);
    expect(readFingerprint(authors, [authors, posts, { ...notes, schema: { body: { type: 'string' } } }])).toBe(base);
  });
});
