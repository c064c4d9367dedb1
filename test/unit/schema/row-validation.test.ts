import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { rowSchemas } from '../../../src/schema/row-schemas.js';
import { validateInsert, validateUpdate } from '../../../src/schema/row-validation.js';
import { products } from './fixtures.js';

function failure(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const valid = { name: 'Pen', price: 2 };

describe('validateInsert', () => {
  it('accepts a full row and serialises dates to ISO strings', () => {
    const data = validateInsert(products, { ...valid, publishedAt: new Date('2024-05-06T07:08:09.010Z'), tags: ['a'], status: 'live', lastIp: '::1', contact: null });
    expect(data).toEqual({ name: 'Pen', price: 2, publishedAt: '2024-05-06T07:08:09.010Z', tags: ['a'], status: 'live', lastIp: '::1', contact: null });
  });

  it('keeps a datetime string as given', () => {
    expect(validateInsert(products, { ...valid, publishedAt: '2024-05-06T07:08:09.010+00:00' }).publishedAt).toBe('2024-05-06T07:08:09.010+00:00');
  });

  it('names the table, the field and the reason', () => {
    const error = failure(() => validateInsert(products, { name: 'Pen', price: -1 }));
    expect(error.message).toBe('Invalid row for table "products": field "price": Too small: expected number to be >=0');
    expect(error.code).toBe('E_VALIDATION');
    expect(error.context).toEqual({ table: 'products', field: 'price' });
  });

  it('reports missing required fields, unknown keys and nested array elements, with every issue', () => {
    const error = failure(() => validateInsert(products, { price: 1, colour: 'red', tags: ['ok', 'x'.repeat(33)] }));
    expect(error.issues).toEqual([
      { field: 'name', reason: 'Invalid input: expected string, received undefined' },
      { field: 'tags', reason: 'Too big: expected string to have <=32 characters (at 1)' },
      { field: 'colour', reason: 'unknown field: the schema does not declare it' },
    ]);
  });

  it.each([
    [{ status: 'gone' }, 'status', 'Invalid option: expected one of "draft"|"live"|"archived"'],
    [{ stock: 1.5 }, 'stock', 'Invalid input: expected int, received number'],
    [{ contact: 'not-mail' }, 'contact', 'Invalid email address'],
    [{ homepage: 'nope' }, 'homepage', 'Invalid URL'],
    [{ lastIp: '999.1.1.1' }, 'lastIp', 'Invalid input: expected an IPv4 or IPv6 address'],
    [{ publishedAt: 'soon' }, 'publishedAt', 'Invalid input: expected an ISO 8601 date string or a valid Date'],
    [{ active: 'yes' }, 'active', 'Invalid input: expected boolean, received string'],
    [{ name: null }, 'name', 'Invalid input: expected string, received null'],
  ])('rejects %o', (change, field, reason) => {
    expect(failure(() => validateInsert(products, { ...valid, ...change })).issues).toEqual([{ field, reason }]);
  });

  it('gives the row index of a bulk row', () => {
    const rows = [valid, valid, { ...valid, price: 'free' }];
    const error = failure(() => rows.map((row, index) => validateInsert(products, row, index)));
    expect(error.message).toBe('Invalid row for table "products" (row 2): field "price": Invalid input: expected number, received string');
    expect(error.context).toEqual({ table: 'products', field: 'price', rowIndex: 2 });
  });

  it('rejects something that is not an object', () => {
    expect(failure(() => validateInsert(products, [1])).message).toBe('Invalid row for table "products": expected an object of field values');
  });
});

describe('validateUpdate', () => {
  it('accepts any subset, and null for optional fields', () => {
    expect(validateUpdate(products, { price: 3 })).toEqual({ price: 3 });
    expect(validateUpdate(products, { publishedAt: null, tags: [] })).toEqual({ publishedAt: null, tags: [] });
    expect(validateUpdate(products, {})).toEqual({});
  });

  it('still checks values, required fields against null, and unknown keys', () => {
    expect(failure(() => validateUpdate(products, { name: null })).context.field).toBe('name');
    expect(failure(() => validateUpdate(products, { price: -5 }, 4)).context).toEqual({ table: 'products', field: 'price', rowIndex: 4 });
    expect(failure(() => validateUpdate(products, { nope: 1 })).issues).toEqual([{ field: 'nope', reason: 'unknown field: the schema does not declare it' }]);
  });
});

describe('rowSchemas', () => {
  it('exports the schemas users validate request bodies with, reused per declaration', () => {
    const schemas = rowSchemas(products);
    expect(rowSchemas(products)).toBe(schemas);
    expect(schemas.insert.safeParse(valid).success).toBe(true);
    expect(schemas.insert.safeParse({ price: 1 }).success).toBe(false);
    expect(schemas.update.safeParse({ price: 1 }).success).toBe(true);
  });
});
