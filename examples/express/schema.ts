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

/**
 * Reviews of a product: a one-way relationship (products' rows do not show it, so Appwrite's bulk routes stay
 * open for products). Deleting a product deletes its reviews, and invalidates cached reviews with it.
 */
export const reviews = defineTable({
  name: 'reviews',
  schema: {
    text: { type: 'string', required: true, size: 500 },
    stars: { type: 'integer', required: true, min: 1, max: 5 },
    product: { type: 'relationship', table: 'products', relation: 'manyToOne', onDelete: 'cascade' },
  },
});

export const tables = [products, reviews] as const;
