import { describe, expectTypeOf, it } from 'vitest';
import type { RowOf } from '../../../src/schema/infer.js';
import type { Database } from '../../../src/server/database.js';

// Two-way relationships without `twoWayKey`: Appwrite names the partner column after the declaring table's id.
export const people = { name: 'people', schema: { name: { type: 'string', required: true } } } as const;
export const articles = {
  name: 'articles',
  schema: {
    title: { type: 'string', required: true },
    writer: { type: 'relationship', table: 'people', relation: 'manyToOne', twoWay: true },
  },
} as const;
export const badges = {
  name: 'badges',
  id: 'badge_rows',
  schema: { holder: { type: 'relationship', table: 'people', relation: 'oneToOne', twoWay: true } },
} as const;
export const notes = {
  name: 'notes',
  schema: { person: { type: 'relationship', table: 'people', relation: 'manyToOne' } },
} as const;

declare const db: Database<readonly [typeof people, typeof articles, typeof badges, typeof notes]>;

describe('default twoWayKey in row types', () => {
  it('names the partner end after the declaring table: its name, or its id when it has one', async () => {
    const person = await db.table('people').getOrFail('u1');
    expectTypeOf(person.badge_rows).toEqualTypeOf<string | null>();
    expectTypeOf(person).not.toHaveProperty('badges');
    expectTypeOf(person).not.toHaveProperty('articles');
    const loaded = await db.table('people').getOrFail('u1', { with: ['articles', 'badge_rows'] });
    expectTypeOf(loaded.articles).toEqualTypeOf<readonly RowOf<typeof articles>[]>();
    expectTypeOf(loaded.badge_rows).toEqualTypeOf<RowOf<typeof badges> | null>();
  });

  it('adds nothing for a one-way relationship', async () => {
    // @ts-expect-error notes.person is one-way: people rows do not show it
    await db.table('people').find([], { with: ['notes'] });
  });
});
