import { describe, expect, it } from 'vitest';
import { PendingTables } from '../../../src/bridge/bridge-pending.js';

describe('PendingTables', () => {
  it('deduplicates and drains in insertion order', () => {
    const pending = new PendingTables(10);
    for (const table of ['a', 'b', 'a', 'c', 'b']) pending.add(table);
    expect(pending.size).toBe(3);
    expect(pending.drain()).toEqual(['a', 'b', 'c']);
    expect(pending.size).toBe(0);
    expect(pending.drain()).toEqual([]);
  });

  it('collapses into one "all tables" entry past its bound', () => {
    const pending = new PendingTables(1_000);
    for (let index = 0; index < 1_000; index += 1) pending.add(`t${index}`);
    expect(pending.size).toBe(1_000);
    pending.add('t5');
    expect(pending.size).toBe(1_000);
    pending.add('one-too-many');
    expect(pending.size).toBe(1);
    pending.add('later');
    expect(pending.drain()).toEqual(['*']);
    pending.add('fresh');
    expect(pending.drain()).toEqual(['fresh']);
  });

  it('treats an explicit "*" as every table', () => {
    const pending = new PendingTables(10);
    pending.add('a');
    pending.add('*');
    pending.add('b');
    expect(pending.drain()).toEqual(['*']);
  });
});
