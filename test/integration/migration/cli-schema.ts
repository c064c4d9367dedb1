import { defineTable } from '../../../src/schema/table-definition.js';

/** A schema module as users write one for `appwrite-orm migrate`: every exported declaration is a table. */
export const products = defineTable({
  name: 'products',
  schema: { name: { type: 'string', required: true }, price: { type: 'float', min: 0 } },
  indexes: [{ key: 'by_price', type: 'key', attributes: ['price'] }],
});

export const orders = defineTable({ name: 'orders', schema: { total: { type: 'float', required: true } } });
