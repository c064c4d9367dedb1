import { defineTable, type Database } from 'appwrite-orm/server';

export const products = defineTable({
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 255 },
    price: { type: 'float', required: true, min: 0 },
    category: { type: 'string', required: true, size: 64 },
    stock: { type: 'integer', default: 0 },
    tags: { type: 'string', array: true, size: 32 },
    publishedAt: { type: 'datetime' },
  },
  indexes: [{ key: 'by_category', type: 'key', attributes: ['category'] }],
  permissions: ['read("any")'], // anyone may read products; only the server (API key) writes them
});

export const rates = defineTable({
  name: 'rates',
  schema: { currency: { type: 'string', required: true, size: 3 }, rate: { type: 'float', required: true } },
  cache: { ttl: 30_000 }, // this table's queries live 30 s in the cache instead of the global TTL
});

export const catalog = [products, rates] as const;

/** What `await orm.init(catalog)` returns. */
export type CatalogDb = Database<typeof catalog>;
