import { defineTable } from '../../src/schema/table-definition.js';

/** The table of the chaos test: row `v` holds a counter that only goes up. */
export const chaosTables = [
  defineTable({ name: 'versions', schema: { value: { type: 'integer', required: true, min: 0 } } }),
] as const;
