import type { Database } from 'appwrite-orm/server';
import type { tables } from '../schema.js';

/** `appwrite-orm seed` runs this seeder; `db` is the ORM's database on the schema's tables. */
export async function run(db: Database<typeof tables>): Promise<void> {
  const ada = await db.table('authors').create({ name: 'Ada' });
  await db.table('posts').create({ title: 'Hello, world', slug: 'hello-world', status: 'live', author: ada.$id });
}
