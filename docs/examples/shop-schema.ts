import { defineTable, rowSchemas, type InsertOf, type RowOf } from 'appwrite-orm/server';

export const products = defineTable({
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 255 },
    price: { type: 'float', required: true, min: 0 },
    stock: { type: 'integer', min: 0, default: 0 },
    tags: { type: 'string', array: true, size: 32 },
    status: { type: 'enum', enum: ['draft', 'live'], default: 'draft' },
    publishedAt: { type: 'datetime' },
    featured: { type: 'boolean', default: false },
    supportEmail: { type: 'email' },
    homepage: { type: 'url' },
  },
  indexes: [
    { key: 'by_status', type: 'key', attributes: ['status', 'price'], orders: ['asc', 'desc'] },
    { key: 'by_name', type: 'fulltext', attributes: ['name'] },
  ],
  permissions: ['read("any")'], // anyone may read; only the server (API key) writes
});

export const orders = defineTable({
  name: 'orders',
  id: 'orders_2024', // the Appwrite table id; `db.table('orders')` still uses the name
  schema: {
    productId: { type: 'string', required: true, size: 36 },
    quantity: { type: 'integer', required: true, min: 1 },
    buyerIp: { type: 'ip' },
  },
  rowSecurity: true,
});

export const shop = [products, orders] as const;

// Row types come from the declaration: no interface to keep in sync.
export type Product = RowOf<typeof products>; // { readonly name: string; readonly price: number; readonly stock: number | null; ... $id, $createdAt ... }
export type NewProduct = InsertOf<typeof products>; // { name: string; price: number; stock?: number | null; publishedAt?: string | Date | null; ... }

// The zod schemas the ORM validates with, for request bodies you check yourself.
export function parseNewProduct(body: unknown): { ok: true; data: NewProduct } | { ok: false; errors: string[] } {
  const parsed = rowSchemas(products).insert.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`) };
}
