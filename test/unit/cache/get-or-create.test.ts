import { describe, expect, it } from 'vitest';
import { getOrCreate } from '../../../src/cache/get-or-create.js';

describe('getOrCreate', () => {
  it('makes and stores the value on first use only, then answers the stored one', () => {
    const map = new Map<string, string[]>();
    let made = 0;
    const create = (): string[] => { made++; return []; };
    const first = getOrCreate(map, 'products', create);
    first.push('key');
    expect(getOrCreate(map, 'products', create)).toBe(first);
    expect(map.get('products')).toEqual(['key']);
    expect(made).toBe(1);
  });

  it('keeps falsy values it holds (0, empty string) instead of making new ones', () => {
    const map = new Map<string, number>([['orders', 0]]);
    expect(getOrCreate(map, 'orders', () => 7)).toBe(0);
  });
});
