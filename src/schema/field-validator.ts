import { z } from 'zod';
import { isAppwriteDatetime, parseAppwriteDatetime } from './appwrite-datetime.js';
import { isAppwriteUrl } from './appwrite-url.js';
import { bigintProblem, exactInteger } from './bigint-value.js';
import { DEFAULT_STRING_SIZE, TEXT_TYPE_LENGTHS, type FieldDefinition } from './field-definition.js';
import { LONE_SURROGATE_REASON, isWellFormedText } from './well-formed.js';

const DATETIME_MESSAGE = 'Invalid input: expected an ISO 8601 date string or a valid Date';
const DATETIME_RANGE_MESSAGE = 'Invalid input: Appwrite stores dates from 1000-01-01 00:00:00 to 9999-12-31 23:59:59 UTC';
const URL_MESSAGE = 'Invalid URL';

function datetimeInstant(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' ? parseAppwriteDatetime(value) : Number.NaN;
}

function serializeDate(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** Text Appwrite can hold: no lone surrogate. */
function text<T extends z.ZodType<string>>(schema: T): T {
  return schema.refine(isWellFormedText, { message: LONE_SURROGATE_REASON });
}

function numberSchema(field: { readonly min?: number; readonly max?: number }, integer: boolean): z.ZodNumber {
  let schema = integer ? z.number().int() : z.number();
  if (field.min !== undefined) schema = schema.min(field.min);
  if (field.max !== undefined) schema = schema.max(field.max);
  return schema;
}

/** A bigint field's value: a `bigint` or a safe integer `number` within its bounds, sent as a `bigint`. */
function bigintSchema(field: { readonly min?: bigint | number; readonly max?: bigint | number }): z.ZodType {
  return z.custom<bigint | number>((value) => bigintProblem(value, field) === null, { error: (issue) => `Invalid input: ${bigintProblem(issue.input, field) ?? ''}` })
    .transform((value) => exactInteger(value) ?? 0n);
}

/** The zod schema of one value of a field (one element, for array fields). */
export function scalarSchema(field: FieldDefinition): z.ZodType {
  switch (field.type) {
    case 'string':
    case 'varchar':
      return text(z.string().max(field.size ?? DEFAULT_STRING_SIZE));
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return text(z.string().max(TEXT_TYPE_LENGTHS[field.type]));
    case 'integer':
      return numberSchema(field, true);
    case 'bigint':
      return bigintSchema(field);
    case 'float':
      return numberSchema(field, false);
    case 'boolean':
      return z.boolean();
    case 'datetime':
      // Read as Appwrite reads it (ISO 8601, or a spelled-out month: 'March 7, 2024'), then within its range.
      return z.custom<string | Date>((value) => !Number.isNaN(datetimeInstant(value)), { message: DATETIME_MESSAGE })
        .refine((value) => isAppwriteDatetime(value), { message: DATETIME_RANGE_MESSAGE })
        .transform(serializeDate);
    case 'email':
      return text(z.email());
    case 'url':
      return z.string().refine(isAppwriteUrl, { message: URL_MESSAGE });
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
