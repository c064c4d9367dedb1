import type { TableDefinition } from '../../../src/schema/table-definition.js';

/** A table using every field type and option the planner compares. */
export const products = {
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 128 },
    price: { type: 'float', required: true, min: 0 },
    ratio: { type: 'float' },
    stock: { type: 'integer', min: 0, default: 0 },
    views: { type: 'integer' },
    tags: { type: 'string', array: true, size: 32 },
    status: { type: 'enum', enum: ['draft', 'live', 'archived'], default: 'draft' },
    publishedAt: { type: 'datetime', default: new Date('2024-01-02T03:04:05Z') },
    active: { type: 'boolean', default: true },
    contact: { type: 'email' },
    homepage: { type: 'url' },
    lastIp: { type: 'ip' },
  },
  indexes: [
    { key: 'by_status', type: 'key', attributes: ['status', 'price'], orders: ['asc', 'desc'] },
    { key: 'by_name', type: 'fulltext', attributes: ['name'] },
  ],
  permissions: ['read("any")', 'write("users")'],
  rowSecurity: false,
} as const satisfies TableDefinition;

export const orders = {
  name: 'orders',
  id: 'orders_v1',
  schema: { total: { type: 'float', required: true }, note: { type: 'string' } },
} as const satisfies TableDefinition;
