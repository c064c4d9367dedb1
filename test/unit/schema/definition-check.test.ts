import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/config-error.js';
import { checkTableDefinitions } from '../../../src/schema/definition-check.js';
import { orders, products } from './fixtures.js';

function failure(tables: unknown): ConfigError {
  try {
    checkTableDefinitions(tables);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const table = (schema: Record<string, unknown>, extra: Record<string, unknown> = {}) => [{ name: 'items', schema, ...extra }];

describe('checkTableDefinitions', () => {
  it('accepts valid declarations', () => {
    expect(() => checkTableDefinitions([products, orders])).not.toThrow();
    expect(() => checkTableDefinitions([])).not.toThrow();
    expect(() => checkTableDefinitions(table({
      sku: { type: 'varchar', size: 1000, renamedFrom: 'code' },
      body: { type: 'text', encrypt: true },
      summary: { type: 'mediumtext' },
      archive: { type: 'longtext', array: true },
      secret: { type: 'string', size: 150, encrypt: true },
    }, { indexes: [{ key: 'by_body', type: 'key', attributes: ['body'], lengths: [100] }] }))).not.toThrow();
  });

  it('asks for lengths on a key index over a text column (65,535 characters)', () => {
    expect(failure(table({ body: { type: 'text' } }, { indexes: [{ key: 'i', type: 'key', attributes: ['body'] }] })).message)
      .toBe('Table "items", index "i": the index covers 65535 characters, over Appwrite\'s 768; give lengths (e.g. lengths: [191]) or smaller string sizes');
  });

  it.each([
    [{ price: { type: 'float', min: 0, default: -1 } }, 'Table "items", field "price": default -1 is invalid: Too small: expected number to be >=0', 'price'],
    [{ qty: { type: 'integer', max: 10, default: 11 } }, 'Table "items", field "qty": default 11 is invalid: Too big: expected number to be <=10', 'qty'],
    [{ qty: { type: 'integer', default: 1.5 } }, 'Table "items", field "qty": default 1.5 is invalid: Invalid input: expected int, received number', 'qty'],
    [{ name: { type: 'string', required: true, default: 'x' } }, 'Table "items", field "name": a required field cannot have a default (Appwrite rejects it); drop one of the two', 'name'],
    [{ tags: { type: 'string', array: true, default: 'x' } }, 'Table "items", field "tags": an array field cannot have a default (Appwrite rejects it)', 'tags'],
    [{ code: { type: 'string', size: 2, default: 'abc' } }, 'Table "items", field "code": default "abc" is invalid: Too big: expected string to have <=2 characters', 'code'],
    [{ mood: { type: 'enum', enum: ['a', 'b'], default: 'c' } }, 'Table "items", field "mood": default "c" is invalid: Invalid option: expected one of "a"|"b"', 'mood'],
    [{ mood: { type: 'enum', enum: [] } }, 'Table "items", field "mood": enum must be a non-empty list of strings', 'mood'],
    [{ mood: { type: 'enum', enum: ['a', 'a'] } }, 'Table "items", field "mood": enum values must be unique', 'mood'],
    [{ mail: { type: 'email', default: 'nope' } }, 'Table "items", field "mail": default "nope" is invalid: Invalid email address', 'mail'],
    [{ at: { type: 'datetime', default: 'yesterday' } }, 'Table "items", field "at": default "yesterday" is invalid: Invalid input: expected an ISO 8601 date string or a valid Date', 'at'],
    [{ n: { type: 'integer', min: 5, max: 1 } }, 'Table "items", field "n": min 5 is greater than max 1', 'n'],
    [{ n: { type: 'integer', min: 0.5 } }, 'Table "items", field "n": min must be a safe integer', 'n'],
    [{ s: { type: 'string', size: 0 } }, 'Table "items", field "s": size must be an integer from 1 to 1073741824', 's'],
    [{ n: { type: 'bigint', min: 2 ** 60 } }, 'Table "items", field "n": min must be a bigint or a safe integer within -2^63..2^63-1: the number 1152921504606847000 is beyond ±2^53 and has lost precision: pass a bigint (e.g. 1152921504606846976n)', 'n'],
    [{ s: { type: 'blob' } }, 'Table "items", field "s": unknown type "blob"; expected one of string, varchar, text, mediumtext, longtext, integer, bigint, float, boolean, datetime, email, url, ip, enum, relationship', 's'],
    [{ s: { type: 'varchar', size: 16_382 } }, 'Table "items", field "s": size must be an integer from 1 to 16381', 's'],
    [{ s: { type: 'text', size: 10 } }, 'Table "items", field "s": unknown property size for a text field', 's'],
    [{ s: { type: 'string', size: 149, encrypt: true } }, 'Table "items", field "s": an encrypted string needs size >= 150 (Appwrite refuses smaller ones), got 149', 's'],
    [{ s: { type: 'varchar', size: 100, encrypt: true } }, 'Table "items", field "s": an encrypted varchar needs size >= 150 (Appwrite refuses smaller ones), got 100', 's'],
    [{ s: { type: 'string', encrypt: 'yes' } }, 'Table "items", field "s": encrypt must be true or false', 's'],
    [{ s: { type: 'email', encrypt: true } }, 'Table "items", field "s": unknown property encrypt for a email field', 's'],
    [{ s: { type: 'string', renamedFrom: 's' } }, 'Table "items", field "s": renamedFrom must be the former key of this field: 1-36 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, other than the key', 's'],
    [{ s: { type: 'string', renamedFrom: '$old' } }, 'Table "items", field "s": renamedFrom must be the former key of this field: 1-36 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, other than the key', 's'],
    [{ s: { type: 'string', renamedFrom: 't' }, t: { type: 'string' } }, 'Table "items", field "s": renamedFrom "t" is the key of another declared field', 's'],
    [{ s: { type: 'string', renamedFrom: 'old' }, t: { type: 'string', renamedFrom: 'old' } }, 'Table "items", field "t": renamedFrom "old" is claimed by field "s" too', 't'],
    // Relationship fields take renamedFrom; the related table's side is renamed with twoWayKeyRenamedFrom, two-way only.
    [{ r: { type: 'relationship', table: 'items', relation: 'oneToOne', renamedFrom: 'r' } }, 'Table "items", field "r": renamedFrom must be the former key of this field: 1-36 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, other than the key', 'r'],
    [{ r: { type: 'relationship', table: 'items', relation: 'oneToOne', twoWayKeyRenamedFrom: 'x' } }, 'Table "items", field "r": twoWayKeyRenamedFrom needs twoWay: true (a one-way relationship has no key on the related table to rename)', 'r'],
    [{ r: { type: 'relationship', table: 'items', relation: 'oneToOne', twoWay: true, twoWayKey: 'x', twoWayKeyRenamedFrom: 'x' } }, 'Table "items", field "r": twoWayKeyRenamedFrom must be the former twoWayKey: 1-36 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, other than twoWayKey', 'r'],
    [{ r: { type: 'relationship', table: 'items', relation: 'oneToOne', twoWay: true, twoWayKeyRenamedFrom: 9 } }, 'Table "items", field "r": twoWayKeyRenamedFrom must be the former twoWayKey: 1-36 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, other than twoWayKey', 'r'],
    [{ s: { type: 'string', requried: true } }, 'Table "items", field "s": unknown property requried for a string field', 's'],
    [{ s: { type: 'boolean', min: 1 } }, 'Table "items", field "s": unknown property min for a boolean field', 's'],
    [{ s: { type: 'string', required: 'yes' } }, 'Table "items", field "s": required must be true or false', 's'],
    [{ $id: { type: 'string' } }, 'Table "items", field "$id": the key must be 1-36 characters of A-Z a-z 0-9 . _ - and start with a letter or digit', '$id'],
  ])('rejects a bad field %#', (schema, message, field) => {
    const error = failure(table(schema));
    expect(error.message).toBe(message);
    expect(error.code).toBe('E_CONFIG');
    expect(error.context).toEqual({ table: 'items', field });
  });

  it.each([
    [{ indexes: [{ key: 'i', type: 'key', attributes: ['missing'] }] }, 'Table "items", index "i": unknown field "missing"; declared fields: a, tags'],
    [{ indexes: [{ key: 'i', type: 'key', attributes: ['tags'] }] }, 'Table "items", index "i": field "tags" is an array; Appwrite cannot index array columns'],
    [{ indexes: [{ key: 'i', type: 'key', attributes: ['a'] }, { key: 'i', type: 'unique', attributes: ['a'] }] }, 'Table "items", index "i": declared twice'],
    [{ indexes: [{ key: 'i', type: 'spatial', attributes: ['a'] }] }, 'Table "items", index "i": type must be one of key, unique, fulltext'],
    [{ indexes: [{ key: 'i', type: 'key', attributes: [] }] }, 'Table "items", index "i": attributes must be a non-empty list of field keys'],
    [{ indexes: [{ key: 'i', type: 'key', attributes: ['a'], orders: ['asc', 'desc'] }] }, "Table \"items\", index \"i\": orders must list 'asc' or 'desc' once per attribute (1)"],
    [{ permissions: 'read("any")' }, 'Table "items": permissions must be a list of Appwrite permission strings'],
    [{ rowSecurity: 1 }, 'Table "items": rowSecurity must be true or false'],
    [{ cache: { ttl: -1 } }, 'Table "items": cache.ttl must be a number of milliseconds >= 0'],
    [{ id: 'bad id' }, 'Table "items": id "bad id" must be 1-36 characters of A-Z a-z 0-9 . _ - and start with a letter or digit (set id when the name does not fit)'],
  ])('rejects bad table settings %#', (extra, message) => {
    const error = failure(table({ a: { type: 'string' }, tags: { type: 'string', array: true } }, extra));
    expect(error.message).toBe(message);
    expect(error.context.table).toBe('items');
  });

  it('accepts indexes on system attributes', () => {
    expect(() => checkTableDefinitions(table({ a: { type: 'string' } }, { indexes: [{ key: 'recent', type: 'key', attributes: ['$createdAt'] }] }))).not.toThrow();
  });

  it('rejects duplicate names and ids, and malformed lists', () => {
    expect(failure([products, products]).message).toBe('Table "products" is declared twice');
    expect(failure([orders, { name: 'other', id: 'orders_v1', schema: {} }]).message).toBe('Table "other": id "orders_v1" is used by another declared table');
    expect(failure({}).message).toBe('Tables must be given as a list of table declarations');
    expect(failure([{ schema: {} }]).message).toBe('Table #0: name must be a non-empty string');
    expect(failure([{ name: 'x' }]).message).toBe('Table "x": schema must be an object of field declarations');
  });
});
