import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entrySize, estimateEntrySize, freezeAndMeasure } from '../../../src/cache/size-estimate.js';

/** JSON values as Appwrite returns them, without floats and without characters JSON escapes. */
const row = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'grapheme-ascii' }).filter((s) => !/["\\]/.test(s)),
    fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.string({ unit: 'grapheme-ascii', maxLength: 8 }).filter((s) => !/["\\]/.test(s)), tie('value'), { maxKeys: 4 }),
})).value;

function containers(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Object.values(value).reduce<number>((sum, item) => sum + containers(item), 0);
}

describe('freezeAndMeasure', () => {
  it('deep-freezes in place and measures as estimateEntrySize does', () => {
    const value = { rows: [{ $id: 'p1', tags: ['a'], meta: { at: '2024-01-01T00:00:00.000+00:00', n: 12.5 } }] };
    const expected = estimateEntrySize('k', structuredClone(value));
    expect(entrySize('k', freezeAndMeasure(value))).toBe(expected);
    expect(Object.isFrozen(value.rows[0]?.meta)).toBe(true);
    expect(Object.isFrozen(value.rows[0]?.tags)).toBe(true);
  });

  it('measures JSON text without building it: never shorter, longer by at most one per object or list', () => {
    fc.assert(fc.property(row, (value) => {
      const json = JSON.stringify(value).length;
      const measured = freezeAndMeasure(value);
      expect(measured).toBeGreaterThanOrEqual(json);
      expect(measured).toBeLessThanOrEqual(json + containers(value));
    }));
  });

  it('measures a frozen value without freezing what is inside it, as deepFreeze leaves it', () => {
    const inner = { a: 1 };
    const value = Object.freeze({ inner });
    expect(freezeAndMeasure(value)).toBe(freezeAndMeasure({ inner: { a: 1 } }));
    expect(Object.isFrozen(inner)).toBe(false);
  });

  it('hands values that are not plain data to JSON.stringify and deepFreeze', () => {
    const at = new Date('2024-01-01T00:00:00.000Z');
    const bytes = new Uint8Array([1, 2]);
    const value = { at, bytes };
    expect(freezeAndMeasure(value)).toBe(2 + 4 + 2 + JSON.stringify(at).length + 4 + 5 + JSON.stringify(bytes).length);
    expect(Object.isFrozen(at)).toBe(true);
    expect(Object.isFrozen(bytes)).toBe(false);
  });

  it('gives Infinity for a cycle, and still freezes everything', () => {
    const cyclic: { self?: unknown; list: unknown[] } = { list: [] };
    cyclic.self = cyclic;
    cyclic.list.push(cyclic);
    expect(freezeAndMeasure(cyclic)).toBe(Number.POSITIVE_INFINITY);
    expect(Object.isFrozen(cyclic.list)).toBe(true);
  });

  it('measures a BigInt (a bigint field) by its digits, so rows holding one are cached', () => {
    const big = { rows: [{ n: 2n ** 60n }] };
    const size = freezeAndMeasure(big);
    expect(Number.isFinite(size)).toBe(true);
    expect(size).toBeGreaterThanOrEqual(String(2n ** 60n).length);
    expect(Object.isFrozen(big.rows[0])).toBe(true);
  });

  it('measures a value shared by two parents twice, as JSON writes it', () => {
    const shared = { a: 1 };
    expect(freezeAndMeasure({ x: shared, y: shared })).toBe(freezeAndMeasure({ x: { a: 1 }, y: { a: 1 } }));
  });
});
