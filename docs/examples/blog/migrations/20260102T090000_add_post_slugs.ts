import type { Migrator } from 'appwrite-orm/server';

/** A data migration: a new column, filled from existing rows, then a unique index over it. */
export async function up(m: Migrator): Promise<void> {
  await m.addColumn('posts', 'slug', { type: 'string', size: 200 });
  const posts = m.rows('posts');
  await posts.each(async (post) => {
    const slug = String(post.title).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    await posts.update(String(post.$id), { slug: `${slug}-${String(post.$id)}` });
  });
  await m.addIndex('posts', { key: 'by_slug', type: 'unique', attributes: ['slug'] });
}

export async function down(m: Migrator): Promise<void> {
  await m.dropIndex('posts', 'by_slug');
  await m.dropColumn('posts', 'slug');
}
