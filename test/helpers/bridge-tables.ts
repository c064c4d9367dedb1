import { defineTable } from '../../src/schema/table-definition.js';

/** The table the bridge's child-process tests read and write. */
export const bridgeTables = [
  defineTable({
    name: 'products',
    schema: { name: { type: 'string', required: true, size: 64 }, price: { type: 'float', required: true, min: 0 } },
  }),
] as const;
