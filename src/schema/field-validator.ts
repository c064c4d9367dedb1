import { z } from 'zod';
import { DEFAULT_STRING_SIZE, type FieldDefinition } from './field-definition.js';

const DATETIME_MESSAGE = 'Invalid input: expected an ISO 8601 date string or a valid Date';

function isValidDate(value: unknown): value is string | Date {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Date.parse(value));
}

/** Writes a `Date` as the ISO string Appwrite stores; strings are sent as given. */
function serializeDate(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

function numberSchema(field: { readonly min?: number; readonly max?: number }, integer: boolean): z.ZodNumber {
  let schema = integer ? z.number().int() : z.number();
  if (field.min !== undefined) schema = schema.min(field.min);
  if (field.max !== undefined) schema = schema.max(field.max);
  return schema;
}

/** The zod schema of one value of a field (one element, for array fields). */
export function scalarSchema(field: FieldDefinition): z.ZodType {
  switch (field.type) {
    case 'string':
      return z.string().max(field.size ?? DEFAULT_STRING_SIZE);
    case 'integer':
      return numberSchema(field, true);
    case 'float':
      return numberSchema(field, false);
    case 'boolean':
      return z.boolean();
    case 'datetime':
      return z.custom<string | Date>(isValidDate, { message: DATETIME_MESSAGE }).transform(serializeDate);
    case 'email':
      return z.email();
    case 'url':
      return z.url();
    case 'ip':
      return z.union([z.ipv4(), z.ipv6()], { error: 'Invalid input: expected an IPv4 or IPv6 address' });
    case 'enum':
      return z.enum(field.enum as readonly [string, ...string[]]);
    case 'relationship': {
      // Writes link rows by ID: one on single sides, a list on many sides (nested rows are not taken).
      const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/, 'expected a row ID');
      return field.relation === 'oneToMany' || field.relation === 'manyToMany' ? z.array(id) : id;
    }
  }
}

/**
 * The zod schema of a field's value: a list for array fields; `null` allowed unless the field is required.
 * Required fields are also required keys on create (`optional` is added by the caller for updates).
 */
export function fieldSchema(field: FieldDefinition): z.ZodType {
  const scalar = scalarSchema(field);
  const value = field.array === true ? z.array(scalar) : scalar;
  return field.required === true ? value : value.nullable().optional();
}
