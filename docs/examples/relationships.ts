import { ServerORM, defineTable } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';

export const authors = defineTable({
  name: 'authors',
  schema: { name: { type: 'string', required: true, size: 100 } },
});

export const posts = defineTable({
  name: 'posts',
  schema: {
    title: { type: 'string', required: true, size: 200 },
    // Many posts link one author; authors' rows show their posts under `posts`; deleting an author deletes them.
    author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts', onDelete: 'cascade' },
  },
});

/** Declares, migrates, writes by id, reads with `with`, and shows what a write to a related table invalidates. */
export async function relationships() {
  const appwrite = await startAppwriteEmulator();
  const orm = new ServerORM({
    endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey,
    databaseId: 'blog', autoMigrate: true,                 // creates `posts.author` once both tables exist
  });
  const db = await orm.init([authors, posts] as const);

  await db.table('authors').create({ name: 'Ann' }, { id: 'ann' });
  await db.table('posts').create({ title: 'Hello', author: 'ann' }, { id: 'hello' });  // link by id

  const plain = await db.table('posts').getOrFail('hello');
  const authorId = plain.author;                                                       // 'ann' (string | null)
  const [post] = await db.table('posts').find([], { with: ['author'] });
  const authorName = post?.author?.name;                                               // 'Ann' (typed author row)
  const ann = await db.table('authors').getOrFail('ann', { with: ['posts'] });
  const titles = ann.posts.map((row) => row.title);                                    // ['Hello']

  // The cached read above loaded authors: a write to authors invalidates it.
  await db.table('authors').update('ann', { name: 'Ann B.' });
  const [again] = await db.table('posts').find([], { with: ['author'] });
  const renamed = again?.author?.name;                                                 // 'Ann B.'

  // Deleting the author cascades to her posts; the posts table is invalidated too (Appwrite sends no event).
  await db.table('authors').delete('ann');
  const left = await db.table('posts').count();                                        // 0

  await db.close();
  await appwrite.close();
  return { authorId, authorName, titles, renamed, left };
}

/** Two instances over Redis: a write on A reaches B's cached reads that loaded the written table. */
export async function relationshipsAcrossInstances(redisUrl = 'redis://127.0.0.1:6379') {
  const appwrite = await startAppwriteEmulator();
  const config = {
    endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey,
    databaseId: 'blog_bridge', autoMigrate: true, cache: { redis: redisUrl },
  };
  const a = await new ServerORM(config).init([authors, posts] as const);
  const b = await new ServerORM(config).init([authors, posts] as const);
  await a.table('authors').create({ name: 'Ann' }, { id: 'ann' });
  await a.table('posts').create({ title: 'Hello', author: 'ann' }, { id: 'hello' });

  await b.table('posts').find([], { with: ['author'] });                    // B caches posts with their authors
  await b.table('posts').count();                                           // and a plain count of posts
  const heard = (table: string) => new Promise<void>((resolve) => {
    b.on('invalidate', (event) => { if (event.table === table && event.origin === 'remote') resolve(); });
  });
  const authorsHeard = heard('authors');
  await a.table('authors').update('ann', { name: 'Ann B.' });               // a write on A...
  await authorsHeard;                                                       // ...reaches B
  const [post] = await b.table('posts').find([], { with: ['author'] });
  const renamedOnB = post?.author?.name;                                    // 'Ann B.'

  const postsHeard = heard('posts');
  await a.table('authors').delete('ann');                                   // cascades to posts
  await postsHeard;                                                         // A announced posts too
  const leftOnB = await b.table('posts').count();                           // 0

  await Promise.all([a.close(), b.close()]);
  await appwrite.close();
  return { renamedOnB, leftOnB };
}
