import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../../src/cache/cache-key.js';
import { deepFreeze } from '../../../src/cache/deep-freeze.js';
import { SingleFlight } from '../../../src/cache/single-flight.js';
import { estimateEntrySize } from '../../../src/cache/size-estimate.js';
import { TableGenerations } from '../../../src/cache/table-generations.js';

describe('cacheKey', () => {
  it('joins scope, table, operation and queries', () => {
    expect(cacheKey({ scope: 'jwt:ab', table: 'products', operation: 'list', queries: ['{"method":"limit","values":[5]}'] }))
      .toBe('jwt:ab|products|list|{"method":"limit","values":[5]}');
    expect(cacheKey({ scope: 'key', table: 't', operation: 'get', queries: [] })).toBe('key|t|get|');
  });

  it('keeps query lists apart even when a query value contains the separator', () => {
    const one = cacheKey({ scope: 'key', table: 't', operation: 'list', queries: ['{"v":["a\\"}|{\\"b"]}'] });
    const two = cacheKey({ scope: 'key', table: 't', operation: 'list', queries: ['{"v":["a"]}', '{"v":["b"]}'] });
    expect(one).not.toBe(two);
  });
});

describe('deepFreeze', () => {
  it('freezes nested objects and arrays in place', () => {
    const value = { a: [{ b: { c: 1 } }], d: null, e: 'x' };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value.a[0]?.b)).toBe(true);
  });

  it('ends on cycles and leaves primitives and buffer views alone', () => {
    const cyclic: { self?: unknown; bytes: Uint8Array } = { bytes: new Uint8Array([1]) };
    cyclic.self = cyclic;
    deepFreeze(cyclic);
    expect(Object.isFrozen(cyclic)).toBe(true);
    expect(Object.isFrozen(cyclic.bytes)).toBe(false);
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBeNull();
  });
});

describe('SingleFlight', () => {
  it('joins only a flight of the same generation and releases only the registered flight', () => {
    const flights = new SingleFlight();
    const old = flights.start('k', 1);
    expect(flights.join('k', 1)).toBe(old);
    const current = flights.start('k', 2);
    expect(flights.join('k', 1)).toBeUndefined();
    flights.release('k', old);
    expect(flights.join('k', 2)).toBe(current);
    flights.release('k', current);
    expect(flights.size).toBe(0);
  });
});

describe('TableGenerations', () => {
  it('creates tables on first use and bumps their generation', () => {
    const generations = new TableGenerations();
    expect(generations.peek('t')).toBeUndefined();
    const state = generations.of('t');
    expect([state.generation, state.updated]).toEqual([0, false]);
    expect(state.bump()).toBe(1);
    expect(generations.of('t')).toBe(state);
    expect([...generations.tables()]).toEqual(['t']);
  });
});

describe('estimateEntrySize', () => {
  it('grows with the key and the JSON length of the value', () => {
    const small = estimateEntrySize('k', { a: 1 });
    expect(estimateEntrySize('kk', { a: 1 })).toBe(small + 1);
    expect(estimateEntrySize('k', { a: 'x'.repeat(100) })).toBeGreaterThan(small + 100);
    expect(estimateEntrySize('k', undefined)).toBeGreaterThan(0);
    expect(Number.isInteger(estimateEntrySize('k', { a: 1.5 }))).toBe(true);
  });

  it('gives Infinity for values JSON cannot serialize', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(estimateEntrySize('k', cyclic)).toBe(Number.POSITIVE_INFINITY);
  });

  it('sizes a BigInt (a bigint field\'s value) like a number', () => {
    expect(estimateEntrySize('k', { n: 2n ** 62n })).toBeLessThan(Number.POSITIVE_INFINITY);
  });
});
