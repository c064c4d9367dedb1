/** Operator methods Appwrite 1.9 executes on update and upsert (utopia `Operator::TYPES`). */
const OPERATOR_METHODS = [
  'increment', 'decrement', 'multiply', 'divide', 'modulo', 'power',
  'stringConcat', 'stringReplace',
  'arrayAppend', 'arrayPrepend', 'arrayInsert', 'arrayRemove', 'arrayUnique', 'arrayIntersect', 'arrayDiff', 'arrayFilter',
  'toggle',
  'dateAddDays', 'dateSubDays', 'dateSetNow',
] as const;

export type OperatorMethod = (typeof OPERATOR_METHODS)[number];

const METHODS: ReadonlySet<string> = new Set(OPERATOR_METHODS);

export function isOperatorMethod(value: unknown): value is OperatorMethod {
  return typeof value === 'string' && METHODS.has(value);
}

/**
 * A column value to compute from the stored one (`{"method":"increment","values":[1]}` sent in `data`), as
 * utopia's `Operator`. Kept as a class so that row data can tell it from a plain value.
 */
export class Operator {
  constructor(
    readonly method: OperatorMethod,
    readonly values: readonly unknown[],
  ) {}
}

/** PHP `gettype()` of a JSON value, as Appwrite's operator messages name types. */
export function phpType(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'double';
  if (typeof value === 'string') return 'string';
  return 'array';
}

/** PHP `is_numeric()`: numbers and numeric strings (leading whitespace allowed). */
export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'bigint') return true;
  return typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value);
}

/** A numeric operand as a JS number. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
