import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/errors/query-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { RelationGraph } from '../../../src/schema/relation-graph.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import { checkStep, createBody, patchBody, requireFilter, upsertBody, writeTables } from '../../../src/server/table-checks.js';
import { TableRuntime } from '../../../src/server/table-runtime.js';

const stock = {
  name: 'stock',
  schema: {
    sku: { type: 'string', size: 36 },
    count: { type: 'integer', min: 0, default: 0 },
    loose: { type: 'integer' },
  },
} as const satisfies TableDefinition;
const runtime = new TableRuntime(stock);
const OPERATOR_TEXT = '{"method":"toggle","values":[]}';

describe('write checks shared by table handles and transactions', () => {
  it('createBody refuses an empty row, and operator-shaped text only when the create is staged in a transaction', () => {
    expect(() => createBody(runtime, {})).toThrow(/create needs at least one field; Appwrite refuses an empty one/);
    expect(createBody(runtime, { sku: OPERATOR_TEXT })).toEqual({ sku: OPERATOR_TEXT });
    expect(() => createBody(runtime, { sku: OPERATOR_TEXT }, true)).toThrow(ValidationError);
  });

  it('patchBody and upsertBody refuse operator-shaped text; an empty update needs permissions', () => {
    expect(() => patchBody(runtime, { sku: OPERATOR_TEXT }, 'update')).toThrow(/field "sku"/);
    expect(() => upsertBody(runtime, { sku: OPERATOR_TEXT })).toThrow(/field "sku"/);
    expect(() => patchBody(runtime, {}, 'update')).toThrow(/update needs at least one field \(or permissions\)/);
    expect(patchBody(runtime, {}, 'update', ['read("any")'])).toEqual({});
  });

  it('checkStep takes a numeric column that always holds a number, and a finite step >= 0', () => {
    expect(() => checkStep(runtime, 'count', 2, 'increment')).not.toThrow();
    expect(() => checkStep(runtime, 'sku', 1, 'increment')).toThrow(/not an integer or float field/);
    expect(() => checkStep(runtime, 'loose', 1, 'decrement')).toThrow(/decrement needs a column that always holds a number/);
    expect(() => checkStep(runtime, 'count', -1, 'increment')).toThrow(/finite number >= 0, got -1/);
  });

  it('requireFilter refuses a query without a filter; writeTables is the table itself without relationships', () => {
    expect(() => requireFilter(runtime, runtime.normalizer.canonical([]), 'deleteWhere')).toThrow(QueryError);
    expect(() => requireFilter(runtime, runtime.normalizer.canonical({ sku: 'pen' }), 'deleteWhere')).not.toThrow();
    expect(writeTables(runtime, { sku: 'pen' })).toEqual(['stock']);
  });

  it('writeTables adds the two-way partner of a relationship the write sets', () => {
    const authors = { name: 'authors', schema: { name: { type: 'string', size: 32 } } } as const satisfies TableDefinition;
    const posts = {
      name: 'posts',
      schema: { author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts' } },
    } as const satisfies TableDefinition;
    const related = new TableRuntime(posts, new RelationGraph([authors, posts]));
    expect(writeTables(related, { author: 'a1' })).toEqual(['posts', 'authors']);
  });
});
