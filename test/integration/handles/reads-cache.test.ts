import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/errors/not-found-error.js';
import { QueryError } from '../../../src/errors/query-error.js';
import { productRows, useHandlesFixture } from './handles-fixture.js';
import { itLocal } from '../../helpers/appwrite-target.js';
import { queryCacheOf } from '../../../src/server/database-impl.js';

const fx = useHandlesFixture({ seedRows: 6 });

describe('cached reads', () => {
  it('answers repeated reads with one request', async () => {
    const products = fx.db.table('products');
    const first = await products.find({ category: 'office' });
    const again = await products.find({ category: 'office' });
    expect(again).toBe(first);
    expect(first.map((row) => row.$id)).toEqual(['p0', 'p2', 'p4']);
    expect(fx.count('listRows')).toBe(1);
    await products.get('p1');
    await products.get('p1');
    expect(fx.count('getRow')).toBe(1);
  });

  it('caches a missing row as null and tells getOrFail to throw NotFoundError', async () => {
    const products = fx.db.table('products');
    expect(await products.get('nope')).toBeNull();
    expect(await products.get('nope')).toBeNull();
    expect(fx.count('getRow')).toBe(1);
    await expect(products.getOrFail('nope')).rejects.toThrow(NotFoundError);
    await expect(products.getOrFail('nope')).rejects.toThrow('Row "nope" was not found in table "products"');
    expect(fx.count('getRow')).toBe(1);
  });

  it('shares one entry between the Query, legacy and filter-object spellings, and sends JSON', async () => {
    const products = fx.db.table('products');
    const viaQuery = await products.find([Query.equal('category', 'office'), Query.greaterThanEqual('price', 2)]);
    const viaLegacy = await products.find(['greaterThanEqual("price", 2)', 'equal("category", "office")']);
    expect(viaLegacy).toBe(viaQuery);
    expect(fx.count('listRows')).toBe(1);
    const sent = fx.emu.requests.list({ operation: 'listRows' })[0]?.queries ?? [];
    expect(sent.every((query) => query.startsWith('{'))).toBe(true);
    expect(viaQuery.map((row) => row.$id)).toEqual(['p2', 'p4']);
    const viaObject = await products.find({ category: 'office' });
    const viaLegacyEquality = await products.find('equal("category", ["office"])');
    expect(viaLegacyEquality).toBe(viaObject);
    expect(fx.count('listRows')).toBe(2);
  });

  it('rejects an unparsable query with a QueryError naming it, before any request', async () => {
    const products = fx.db.table('products');
    await expect(products.find(['equal("price", '])).rejects.toThrow(QueryError);
    await expect(products.find(['equal("price", '])).rejects.toThrow(`'equal("price", '`);
    await expect(products.find([Query.equal('colour', 'red')])).rejects.toThrow('unknown column "colour"');
    expect(fx.emu.requests.count()).toBe(0);
  });

  it('findOne, first, firstOrFail and query read through the cache', async () => {
    const products = fx.db.table('products');
    expect((await products.findOne([Query.orderDesc('price'), Query.limit(5)]))?.$id).toBe('p5');
    expect((await products.first({ category: 'garden' }))?.$id).toBe('p1');
    await expect(products.firstOrFail({ category: 'toys' })).rejects.toThrow(NotFoundError);
    const top = await products.query({ category: 'office' }, { orderBy: ['-price'], limit: 2 });
    expect(top.map((row) => row.price)).toEqual([4, 2]);
    const again = await products.query({ category: 'office' }, { orderBy: '-price', limit: 2 });
    expect(again).toBe(top);
    const names = await products.query({}, { select: ['name'], limit: 1, offset: 1 });
    expect(names[0]?.name).toBe('Product 1');
    expect(fx.count('listRows')).toBe(5);
  });

  it('counts with total and caches the count', async () => {
    const products = fx.db.table('products');
    expect(await products.count()).toBe(6);
    expect(await products.count({ category: 'garden' })).toBe(3);
    expect(await products.count([Query.equal('category', 'garden'), Query.orderAsc('price'), Query.limit(1)])).toBe(3);
    expect(fx.count('listRows')).toBe(2);
  });

  it('reads every row of a 1,000-row table with cursor pages, never cut at 25', async () => {
    const products = fx.db.table('products');
    await products.bulkCreate(productRows(994, 'bulk'));
    fx.emu.requests.clear();
    const rows = await products.all();
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((row) => row.$id)).size).toBe(1000);
    expect(fx.count('listRows')).toBe(3);
    expect(await products.all()).toBe(rows);
    expect(fx.count('listRows')).toBe(3);
    const office = await products.all({ where: { category: 'office' }, pageSize: 100 });
    expect(office).toHaveLength(500);
    expect(fx.count('listRows')).toBe(3 + 6);
    await expect(products.all({ where: [Query.limit(5)] })).rejects.toThrow(QueryError);
  });

  it('iterates over every matching row page by page', async () => {
    const products = fx.db.table('products');
    const seen: string[] = [];
    for await (const row of products.iterate({ category: 'office' }, { pageSize: 2 })) seen.push(row.$id);
    expect(seen).toEqual(['p0', 'p2', 'p4']);
    expect(fx.count('listRows')).toBe(2);
    const all: string[] = [];
    for await (const row of products) all.push(row.$id);
    expect(all).toHaveLength(6);
  });

  it('makes one request for 100 concurrent identical misses', async () => {
    const products = fx.db.table('products');
    const results = await Promise.all(Array.from({ length: 100 }, () => products.find({ category: 'garden' })));
    expect(fx.count('listRows')).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(fx.db.stats().tables.products?.coalesced).toBe(99);
  });

  it('hands out deeply frozen rows', async () => {
    const products = fx.db.table('products');
    await products.update('p0', { tags: ['a', 'b'] });
    const row = await products.getOrFail('p0');
    const rows = await products.find();
    expect(Object.isFrozen(row)).toBe(true);
    expect(Object.isFrozen(row.tags)).toBe(true);
    expect(Object.isFrozen(rows)).toBe(true);
    expect(() => {
      (row as { price: number }).price = 100;
    }).toThrow(TypeError);
    expect(() => (rows as unknown as unknown[]).push(1)).toThrow(TypeError);
    expect((await products.getOrFail('p0')).price).toBe(0);
  });

  it('returns the same shapes and types on a hit and on a miss', async () => {
    const products = fx.db.table('products');
    await products.update('p3', { publishedAt: new Date('2024-05-06T07:08:09.000Z'), tags: ['x'] });
    const miss = await products.getOrFail('p3');
    const hit = await products.getOrFail('p3');
    const fresh = await products.getOrFail('p3', { cache: false });
    expect(hit).toEqual(fresh);
    expect(Object.getPrototypeOf(fresh)).toBe(Object.prototype);
    for (const [key, value] of Object.entries(fresh)) expect(typeof (miss as Record<string, unknown>)[key]).toBe(typeof value);
    expect(typeof hit.$sequence).toBe('string');
    expect(hit.publishedAt).toBe('2024-05-06T07:08:09.000+00:00');
    const listed = (await products.find({ category: 'garden' })).find((row) => row.$id === 'p3');
    expect(listed).toEqual(fresh);
  });

  itLocal('never caches errors', async () => {
    const products = fx.db.table('products');
    await expect(products.find([Query.cursorAfter('missing-row')])).rejects.toThrow(QueryError);
    await expect(products.find([Query.cursorAfter('missing-row')])).rejects.toThrow(QueryError);
    expect(fx.count('listRows')).toBe(2);
    fx.emu.faults.add({ operation: 'getRow', status: 500, times: 3 });
    await expect(products.get('p1')).rejects.toMatchObject({ code: 'E_APPWRITE', status: 500 });
    expect((await products.get('p1'))?.$id).toBe('p1');
  });

  it('never serves entries made under an older declaration of the table', async () => {
    await fx.db.table('products').find();
    const changed = { name: 'products', schema: { name: { type: 'string', required: true, size: 255 } } } as const;
    const newer = fx.open({ cache: queryCacheOf(fx.db), tables: [changed] });
    await newer.table('products').find();
    expect(fx.count('listRows')).toBe(2);
  });
});
