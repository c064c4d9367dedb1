import { defineTable } from 'appwrite-orm/server';

/** The products table of the example: what `db.table('products')` reads and writes. */
export const products = defineTable({
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 255 },
    category: { type: 'string', required: true, size: 64 },
    price: { type: 'float', required: true, min: 0 },
    stock: { type: 'integer', min: 0, default: 0 },
  },
  indexes: [{ key: 'by_category', type: 'key', attributes: ['category'] }],
});

export const tables = [products] as const;
