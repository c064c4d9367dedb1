import { TEXT_TYPES, type FieldDefinition } from './field-definition.js';
import { scalarSchema } from './field-validator.js';
import type { ColumnOperator, OperatorTarget } from './operator.js';

/** Appwrite keeps integer operands of array operators, and unbounded integer results, within 32 bits (reference §15). */
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const FILTER_CONDITIONS: ReadonlySet<unknown> = new Set(['equal', 'notEqual', 'greaterThan', 'greaterThanEqual', 'lessThan', 'lessThanEqual', 'isNull', 'isNotNull']);
const TARGET_FIELDS: Readonly<Record<OperatorTarget, string>> = {
  numeric: 'integer and float fields',
  text: 'text fields (string, varchar, text, mediumtext, longtext)',
  boolean: 'boolean fields',
  datetime: 'datetime fields',
  array: 'array fields',
};

/** The operator checked against its field, with its values as sent (dates as ISO strings), or why it does not fit. */
export type OperatorCheck = { readonly operator: ColumnOperator } | { readonly problem: string };

function fieldTarget(field: FieldDefinition): OperatorTarget | undefined {
  if (field.type === 'relationship') return undefined;
  if (field.array === true) return 'array';
  if (field.type === 'integer' || field.type === 'float') return 'numeric';
  if (TEXT_TYPES.has(field.type)) return 'text';
  if (field.type === 'boolean' || field.type === 'datetime') return field.type;
  return undefined;
}

function describeField(field: FieldDefinition): string {
  return `${field.array === true ? 'an array of ' : 'a '}${field.type}${field.array === true ? '' : ' field'}`;
}

/** A value check: the value as sent, or the reason it is refused. */
type Checked = { readonly value: unknown } | { readonly problem: string };

function item(field: FieldDefinition, value: unknown, what: string): Checked {
  const parsed = scalarSchema(field).safeParse(value);
  if (!parsed.success) return { problem: `${what} ${typeof value === 'bigint' ? `${value}n` : JSON.stringify(value) ?? String(value)} does not fit the field: ${parsed.error.issues.map((issue) => issue.message).join('; ')}` };
  if (field.type === 'integer' && typeof parsed.data === 'number' && (parsed.data < INT32_MIN || parsed.data > INT32_MAX)) {
    return { problem: `${what} ${parsed.data} is outside Appwrite's 32-bit range for array operators (${INT32_MIN} to ${INT32_MAX})` };
  }
  return { value: parsed.data };
}

function items(field: FieldDefinition, values: readonly unknown[]): Checked {
  const out: unknown[] = [];
  for (const value of values) {
    const checked = item(field, value, 'item');
    if ('problem' in checked) return checked;
    out.push(checked.value);
  }
  return { value: out };
}

function finite(value: unknown, what: string, integer: boolean): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${what} must be a finite number, got ${String(value)}`;
  return integer && !Number.isInteger(value) ? `${what} must be a whole number on an integer field, got ${value}` : null;
}

function numericValues(field: FieldDefinition, method: string, values: readonly unknown[]): string | null {
  const integer = field.type === 'integer';
  const [operand, bound] = values;
  // A fractional step or divisor would leave the integer column to MariaDB's rounding.
  const problem = finite(operand, 'the operand', integer && (method === 'increment' || method === 'decrement' || method === 'modulo'));
  if (problem !== null) return problem;
  if ((method === 'divide' || method === 'modulo') && operand === 0) return `${method} by 0`;
  if (values.length < 2) return null;
  const limit = finite(bound, `the ${method === 'decrement' || method === 'divide' ? 'min' : 'max'} bound`, integer);
  if (limit !== null) return limit;
  const declared = field.type === 'integer' || field.type === 'float' ? field : undefined;
  if (declared?.min !== undefined && (bound as number) < declared.min) return `the bound ${String(bound)} is below the field's min ${declared.min}`;
  if (declared?.max !== undefined && (bound as number) > declared.max) return `the bound ${String(bound)} is above the field's max ${declared.max}`;
  return null;
}

/** Operators that compare items (as text, in Appwrite's SQL): with given values, or with each other. */
const COMPARING = new Set(['arrayRemove', 'arrayIntersect', 'arrayDiff', 'arrayUnique']);

