import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/config-error.js';
import { checkTableDefinitions } from '../../../src/schema/definition-check.js';
import { columnSpec, tableSpec } from '../../../src/schema/desired-spec.js';
import { normaliseColumn, normaliseTable } from '../../../src/schema/live-state.js';
import { inlineColumn, inlineIndex } from '../../../src/appwrite/migration-gateway.js';

function refusal(tables: unknown): string {
  try {
    checkTableDefinitions(tables);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('inline createTable payloads in the form Appwrite 1.9 accepts', () => {
  it('sends float as double and email/url/ip/enum as string with format and their endpoint sizes', () => {
    expect(inlineColumn(columnSpec('price', { type: 'float', min: 0 }))).toEqual({ key: 'price', type: 'double', required: false, array: false, min: 0 });
    expect(inlineColumn(columnSpec('mail', { type: 'email' }))).toMatchObject({ type: 'string', format: 'email', size: 254 });
    expect(inlineColumn(columnSpec('site', { type: 'url' }))).toMatchObject({ type: 'string', format: 'url', size: 2000 });
    expect(inlineColumn(columnSpec('addr', { type: 'ip' }))).toMatchObject({ type: 'string', format: 'ip', size: 39 });
    expect(inlineColumn(columnSpec('kind', { type: 'enum', enum: ['a', 'b'], default: 'a' }))).toEqual({
      key: 'kind', type: 'string', format: 'enum', size: 255, elements: ['a', 'b'], required: false, array: false, default: 'a',
    });
  });

  it('sends integers 64-bit (size 8) unless the declaration bounds them within 32 bits', () => {
    expect(inlineColumn(columnSpec('n', { type: 'integer' }))).toMatchObject({ type: 'integer', size: 8 });
    expect(inlineColumn(columnSpec('big', { type: 'integer', min: 0, max: 5_000_000_000 }))).toMatchObject({ size: 8 });
    expect(inlineColumn(columnSpec('stars', { type: 'integer', min: 1, max: 5 }))).not.toHaveProperty('size');
  });

  it('sends indexes with attributes, one upper-case order per attribute and the declared lengths', () => {
    const spec = tableSpec({
      name: 'posts',
      schema: { title: { type: 'string', size: 500 }, body: { type: 'string', size: 400 } },
      indexes: [{ key: 'by_title', type: 'key', attributes: ['title', 'body'], orders: ['asc', 'desc'], lengths: [200, null] }],
    });
    expect(spec.indexes.map(inlineIndex)).toEqual([{ key: 'by_title', type: 'key', attributes: ['title', 'body'], orders: ['ASC', 'DESC'], lengths: [200, null] }]);
  });
});

describe('Appwrite limits checked when tables are declared', () => {
  it('refuses a key index over 768 characters with the figure and the fix', () => {
    const message = refusal([{ name: 'posts', schema: { body: { type: 'string', size: 2000 } }, indexes: [{ key: 'by_body', type: 'unique', attributes: ['body'] }] }]);
    expect(message).toContain('index "by_body"');
    expect(message).toContain('2000 characters');
    expect(message).toContain('lengths');
    expect(() => checkTableDefinitions([{ name: 'posts', schema: { body: { type: 'string', size: 2000 } }, indexes: [{ key: 'by_body', type: 'key', attributes: ['body'], lengths: [500] }] }])).not.toThrow();
  });

  it('refuses a row wider than 65,535 bytes with the computed width', () => {
    const schema = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`s${i}`, { type: 'string', size: 255 }]));
    expect(refusal([{ name: 'wide', schema }])).toContain(`${1067 + 70 * 1021} bytes`);
  });

  it('refuses lengths that do not give one entry per attribute', () => {
    expect(refusal([{ name: 't', schema: { a: { type: 'string' } }, indexes: [{ key: 'i', type: 'key', attributes: ['a'], lengths: [1, 2] }] }])).toContain('lengths');
  });
});

describe('the live-state reader understands what Appwrite 1.9 reports', () => {
  it('reads inline integers with min/max null, double and formats as the declaration', () => {
    const base = { status: 'available', error: '', required: false, array: false, default: null };
    const integer = normaliseColumn({ ...base, key: 'n', type: 'integer', min: null, max: null });
    expect(integer.kind).toBe('integer');
    expect(integer.min).toBeUndefined();
    expect(integer.max).toBeUndefined();
    expect(normaliseColumn({ ...base, key: 'p', type: 'double', min: null, max: null })).toMatchObject({ kind: 'float' });
    expect(normaliseColumn({ ...base, key: 'm', type: 'string', format: 'email' })).toMatchObject({ kind: 'email' });
  });

  it('keeps a table disabled in the console disabled when it updates it', () => {
    expect(normaliseTable({ $id: 't', name: 't', $permissions: [], rowSecurity: false, enabled: false, columns: [], indexes: [] }).enabled).toBe(false);
  });
});
