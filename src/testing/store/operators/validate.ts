import { maxLengthOf } from '../column-types.js';
import type { StoredColumn } from '../model.js';
import { isNumeric, operatorKind, phpArithmetic, phpType, toNumber, type Operator } from './operator.js';

/* utopia-php/database 6.0 `Validator/Operator.php`: which operator fits which column, with its messages. */

const INT32_MAX = 2_147_483_647;
const INT32_MIN = -2_147_483_648;
const STRING_TYPES: ReadonlySet<string> = new Set(['string', 'varchar', 'text', 'mediumtext', 'longtext']);
const FILTER_CONDITIONS = ['equal', 'notEqual', 'greaterThan', 'greaterThanEqual', 'lessThan', 'lessThanEqual', 'isNull', 'isNotNull'];

/** The stored row an operator applies to, when there is one (updates; not new rows, not bulk updates). */
export interface CurrentValue {
  readonly value: unknown;
}

function numericProblem(op: Operator, key: string, column: StoredColumn, current: CurrentValue | undefined): string | null {
  const { method, values } = op;
  if (column.type !== 'integer' && column.type !== 'double') return `Cannot apply ${method} operator to non-numeric field '${key}'`;
  if (!isNumeric(values[0])) return `Cannot apply ${method} operator: value must be numeric, got ${phpType(values[0])}`;
  if ((method === 'divide' || method === 'modulo') && toNumber(values[0]) === 0) {
    return `Cannot apply ${method} operator: ${method === 'divide' ? 'division' : 'modulo'} by zero`;
  }
  const limit = values[1];
  if (values.length > 1 && limit !== null && limit !== undefined && !isNumeric(limit)) {
    return `Cannot apply ${method} operator: max/min limit must be numeric, got ${phpType(limit)}`;
  }
  if (current !== undefined && column.type === 'integer' && (limit === null || limit === undefined)) {
    const base = typeof current.value === 'number' ? current.value : 0;
    const result = phpArithmetic(method, base, toNumber(values[0]));
    if (result > INT32_MAX) return `Cannot apply ${method} operator: would overflow maximum value of ${INT32_MAX}`;
    if (result < INT32_MIN) return `Cannot apply ${method} operator: would underflow minimum value of ${INT32_MIN}`;
  }
  return null;
}

function int32Items(op: Operator, column: StoredColumn, items: readonly unknown[]): string | null {
  if (column.type !== 'integer') return null;
  const outside = items.some((item) => isNumeric(item) && (toNumber(item) > INT32_MAX || toNumber(item) < INT32_MIN));
  return outside ? `Cannot apply ${op.method} operator: array items must be between ${INT32_MIN} and ${INT32_MAX}` : null;
}

function arrayProblem(op: Operator, key: string, column: StoredColumn, current: CurrentValue | undefined): string | null {
  const { method, values } = op;
  if (!column.array) {
    return method === 'arrayIntersect' || method === 'arrayDiff'
      ? `Cannot use ${method} operator on non-array attribute '${key}'`
      : `Cannot apply ${method} operator to non-array field '${key}'`;
  }
  switch (method) {
    case 'arrayAppend':
    case 'arrayPrepend':
      return values.length === 0 ? null : int32Items(op, column, Array.isArray(values[0]) ? values[0] : values);
    case 'arrayInsert': {
      if (values.length !== 2) return `Cannot apply ${method} operator: requires exactly 2 values (index and value)`;
      const index = values[0];
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return `Cannot apply ${method} operator: index must be a non-negative integer`;
      const items = int32Items(op, column, [values[1]]);
      if (items !== null) return items;
      if (current !== undefined && Array.isArray(current.value) && index > current.value.length) {
        return `Cannot apply ${method} operator: index ${index} is out of bounds for array of length ${current.value.length}`;
      }
      return null;
    }
    case 'arrayRemove':
      return values.length === 0 ? `Cannot apply ${method} operator: requires a value to remove` : null;
    case 'arrayIntersect':
      return values.length === 0 ? `${method} operator requires a non-empty array value` : null;
    case 'arrayFilter':
      if (values.length < 1 || values.length > 2) return `Cannot apply ${method} operator: requires 1 or 2 values (condition and optional comparison value)`;
      if (typeof values[0] !== 'string') return `Cannot apply ${method} operator: condition must be a string`;
      if (!FILTER_CONDITIONS.includes(values[0])) return `Invalid array filter condition '${values[0]}'. Must be one of: ${FILTER_CONDITIONS.join(', ')}`;
      return null;
    default:
      return null;
  }
}

function stringProblem(op: Operator, key: string, column: StoredColumn, current: CurrentValue | undefined): string | null {
  const { method, values } = op;
  if (!STRING_TYPES.has(column.type) || (method === 'stringConcat' && column.array)) {
    return `Cannot apply ${method} operator to non-string field '${key}'`;
  }
  if (method === 'stringReplace') {
    const ok = values.length === 2 && typeof values[0] === 'string' && typeof values[1] === 'string';
    return ok ? null : `Cannot apply ${method} operator: requires exactly 2 string values (search and replace)`;
  }
  if (typeof values[0] !== 'string') return `Cannot apply ${method} operator: requires a string value`;
  const size = maxLengthOf(column) ?? 0;
  if (current !== undefined && size > 0) {
    // strlen(): bytes, not characters.
    const base = typeof current.value === 'string' ? current.value : '';
    if (Buffer.byteLength(base) + Buffer.byteLength(values[0]) > size) {
      return `Cannot apply ${method} operator: result would exceed maximum length of ${size} characters`;
    }
  }
  return null;
}

/**
 * Why `op` cannot apply to `column`, in Appwrite's words (`Cannot apply increment operator to non-numeric field
 * 'note'`), or null when it can. `current` is the stored value when the row exists and the write is a single
 * update or upsert: integer overflow, string length and insert bounds are then predicted from it.
 */
export function operatorProblem(op: Operator, key: string, column: StoredColumn, current: CurrentValue | undefined): string | null {
  switch (operatorKind(op.method)) {
    case 'numeric':
      return numericProblem(op, key, column, current);
    case 'string':
      return stringProblem(op, key, column, current);
    case 'boolean':
      return column.type === 'boolean' ? null : `Cannot apply toggle operator to non-boolean field '${key}'`;
    case 'date':
      if (column.type !== 'datetime') return `Cannot apply ${op.method} operator to non-datetime field '${key}'`;
      if (op.method === 'dateSetNow') return null;
      return typeof op.values[0] === 'number' && Number.isInteger(op.values[0]) ? null : `Cannot apply ${op.method} operator: requires an integer number of days`;
    case 'array':
      return arrayProblem(op, key, column, current);
  }
}
