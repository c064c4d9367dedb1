import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeL2Value, encodeL2Value } from '../../../src/cache/l2/l2-codec.js';

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

describe('the L2 codec with bigint values, through real Redis', () => {
  const redis = new Redis({ host: '127.0.0.1', port: 6379 });
  const key = `bigint-codec-${randomUUID()}`;
  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  async function roundTrip(value: unknown, compressAbove: number): Promise<unknown> {
    await redis.set(key, await encodeL2Value(value, Date.now() + 60_000, { compressAbove }), 'PX', 60_000);
    const stored = await redis.getBuffer(key);
    if (stored === null) throw new Error('nothing stored');
    return (await decodeL2Value(stored)).value;
  }

  it('keeps every bigint exact and a bigint (small ones too), plain and deflated', async () => {
    const rows = Array.from({ length: 300 }, (_, index) => ({ $id: `r${index}`, views: BigInt(index), big: MAX - BigInt(index), low: MIN, list: [1n, MAX] }));
    for (const compressAbove of [Infinity, 1]) {
      const value = await roundTrip({ total: 300, rows }, compressAbove) as { rows: typeof rows };
      expect(value.rows).toEqual(rows);
      expect(typeof value.rows[0]?.views).toBe('bigint');
      expect(value.rows[299]?.big).toBe(MAX - 299n);
    }
  });

  it('keeps user strings that look like its tags as strings', async () => {
    const value = { a: '\u0000n:5', b: '\u0000s:x', c: '\u0000', n: 7n };
    expect(await roundTrip(value, Infinity)).toEqual(value);
  });

  it('writes values without bigints as plain JSON, as before', async () => {
    const bytes = await encodeL2Value({ n: 5 }, Infinity, { compressAbove: Infinity });
    expect(bytes[0]).toBe(0x6a);
    expect(bytes.toString('utf8', 9)).toBe('{"n":5}');
    expect(await roundTrip({ n: 5 }, Infinity)).toEqual({ n: 5 });
  });
});
