import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import type { SchemaDefinition } from './field-definition.js';
import type { SerializedInsert, SerializedUpdate } from './infer.js';
import { rowSchemas } from './row-schemas.js';
import { tableId, type TableDefinition } from './table-definition.js';

function toIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.flatMap((issue): ValidationIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, reason: 'unknown field: the schema does not declare it' }));
    }
    const field = issue.path.length === 0 ? '' : String(issue.path[0]);
    const inner = issue.path.slice(1);
    return [{ field, reason: inner.length === 0 ? issue.message : `${issue.message} (at ${inner.map(String).join('.')})` }];
  });
}

/** A `{...}` literal or `Object.create(null)`: a Date, Map, array or class instance has no field values to send. */
function isPlainObject(data: unknown): data is Record<string, unknown> {
  if (typeof data !== 'object' || data === null) return false;
  const proto: unknown = Object.getPrototypeOf(data);
  return proto === Object.prototype || proto === null;
}

/** ', got a Date' for an object that is not plain; nothing for the rest, which the message already covers. */
function describe(data: unknown): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return '';
  const name = (Object.getPrototypeOf(data) as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `, got a ${name}` : ', got an object with a prototype';
}

function check(definition: TableDefinition, schema: z.ZodType, data: unknown, rowIndex: number | undefined): Record<string, unknown> {
  if (!isPlainObject(data)) {
    throw new ValidationError(tableId(definition), [{ field: '', reason: `expected an object of field values${describe(data)}` }], rowIndex);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationError(tableId(definition), toIssues(result.error.issues), rowIndex);
  return result.data as Record<string, unknown>;
}

/**
 * Checks the data of a create against the declaration and returns what to send (datetimes as ISO strings).
 * Throws a {@link ValidationError} naming the table, the field, the row index (`rowIndex`, for bulk calls)
 * and the reason.
 *
 * @example
 * ```ts
 * const data = validateInsert(products, { name: 'Pen', price: 2, publishedAt: new Date() });
 * rows.map((row, index) => validateInsert(products, row, index));
 * ```
 */
export function validateInsert<S extends SchemaDefinition>(definition: TableDefinition<string, S>, data: unknown, rowIndex?: number): SerializedInsert<S> {
  return check(definition, rowSchemas(definition).insert, data, rowIndex) as SerializedInsert<S>;
}

/**
 * Checks the data of an update (any subset of the fields) and returns what to send. Throws a
 * {@link ValidationError} like {@link validateInsert}.
 *
 * @example
 * ```ts
 * const change = validateUpdate(products, { price: 3 });
 * ```
 */
export function validateUpdate<S extends SchemaDefinition>(definition: TableDefinition<string, S>, data: unknown, rowIndex?: number): SerializedUpdate<S> {
  return check(definition, rowSchemas(definition).update, data, rowIndex) as SerializedUpdate<S>;
}
