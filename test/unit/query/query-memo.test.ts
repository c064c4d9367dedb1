import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedMemo, memoKey } from '../../../src/query/query-memo.js';

describe('memoKey', () => {
  it('refuses values whose JSON would be ambiguous', () => {
    for (const value of [new Date(), 1n, Number.NaN, Number.POSITIVE_INFINITY, [undefined], new Map(), () => 1, { a: new Date() }]) {
      expect(memoKey(value)).toBeUndefined();
    }
  });

  it('keys plain values by their JSON', () => {
    expect(memoKey({ a: 'x', b: [1, null, true] })).toBe('{"a":"x","b":[1,null,true]}');
    expect(memoKey({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('accepts every plain value, keyed by its JSON', () => {
    const plain = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('object')),
      list: fc.array(tie('value'), { maxLength: 3 }),
      object: fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 3 }),
    })).value;
    fc.assert(fc.property(plain, (value) => {
      expect(memoKey(value)).toBe(JSON.stringify(value));
    }));
  });
});

describe('BoundedMemo', () => {
  it('forgets everything when full', () => {
    const memo = new BoundedMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    memo.set('c', 3);
    expect(memo.get('a')).toBeUndefined();
    expect(memo.get('c')).toBe(3);
  });
});
