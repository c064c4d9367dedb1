import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { L2Keys } from '../../../src/cache/l2/l2-keys.js';
import { clusterTarget, standaloneTarget, type L2Target } from './l2-targets.js';

const rows = { total: 2, rows: [{ $id: 'p1', name: 'Pen', price: 2.5 }, { $id: 'p2', name: 'Ink', price: 7 }] };

describe.each([
  ['standalone Redis', standaloneTarget],
  ['a three-master Redis Cluster', clusterTarget],
])('the shared cache tier on %s', (_name, start) => {
  let target: L2Target;
  beforeAll(async () => {
    target = await start();
  });
  afterEach(() => target.closeAll());
  afterAll(() => target.stop());

  it('serves an entry one instance wrote to another instance that never saw the table', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const b = await target.store({ databaseId });
    const seenByA = await a.generations('products');
    expect(seenByA).toBeDefined();
    expect(await a.get(seenByA!, 'key|products|list|')).toBeUndefined();
    await a.set(seenByA!, 'key|products|list|', rows, 60_000);

    const seenByB = await b.generations('products');
    expect(seenByB).toEqual(seenByA);
    const hit = await b.get(seenByB!, 'key|products|list|');
    expect(hit?.value).toEqual(rows);
    expect(hit!.ttl).toBeGreaterThan(0);
    expect(hit!.ttl).toBeLessThanOrEqual(60_000);
    expect(b.stats()).toMatchObject({ state: 'ready', hits: 1, misses: 0, tables: { products: { hits: 1, misses: 0 } } });
    expect(a.stats()).toMatchObject({ hits: 0, misses: 1, writes: 1 });
  });

  it('keeps identities and databases apart: the key names both', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const other = await target.store({ databaseId: target.database() });
    const seen = (await a.generations('orders'))!;
    await a.set(seen, 'jwt:alice|orders|list|', { rows: ['alice'] }, 60_000);
    expect(await a.get(seen, 'jwt:bob|orders|list|')).toBeUndefined();
    expect(await a.get(seen, 'jwt:alice|orders|list|')).toMatchObject({ value: { rows: ['alice'] } });
    const otherSeen = (await other.generations('orders'))!;
    expect(await other.get(otherSeen, 'jwt:alice|orders|list|')).toBeUndefined();
  });

  it('a bump hides every entry of the table; another instance sees it once told, or when it reads the counter anew', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const b = await target.store({ databaseId });
    const before = (await a.generations('products'))!;
    await a.set(before, 'k', rows, 60_000);
    expect(await b.get((await b.generations('products'))!, 'k')).toBeDefined();

    await a.bump('products');
    const after = (await a.generations('products'))!;
    expect(after[0]![1]).toBeGreaterThan(before[0]![1]);
    expect(await a.get(after, 'k')).toBeUndefined();

    b.forget('products');
    expect(await b.generations('products')).toEqual(after);
    const fresh = await target.store({ databaseId });
    expect(await fresh.generations('products')).toEqual(after);
  });

  it('told of a bump that Redis does not show yet, does not trust the counter and bumps it itself', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const seen = (await a.generations('products'))!;
    await a.set(seen, 'k', rows, 60_000);
    // Another instance's message arrived before its INCR: the counter still reads as before.
    a.forget('products');
    expect(await a.generations('products')).toBeUndefined();
    await vi.waitFor(() => expect(a.stats().bumps).toBe(1));
    const after = (await a.generations('products'))!;
    expect(after[0]![1]).toBeGreaterThan(seen[0]![1]);
    expect(await a.get(after, 'k')).toBeUndefined();
  });

  it('a fill that raced an invalidation is not written, and one written under the old generation is never found', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const b = await target.store({ databaseId });
    const seenByA = (await a.generations('products'))!;
    const seenByB = (await b.generations('products'))!;

    await a.bump('products');
    await a.set(seenByA, 'k', { stale: true }, 60_000);
    expect(a.stats().writes).toBe(0);
    // b has not heard of the bump yet: its write lands under the dead generation.
    await b.set(seenByB, 'k', { stale: true }, 60_000);
    expect(b.stats().writes).toBe(1);

    const reader = await target.store({ databaseId });
    expect(await reader.get((await reader.generations('products'))!, 'k')).toBeUndefined();
  });

  it('keys a read that loaded related rows under every table it read, so a bump of any of them hides it', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const seen = (await a.generations('posts', ['authors', 'posts', 'authors']))!;
    expect(seen.map(([table]) => table)).toEqual(['posts', 'authors']);
    await a.set(seen, 'key|posts|list|with', rows, 60_000);
    expect(await a.get((await a.generations('posts', ['authors']))!, 'key|posts|list|with')).toBeDefined();
    await a.bump('authors');
    expect(await a.get((await a.generations('posts', ['authors']))!, 'key|posts|list|with')).toBeUndefined();
  });

  it('writes entries with their TTL, skips values over maxValueBytes and deflates large ones', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId, maxValueBytes: 4_000, compressAbove: 1_000 });
    const redis = target.connection();
    const keys = new L2Keys('awo:', databaseId);
    const seen = (await a.generations('products'))!;

    await a.set(seen, 'small', rows, 30_000);
    const ttl = await redis.pttl(keys.entry('products', seen, 'small'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);

    const repetitive = { text: 'abc'.repeat(2_000) };
    await a.set(seen, 'large', repetitive, 30_000);
    const stored = await redis.getBuffer(keys.entry('products', seen, 'large'));
    expect(stored?.[0]).toBe('z'.charCodeAt(0));
    expect(stored!.length).toBeLessThan(1_000);
    expect(await a.get(seen, 'large')).toMatchObject({ value: repetitive });

    // Random bytes do not deflate below 6,000 bytes.
    await a.set(seen, 'too large', { text: randomBytes(6_000).toString('base64') }, 30_000);
    expect(a.stats().tooLarge).toBe(1);
    expect(await a.get(seen, 'too large')).toBeUndefined();
    await a.set(seen, 'ttl 0', rows, 0);
    expect(await redis.exists(keys.entry('products', seen, 'ttl 0'))).toBe(0);
  });

  it('restarts a lost counter above every value it had, so entries of the old count are never named again', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const redis = target.connection();
    const keys = new L2Keys('awo:', databaseId);
    const seen = (await a.generations('products'))!;
    await a.set(seen, 'k', rows, 60_000);
    await redis.del(keys.generation('products'));
    await a.bump('products');
    const after = (await a.generations('products'))!;
    expect(after[0]![1]).toBeGreaterThan(seen[0]![1]);
    expect(await a.get(after, 'k')).toBeUndefined();
  });

  it('reads a table counter once for many concurrent first reads', async () => {
    const a = await target.store({ databaseId: target.database() });
    const all = await Promise.all(Array.from({ length: 20 }, () => a.generations('products')));
    expect(new Set(all.map((seen) => seen![0]![1])).size).toBe(1);
  });

  it('reports the memory and evictions of Redis, summed over every master', async () => {
    const a = await target.store({ databaseId: target.database() });
    const info = await a.redisInfo();
    expect(info).toMatchObject({ nodes: target.name === 'cluster' ? 3 : 1, evictedKeys: 0 });
    expect(info!.usedMemory).toBeGreaterThan(0);
  });

  it('treats bytes it did not write as a miss and counts an error', async () => {
    const databaseId = target.database();
    const a = await target.store({ databaseId });
    const seen = (await a.generations('products'))!;
    await target.connection().set(new L2Keys('awo:', databaseId).entry('products', seen, 'k'), 'garbage');
    expect(await a.get(seen, 'k')).toBeUndefined();
    expect(a.stats().errors).toBe(1);
  });
});
