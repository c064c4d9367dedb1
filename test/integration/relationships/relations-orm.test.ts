import { Client, TablesDB } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/errors/query-error.js';
import { Operator } from '../../../src/schema/operator.js';
import { useRelationsFixture } from './relations-fixture.js';

const fx = useRelationsFixture();

describe('relationships: migration', () => {
  it('creates relationship columns once both tables exist, with their two-way partners, and plans nothing more', async () => {
    const admin = new TablesDB(new Client().setEndpoint(fx.emu.endpoint).setProject(fx.emu.projectId).setKey(fx.emu.apiKey));
    expect(await admin.getColumn({ databaseId: 'rel', tableId: 'posts', key: 'author' })).toMatchObject({
      type: 'relationship', status: 'available', relatedTable: 'authors', relationType: 'manyToOne', twoWay: true, twoWayKey: 'posts', onDelete: 'cascade',
    });
    expect(await admin.getColumn({ databaseId: 'rel', tableId: 'authors', key: 'posts' })).toMatchObject({ side: 'child' });
    const { tables } = await import('./relations-fixture.js');
    const plan = await fx.orm.plan(tables);
    expect(plan.steps).toEqual([]);
    expect(plan.refused).toEqual([]);
  });

  it('refuses a relation type change and a dropped relationship without allowDestructive', async () => {
    const { tables, posts } = await import('./relations-fixture.js');
    const changed = { ...posts, schema: { ...posts.schema, author: { ...posts.schema.author, relation: 'oneToOne' } } } as const;
    const plan = await fx.orm.plan(tables.map((table) => (table.name === 'posts' ? changed : table)));
    expect(plan.refused).toContainEqual(expect.objectContaining({ kind: 'typeChange', tableId: 'posts', key: 'author' }));
    const { author: _dropped, ...rest } = posts.schema;
    const dropped = await fx.orm.plan(tables.map((table) => (table.name === 'posts' ? { ...posts, schema: rest } : table)));
    expect(dropped.refused).toContainEqual(expect.objectContaining({ kind: 'removeColumn', tableId: 'posts', key: 'author' }));
  });
});

describe('relationships: each relation type end to end', () => {
  it('manyToOne: the related id without with, the related row with it; the partner list through its twoWayKey', async () => {
    const post = await fx.db.table('posts').getOrFail('k1');
    expect(post.author).toBe('a1');
    const loaded = await fx.db.table('posts').getOrFail('k1', { with: ['author'] });
    expect(loaded.author?.name).toBe('Ann');
    const ann = await fx.db.table('authors').getOrFail('a1', { with: ['posts'] });
    expect(ann.posts.map((row) => row.$id).sort()).toEqual(['k1', 'k2']);
  });

  it('oneToOne (one-way), oneToMany and manyToMany, with nested paths', async () => {
    const ann = await fx.db.table('authors').getOrFail('a1', { with: ['profile', 'company.offices'] });
    expect(ann.profile?.bio).toBe('writes');
    expect(ann.company?.offices.map((office) => office.city)).toEqual(['Oslo']);
    const office = await fx.db.table('offices').getOrFail('o1');
    expect(office.company).toBe('c1');
    const [post] = await fx.db.table('posts').find({ $id: 'k1' }, { with: ['tags', 'author.profile'] });
    expect(post?.tags.map((tag) => tag.label)).toEqual(['news']);
    expect(post?.author?.profile?.bio).toBe('writes');
    const tag = await fx.db.table('tags').getOrFail('t1', { with: ['posts'] });
    expect(tag.posts.map((row) => row.title)).toEqual(['Hello']);
  });

  it('writes take ids and id lists, and relinking moves the link', async () => {
    const posts = fx.db.table('posts');
    await posts.update('k2', { author: 'a2', tags: ['t1'] });
    expect((await posts.getOrFail('k2', { with: ['author', 'tags'] })).author?.name).toBe('Bob');
    expect((await fx.db.table('authors').getOrFail('a2', { with: ['posts'] })).posts.map((row) => row.$id)).toEqual(['k2']);
    await expect(posts.update('k2', { tags: 't1' } as never)).rejects.toThrow(/tags/);
  });

  it('refuses operators on relationship fields before any request (Appwrite does not parse them there)', async () => {
    const posts = fx.db.table('posts');
    const before = fx.emu.requests.count();
    await expect(posts.update('k2', { tags: Operator.arrayAppend(['t1']) } as never)).rejects.toThrow(/field "tags": arrayAppend applies to array fields; this is a relationship field/);
    await expect(posts.update('k2', { author: Operator.stringConcat('x') } as never)).rejects.toThrow(/field "author": stringConcat applies to text fields/);
    expect(fx.emu.requests.count()).toBe(before);
  });

  it('every read method takes with, and bad paths fail before any request', async () => {
    const posts = fx.db.table('posts');
    expect((await posts.all({ with: ['author'] })).every((row) => row.author?.name === 'Ann')).toBe(true);
    expect((await posts.findOne({ $id: 'k2' }, { with: ['author'] }))?.author?.name).toBe('Ann');
    expect((await posts.first({ $id: 'k2' }, { with: ['author'] }))?.author?.$id).toBe('a1');
    const before = fx.reads('posts');
    await expect(posts.find({}, { with: ['nope'] as never })).rejects.toBeInstanceOf(QueryError);
    await expect(posts.find({}, { with: ['author.company.offices'] as never })).rejects.toThrow(/at most 2 levels/);
    expect(fx.reads('posts')).toBe(before);
  });

  it('restrict refuses a delete that still links (Appwrite 403)', async () => {
    await expect(fx.db.table('companies').delete('c1')).rejects.toThrow(/restricted|referenced/i);
  });
});
