import { describe, expectTypeOf, it } from 'vitest';
import { defineTable } from '../../../src/schema/table-definition.js';

describe('defineTable', () => {
  it('keeps the literal types of a valid declaration', () => {
    const products = defineTable({
      name: 'products',
      schema: { name: { type: 'string', required: true, size: 64 }, status: { type: 'enum', enum: ['draft', 'live'] } },
      indexes: [{ key: 'by_name', type: 'unique', attributes: ['name'], orders: ['asc'] }],
      cache: { ttl: 1_000 },
    });
    expectTypeOf(products.name).toEqualTypeOf<'products'>();
    expectTypeOf(products.schema.status.enum).toEqualTypeOf<readonly ['draft', 'live']>();
  });

  it('refuses option keys no declaration accepts', () => {
    // @ts-expect-error `requried` is not a field option (a typo of `required`)
    defineTable({ name: 'a', schema: { title: { type: 'string', requried: true } } });
    // @ts-expect-error `size` belongs to string fields, not integer ones
    defineTable({ name: 'b', schema: { stock: { type: 'integer', size: 10 } } });
    // @ts-expect-error `indexs` is not a table option
    defineTable({ name: 'c', schema: {}, indexs: [] });
    // @ts-expect-error `attribute` is not an index option
    defineTable({ name: 'd', schema: { n: { type: 'string' } }, indexes: [{ key: 'k', type: 'key', attributes: ['n'], attribute: 'n' }] });
  });
});
