import { describe, expectTypeOf, it } from 'vitest';
import type { InsertOf, RowOf } from '../../../src/schema/infer.js';
import type { Database } from '../../../src/server/database.js';

export const companies = { name: 'companies', schema: { name: { type: 'string', required: true } } } as const;
export const authors = {
  name: 'authors',
  schema: {
    name: { type: 'string', required: true },
    company: { type: 'relationship', table: 'companies', relation: 'manyToOne', twoWay: true, twoWayKey: 'authors' },
  },
} as const;
export const posts = {
  name: 'posts',
  schema: {
    title: { type: 'string', required: true },
    author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts', onDelete: 'cascade' },
    tags: { type: 'relationship', table: 'tags', relation: 'manyToMany' },
  },
} as const;
export const tags = { name: 'tags', schema: { label: { type: 'string', required: true } } } as const;
export const offices = { name: 'offices', schema: { city: { type: 'string' } } } as const;
export const hq = {
  name: 'hq',
  schema: { offices: { type: 'relationship', table: 'offices', relation: 'oneToMany', twoWay: true, twoWayKey: 'hq' } },
} as const;

declare const db: Database<readonly [typeof companies, typeof authors, typeof posts, typeof tags, typeof offices, typeof hq]>;

describe('relationship row types', () => {
  it('without with: single sides are the related id, many sides are absent', async () => {
    const post = await db.table('posts').getOrFail('k1');
    expectTypeOf(post.author).toEqualTypeOf<string | null>();
    expectTypeOf(post).not.toHaveProperty('tags');
    expectTypeOf<RowOf<typeof posts>>().not.toHaveProperty('tags');
  });

  it('with: the related row (or null) on single sides, a row list on many sides, nested paths typed too', async () => {
    const [post] = await db.table('posts').find([], { with: ['author', 'tags', 'author.company'] });
    expectTypeOf(post!.author).toEqualTypeOf<{
      readonly name: string; readonly company: RowOf<typeof companies> | null; readonly $id: string; readonly $sequence: string;
      readonly $createdAt: string; readonly $updatedAt: string; readonly $permissions: readonly string[]; readonly $tableId: string; readonly $databaseId: string;
    } | null>();
    expectTypeOf(post!.tags).toEqualTypeOf<readonly RowOf<typeof tags>[]>();
    expectTypeOf(post!.title).toEqualTypeOf<string>();
  });

  it('the twoWay key appears on the partner table: a row list there when loaded, the id on single sides', async () => {
    const author = await db.table('authors').getOrFail('a1', { with: ['posts'] });
    expectTypeOf(author.posts[0]!.title).toEqualTypeOf<string>();
    const office = await db.table('offices').getOrFail('o1');
    expectTypeOf(office.hq).toEqualTypeOf<string | null>();
    // @ts-expect-error not a relationship of authors
    await db.table('authors').find([], { with: ['nope'] });
  });

  it('writes take ids on single sides and id lists on many sides', () => {
    expectTypeOf<InsertOf<typeof posts>>().toEqualTypeOf<{ title: string; author?: string | null; tags?: readonly string[] | null }>();
  });
});
