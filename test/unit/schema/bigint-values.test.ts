import { describe, expect, it } from 'vitest';
import { parseExact, stringifyExact } from '../../../src/schema/exact-json.js';
import { bigintProblem, exactInteger } from '../../../src/schema/bigint-value.js';
import { checkField } from '../../../src/schema/field-check.js';
import { RowDecoder } from '../../../src/schema/row-decoder.js';
import { normaliseColumn } from '../../../src/schema/live-state.js';
import { columnSpec } from '../../../src/schema/desired-spec.js';
import { columnChanges } from '../../../src/schema/column-diff.js';
import { schemaFingerprint } from '../../../src/schema/fingerprint.js';
import { ConfigError } from '../../../src/errors/index.js';

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

describe('exact JSON', () => {
  it('writes bigints as bare integers and reads integers beyond 2^53 back as bigints', () => {
    const text = stringifyExact({ method: 'equal', values: [MAX, MIN, 5, 'x'] });
    expect(text).toBe('{"method":"equal","values":[9223372036854775807,-9223372036854775808,5,"x"]}');
    expect(parseExact(text)).toEqual({ method: 'equal', values: [MAX, MIN, 5, 'x'] });
    expect(parseExact('[9007199254740993, 9007199254740991, 1.5, "9007199254740993"]')).toEqual([9007199254740993n, 9007199254740991, 1.5, '9007199254740993']);
  });
});

describe('bigint values', () => {
  it('takes bigints and safe integers, explains the rest', () => {
    expect(exactInteger(5)).toBe(5n);
    expect(exactInteger(MAX)).toBe(MAX);
    expect(exactInteger(2 ** 60)).toBeUndefined();
    expect(bigintProblem(1.5, {})).toBe('expected a whole number, got 1.5');
    expect(bigintProblem(2 ** 60, {})).toMatch(/beyond ±2\^53.*1152921504606846976n/);
    expect(bigintProblem(MAX + 1n, {})).toMatch(/out of range: expected a value from -9223372036854775808 to 9223372036854775807/);
    expect(bigintProblem('5', {})).toMatch(/got string/);
    expect(bigintProblem(11, { min: 0, max: 10n })).toMatch(/from 0 to 10/);
  });

  it('checks bigint declarations', () => {
    expect(() => checkField('t', 'n', { type: 'bigint', min: 0n, max: MAX, default: 3 })).not.toThrow();
    expect(() => checkField('t', 'n', { type: 'bigint', min: 2 ** 60 })).toThrow(ConfigError);
    expect(() => checkField('t', 'n', { type: 'bigint', min: 5n, max: 1 })).toThrow(/min 5 is greater than max 1/);
    expect(() => checkField('t', 'n', { type: 'bigint', max: 10n, default: 11n })).toThrow(/default 11n is invalid/);
    expect(() => checkField('t', 'n', { type: 'bigint', size: 8 })).toThrow(/unknown property size/);
  });

  it('compares declared and live bigint columns exactly, and fingerprints declarations holding bigints', () => {
    const declared = columnSpec('n', { type: 'bigint', min: 0, max: MAX - 1n, default: 2n ** 60n });
    const live = normaliseColumn({ key: 'n', type: 'bigint', status: 'available', required: false, min: 0, max: MAX - 1n, default: 2n ** 60n });
    expect(columnChanges(live, declared)).toEqual([]);
    const unbounded = normaliseColumn({ key: 'n', type: 'bigint', status: 'available', required: false, min: MIN, max: MAX, default: 5 });
    expect(unbounded).toMatchObject({ kind: 'bigint', default: 5n });
    expect(unbounded.min).toBeUndefined();
    expect(columnChanges(unbounded, declared).map((change) => change.property)).toEqual(['default', 'min', 'max']);
    expect(schemaFingerprint({ name: 't', schema: { n: { type: 'bigint', default: 1n } } })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('decodes rows: bigint fields always bigint, in related rows too; other tables only copied', () => {
    const decoder = new RowDecoder([
      { name: 'a', schema: { n: { type: 'bigint' }, l: { type: 'bigint', array: true }, b: { type: 'relationship', table: 'b', relation: 'manyToOne' } } },
      { name: 'b', schema: { m: { type: 'bigint' }, x: { type: 'integer' } } },
      { name: 'c', schema: { x: { type: 'integer' } } },
    ]);
    const row = decoder.decode('a', { $id: '1', n: 5, l: [1, MAX], b: { $id: '2', m: 7, x: 7 } });
    expect(row).toEqual({ $id: '1', n: 5n, l: [1n, MAX], b: { $id: '2', m: 7n, x: 7 } });
    expect(Object.isFrozen(row.b)).toBe(true);
    expect(decoder.decode('c', { x: 5 })).toEqual({ x: 5 });
  });
});
