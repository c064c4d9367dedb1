import { describe, expectTypeOf, it } from 'vitest';
import type { RowOf } from '../../../src/schema/infer.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import { ServerORM } from '../../../src/server/server-orm.js';

// What docs/schemas-and-migrations.md ("Keeping the literal types") says about declarations kept in variables.
describe('a declaration stored in a variable', () => {
  const orm = new ServerORM({ endpoint: 'http://127.0.0.1:1/v1', projectId: 'p', databaseId: 'd', apiKey: 'k' });

  it('as a plain object literal does not compile: its field types widen to string', () => {
    const posts = { name: 'posts', schema: { title: { type: 'string', required: true }, link: { type: 'url' } } };
    // @ts-expect-error `type: string` is not one of the field types
    void orm.init([posts]);
  });

  it('with `satisfies TableDefinition` keeps every literal type', () => {
    const posts = { name: 'posts', schema: { title: { type: 'string', required: true }, link: { type: 'url' } } } satisfies TableDefinition;
    void orm.init([posts]);
    expectTypeOf<RowOf<typeof posts>['title']>().toEqualTypeOf<string>();
    expectTypeOf<RowOf<typeof posts>['link']>().toEqualTypeOf<string | null>();
  });

  it('with only the types made constant compiles, but `required: boolean` makes every field nullable', () => {
    const posts = { name: 'posts', schema: { title: { type: 'string' as const, required: true } } };
    void orm.init([posts]);
    expectTypeOf<RowOf<typeof posts>['title']>().toEqualTypeOf<string | null>();
  });

  it('annotated as TableDefinition loses its columns', () => {
    const posts: TableDefinition = { name: 'posts', schema: { title: { type: 'string', required: true } } };
    void orm.init([posts]);
    expectTypeOf<RowOf<typeof posts>['title']>().not.toEqualTypeOf<string>();
  });
});
