import express from 'express';
import { Client, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InvalidationOrigin } from '../../../src/cache/cache-events.js';
import { appwriteWebhook } from '../../../src/express/appwrite-webhook.js';
import { listen, type Listening } from '../../e2e/support/listen.js';
import { useRelationsFixture } from './relations-fixture.js';

const DATABASE_ID = 'rel_webhook';
const SECRET = 'relations-webhook-secret';
const fx = useRelationsFixture(DATABASE_ID);

let server: Listening;
const invalidations: { table: string; origin: InvalidationOrigin }[] = [];
beforeAll(async () => {
  const app = express();
  app.use('/webhooks/appwrite', appwriteWebhook(fx.db, { secret: SECRET }));
  server = await listen(app);
  fx.db.on('invalidate', (event) => invalidations.push(event));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  invalidations.length = 0;
});

/** Another client (the console, a function...) changing rows directly, so only the webhook tells the ORM. */
function outsideClient(): TablesDB {
  return new TablesDB(new Client().setEndpoint(fx.emu.endpoint).setProject(fx.emu.projectId).setKey(fx.emu.apiKey));
}

/** Registers the receiver as an Appwrite webhook on the emulator's `authors` row events while `run` runs. */
async function withAuthorsWebhook(run: () => Promise<void>): Promise<void> {
  const hook = fx.emu.webhooks.add({ url: `${server.url}/webhooks/appwrite`, events: [`databases.${DATABASE_ID}.tables.authors.rows.*`], secret: SECRET });
  try {
    await run();
    await fx.emu.webhooks.idle();
    expect(fx.emu.webhooks.deliveries().map((call) => call.status)).toEqual([200]);
  } finally {
    hook.remove();
    fx.emu.webhooks.clear();
  }
}

describe('relationships: the webhook receiver applies the cache dependency graph', () => {
  it('an outside update of an author drops the cached posts read that loaded authors, and keeps an unrelated table', async () => {
    const posts = fx.db.table('posts');
    const tags = fx.db.table('tags');
    await posts.find({}, { with: ['author'] });
    await tags.find();
    await withAuthorsWebhook(async () => {
      await outsideClient().updateRow({ databaseId: DATABASE_ID, tableId: 'authors', rowId: 'a1', data: { name: 'Ann 2' } });
    });
    expect(invalidations.map((event) => event.origin)).toEqual(invalidations.map(() => 'webhook'));
    expect(invalidations.map((event) => event.table)).toContain('authors');
    expect(invalidations.map((event) => event.table)).not.toContain('tags');
    const rows = await posts.find({}, { with: ['author'] });
    expect(fx.reads('posts')).toBe(2);
    expect(rows.map((row) => row.author?.name)).toEqual(['Ann 2', 'Ann 2']);
    await tags.find();
    expect(fx.reads('tags')).toBe(1);
  });

  it('an outside delete of an author invalidates posts reached by cascade (no webhook names them), and keeps an unrelated table', async () => {
    const posts = fx.db.table('posts');
    const offices = fx.db.table('offices');
    expect(await posts.count()).toBe(2);
    await offices.find();
    expect(fx.db.affectedTables('authors', 'delete')).not.toContain('offices');
    await withAuthorsWebhook(async () => {
      await outsideClient().deleteRow({ databaseId: DATABASE_ID, tableId: 'authors', rowId: 'a1' });
    });
    expect(invalidations.map((event) => event.table)).toEqual(expect.arrayContaining(['authors', 'posts']));
    expect(invalidations.map((event) => event.table)).not.toContain('offices');
    expect(await posts.count()).toBe(0);
    await offices.find();
    expect(fx.reads('offices')).toBe(1);
  });
});
