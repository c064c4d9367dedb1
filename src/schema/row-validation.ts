import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import type { SchemaDefinition } from './field-definition.js';
import type { SerializedInsert, SerializedUpdate } from './infer.js';
import { checkOperator } from './operator-check.js';
import { isColumnOperator, type ColumnOperator } from './operator.js';
import { rowObjectSchema } from './row-schemas.js';
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

/** Where operators may appear: `{ accepted: true }`, or the reason they are refused in this call. */
type OperatorPolicy = { readonly accepted: true } | { readonly refused: string };
const ACCEPTED: OperatorPolicy = { accepted: true };

const CREATE_TAKES_NO_OPERATORS = 'create stores the values it is given: Appwrite applies operators on update, upsert, ' +
  'bulkUpdate, updateWhere and bulkUpsert only';

function plainObject(definition: TableDefinition, data: unknown, rowIndex: number | undefined): Record<string, unknown> {
  if (isPlainObject(data)) return data;
  throw new ValidationError(tableId(definition), [{ field: '', reason: `expected an object of field values${describe(data)}` }], rowIndex);
}

/**
 * Validates `data` with `schema` (the row's object schema, whole or partial); values built with `Operator`
 * are taken out, checked against their fields and put back as they will be sent.
 */
function check(definition: TableDefinition, schema: z.ZodObject, data: unknown, rowIndex: number | undefined, operators: OperatorPolicy): Record<string, unknown> {
  const values = plainObject(definition, data, rowIndex);
  const given = Object.entries(values).filter((entry): entry is [string, ColumnOperator] => isColumnOperator(entry[1]));
  const issues: ValidationIssue[] = [];
  const checked: Record<string, unknown> = {};
  for (const [field, operator] of given) {
    const declared = Object.hasOwn(definition.schema, field) ? definition.schema[field] : undefined;
    if ('refused' in operators) issues.push({ field, reason: `${operator.method}: ${operators.refused}` });
    else if (declared === undefined) issues.push({ field, reason: 'unknown field: the schema does not declare it' });
    else {
      const result = checkOperator(declared, operator);
      if ('problem' in result) issues.push({ field, reason: result.problem });
      else checked[field] = result.operator;
    }
  }
  const operatorFields = new Set(given.map(([field]) => field));
  const rest = given.length === 0 ? schema : z.strictObject(Object.fromEntries(Object.entries(schema.shape).filter(([field]) => !operatorFields.has(field))));
  const plain = given.length === 0 ? values : Object.fromEntries(Object.entries(values).filter(([field]) => !operatorFields.has(field)));
  const result = rest.safeParse(plain);
  if (!result.success) issues.push(...toIssues(result.error.issues));
  if (issues.length > 0) throw new ValidationError(tableId(definition), issues, rowIndex);
  return { ...(result.data as Record<string, unknown>), ...checked };
}

/**
 * Checks the data of a create against the declaration and returns what to send (datetimes as ISO strings).
 * Throws a {@link ValidationError} naming the table, the field, the row index (`rowIndex`, for bulk calls)
 * and the reason.
 *
 * @example
 * ```ts
 * const data = validateInsert(productsTable, { name: 'Pen', price: 2, publishedAt: new Date() });
 * const incoming: unknown[] = [{ name: 'Ink' }, { name: 'Pad' }];
 * incoming.map((row, index) => validateInsert(productsTable, row, index));
 * ```
 */
export function validateInsert<S extends SchemaDefinition>(definition: TableDefinition<string, S>, data: unknown, rowIndex?: number): SerializedInsert<S> {
  return check(definition, rowObjectSchema(definition), data, rowIndex, { refused: CREATE_TAKES_NO_OPERATORS }) as SerializedInsert<S>;
}

/**
 * Checks the data of an update (any subset of the fields) and returns what to send. Throws a
 * {@link ValidationError} like {@link validateInsert}.
 *
 * @example
 * ```ts
 * const change = validateUpdate(productsTable, { price: 3 });
 * ```
 */
export function validateUpdate<S extends SchemaDefinition>(definition: TableDefinition<string, S>, data: unknown, rowIndex?: number): SerializedUpdate<S> {
  return check(definition, rowObjectSchema(definition).partial(), data, rowIndex, { refused: 'this call takes values only' }) as SerializedUpdate<S>;
}

/**
 * Checks the data of an update that may hold operators (`Operator.increment(1)`...): plain values as
 * {@link validateUpdate} does, each operator against its field (see `checkOperator`). Returns what to send,
 * operators included (they serialise to Appwrite's operator JSON). Throws a {@link ValidationError} naming
 * the table, the field and, for an operator, its method.
 *
 * @example
 * ```ts
 * const change = validatePatch(productsTable, { stock: Operator.decrement(1, 0), name: 'Pen' });
 * ```
 */
export function validatePatch(definition: TableDefinition, data: unknown, rowIndex?: number): Record<string, unknown> {
  return check(definition, rowObjectSchema(definition).partial(), data, rowIndex, ACCEPTED);
}

/**
 * Checks the data of an upsert that may hold operators: a whole row as {@link validateInsert} does, where
 * a required field may be given by an operator (Appwrite applies it to the stored value, or to NULL, which
 * counts as 0, '' or false, on a new row).
 *
 * @example
 * ```ts
 * const row = validateUpsert(productsTable, { name: 'Pen', price: 2, stock: Operator.increment(5) });
 * ```
 */
export function validateUpsert(definition: TableDefinition, data: unknown, rowIndex?: number): Record<string, unknown> {
  return check(definition, rowObjectSchema(definition), data, rowIndex, ACCEPTED);
}
