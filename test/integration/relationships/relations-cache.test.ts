import { describe, expect, it } from 'vitest';
import { useRelationsFixture } from './relations-fixture.js';

const fx = useRelationsFixture('rel_cache');

describe('relationships: the cache dependency graph on one instance', () => {
  it('rule 1: a read that loaded related rows is dropped by a write to any table it loaded', async () => {
    const posts = fx.db.table('posts');
    await posts.find({}, { with: ['author.company'] });
    await posts.find({}, { with: ['author.company'] });
    expect(fx.reads('posts')).toBe(1);
    await fx.db.table('companies').update('c1', { name: 'Acme 2' });
    const rows = await posts.find({}, { with: ['author.company'] });
    expect(fx.reads('posts')).toBe(2);
    expect(rows[0]?.author?.company?.name).toBe('Acme 2');
  });

  it('rule 2: a read that loaded nothing stays keyed to its own table (a write to a related table keeps it)', async () => {
    const posts = fx.db.table('posts');
    await posts.find();
    await fx.db.table('authors').update('a1', { name: 'Ann 2' });
    await posts.find();
    expect(fx.reads('posts')).toBe(1);
  });

  it('rule 3: a write setting a two-way relationship invalidates the partner table, whose rows show the link', async () => {
    const offices = fx.db.table('offices');
    await fx.db.table('offices').create({ city: 'Rome' }, { id: 'o2' });
    expect((await offices.getOrFail('o2')).company).toBeNull();
    await fx.db.table('companies').update('c1', { offices: ['o1', 'o2'] });
    expect((await offices.getOrFail('o2')).company).toBe('c1');
  });

  it('rule 4: a delete invalidates every table reached by cascade (Appwrite sends nothing for those rows)', async () => {
    const posts = fx.db.table('posts');
    expect(await posts.count()).toBe(2);
    await fx.db.table('authors').delete('a1');
    expect(await posts.count()).toBe(0);
    expect(await fx.db.table('profiles').get('p1')).toBeNull();
  });

  it('rule 5: a delete invalidates every table reached by setNull, and two-way partners', async () => {
    const authors = fx.db.table('authors');
    expect((await authors.getOrFail('a1')).company).toBe('c1');
    await fx.db.table('offices').delete('o1');
    await fx.db.table('companies').delete('c1');
    expect((await authors.getOrFail('a1')).company).toBeNull();
    const tags = fx.db.table('tags');
    expect((await tags.getOrFail('t1', { with: ['posts'] })).posts).toHaveLength(1);
    await fx.db.table('posts').delete('k1');
    expect((await tags.getOrFail('t1', { with: ['posts'] })).posts).toHaveLength(0);
  });

  it('rule 6: writes to unrelated tables keep the entries', async () => {
    const tags = fx.db.table('tags');
    await tags.find();
    await fx.db.table('companies').update('c1', { name: 'Other' });
    await fx.db.table('profiles').update('p1', { bio: 'other' });
    await tags.find();
    expect(fx.reads('tags')).toBe(1);
  });
});

describe('relationships: bulk methods fall back to per-row calls', () => {
  it('bulkCreate, bulkUpdate, bulkDelete, updateWhere and deleteWhere work on tables Appwrite refuses bulk routes for', async () => {
    const posts = fx.db.table('posts');
    const created = await posts.bulkCreate([{ $id: 'b1', title: 'One', author: 'a2' }, { $id: 'b2', title: 'Two', author: 'a2' }]);
    expect(created.map((row) => row.$id)).toEqual(['b1', 'b2']);
    expect(fx.emu.requests.count({ operation: 'createRow', tableId: 'posts' })).toBe(2);
    expect(fx.emu.requests.count({ operation: 'createRows', tableId: 'posts' })).toBe(0);
    await posts.bulkUpdate([{ id: 'b1', data: { title: 'Uno' } }]);
    expect((await posts.getOrFail('b1')).title).toBe('Uno');
    expect(await posts.updateWhere({ author: 'a2' }, { title: 'Same' })).toBe(2);
    const bob = await fx.db.table('authors').getOrFail('a2', { with: ['posts'] });
    expect(bob.posts.map((row) => row.title)).toEqual(['Same', 'Same']);
    expect(await posts.bulkDelete(['b1', 'missing'])).toEqual({ deleted: ['b1'], notFound: ['missing'] });
    expect(await posts.deleteWhere({ author: 'a2' })).toBe(1);
    expect(await posts.count({ author: 'a2' })).toBe(0);
  });
});