function arrayValues(field: FieldDefinition, method: string, values: readonly unknown[]): Checked {
  const compares = COMPARING.has(method) || (method === 'arrayFilter' && values[0] !== 'isNull' && values[0] !== 'isNotNull');
  if (field.type === 'datetime' && compares) {
    // Appwrite keeps datetime items in its own text form, items added by operators as they were sent: equal
    // instants need not compare equal.
    return { problem: 'it compares items as stored text, and datetimes need not be stored in one format: not supported on datetime arrays' };
  }
  switch (method) {
    case 'arrayAppend':
    case 'arrayPrepend':
    case 'arrayDiff':
      return items(field, values);
    case 'arrayIntersect':
      return values.length === 0 ? { problem: 'arrayIntersect needs at least one value (an empty one would empty the array)' } : items(field, values);
    case 'arrayInsert': {
      const [index, value] = values;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return { problem: `the index must be a whole number >= 0, got ${String(index)}` };
      const checked = item(field, value, 'the value');
      return 'problem' in checked ? checked : { value: [index, checked.value] };
    }
    case 'arrayRemove': {
      const checked = item(field, values[0], 'the value');
      return 'problem' in checked ? checked : { value: [checked.value] };
    }
    case 'arrayFilter': {
      const [condition, value] = values;
      if (!FILTER_CONDITIONS.has(condition)) return { problem: `unknown condition ${JSON.stringify(condition)}; Appwrite takes ${[...FILTER_CONDITIONS].join(', ')}` };
      if (condition === 'isNull' || condition === 'isNotNull') return value === null ? { value: [condition, null] } : { problem: `${String(condition)} takes no value` };
      const checked = item(field, value, 'the value');
      return 'problem' in checked ? checked : { value: [condition, checked.value] };
    }
    default:
      return { value: [] };
  }
}

function textValues(field: FieldDefinition, method: string, values: readonly unknown[]): Checked {
  if (values.some((value) => typeof value !== 'string')) return { problem: `${method} takes strings` };
  if (method === 'stringReplace' && values[0] === '') return { problem: 'the search text is empty' };
  // The text added must fit the field on its own (Appwrite also refuses a result longer than the field).
  const added = method === 'stringReplace' ? values[1] : values[0];
  const checked = item(field, added, 'the text');
  return 'problem' in checked ? checked : { value: values };
}

function scalarValues(field: FieldDefinition, operator: ColumnOperator): Checked {
  const { method, values } = operator;
  switch (operator.target) {
    case 'numeric': {
      const problem = numericValues(field, method, values);
      return problem === null ? { value: values } : { problem };
    }
    case 'text':
      return textValues(field, method, values);
    case 'datetime': {
      if (method === 'dateSetNow') return { value: [] };
      const problem = finite(values[0], 'the number of days', true);
      return problem === null ? { value: values } : { problem };
    }
    default:
      return { value: [] };
  }
}

/**
 * Checks an operator against the field it is given for, before it is sent: the operator fits the field's
 * type (numeric operators on integer and float fields, text operators on text fields, `toggle` on booleans,
 * date operators on datetimes, array operators on array fields; on datetime arrays only those that compare no
 * items) and its values fit too (items of the field's type, a whole number of days, no division by 0, a bound
 * within the field's min and max...).
 * Returns the operator as it will be sent (dates as ISO strings), or the reason it is refused.
 *
 * @example
 * ```ts
 * checkOperator({ type: 'integer', min: 0 }, Operator.decrement(1, 0)); // { operator: ... }
 * checkOperator({ type: 'string' }, Operator.increment(1));            // { problem: 'increment applies to integer and float fields; ...' }
 * ```
 */
export function checkOperator(field: FieldDefinition, operator: ColumnOperator): OperatorCheck {
  const target = fieldTarget(field);
  if (target !== operator.target) {
    const where = field.type === 'relationship' ? 'a relationship field (Appwrite applies no operator to it)'
      : field.type === 'bigint' && operator.target === 'numeric' ? 'a bigint field (Appwrite 1.9 refuses numeric operators on bigint columns; use the table\'s increment() or decrement())'
        : describeField(field);
    return { problem: `${operator.method} applies to ${TARGET_FIELDS[operator.target]}; this is ${where}` };
  }
  const checked = target === 'array' ? arrayValues(field, operator.method, operator.values) : scalarValues(field, operator);
  if ('problem' in checked) return { problem: `${operator.method}: ${checked.problem}` };
  return { operator: operator.withValues(checked.value as readonly unknown[]) };
}
