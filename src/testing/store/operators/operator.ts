/**
 * Operator methods Appwrite 1.9 executes on update and upsert (utopia `Operator::TYPES`), by the kind of column
 * they work on (utopia's `isArithmeticOperation`, `isStringOperation`, `isArrayOperation`, ...).
 */
const METHODS_BY_KIND = {
  numeric: ['increment', 'decrement', 'multiply', 'divide', 'modulo', 'power'],
  string: ['stringConcat', 'stringReplace'],
  array: ['arrayAppend', 'arrayPrepend', 'arrayInsert', 'arrayRemove', 'arrayUnique', 'arrayIntersect', 'arrayDiff', 'arrayFilter'],
  boolean: ['toggle'],
  date: ['dateAddDays', 'dateSubDays', 'dateSetNow'],
} as const;

export type OperatorKind = keyof typeof METHODS_BY_KIND;

export type OperatorMethod = (typeof METHODS_BY_KIND)[OperatorKind][number];

const KIND_OF: ReadonlyMap<string, OperatorKind> = new Map(
  Object.entries(METHODS_BY_KIND).flatMap(([kind, methods]) => methods.map((method) => [method, kind as OperatorKind] as const)),
);

export function isOperatorMethod(value: unknown): value is OperatorMethod {
  return typeof value === 'string' && KIND_OF.has(value);
}

/** The kind of column `method` works on. */
export function operatorKind(method: OperatorMethod): OperatorKind {
  return KIND_OF.get(method) as OperatorKind;
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

/** What PHP computes for a numeric operator, without bounds (`%` works on integers). */
export function phpArithmetic(method: OperatorMethod, current: number, operand: number): number {
  switch (method) {
    case 'increment':
      return current + operand;
    case 'decrement':
      return current - operand;
    case 'multiply':
      return current * operand;
    case 'divide':
      return current / operand;
    case 'modulo':
      return Math.trunc(current) % Math.trunc(operand);
    default:
      return current ** operand;
  }
}

/** A numeric operand as a JS number. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
