import { Operator as AppwriteOperator } from 'node-appwrite';
import { stringifyExact } from './exact-json.js';

/** The kind of column an operator changes: numbers, text, a boolean, a datetime, or a list. */
export type OperatorTarget = 'numeric' | 'text' | 'boolean' | 'datetime' | 'array';

/** Appwrite's operator names (utopia-php/database `Operator::TYPES`, node-appwrite's `Operator`). */
export type OperatorMethod =
  | 'increment' | 'decrement' | 'multiply' | 'divide' | 'modulo' | 'power'
  | 'arrayAppend' | 'arrayPrepend' | 'arrayInsert' | 'arrayRemove' | 'arrayUnique' | 'arrayIntersect' | 'arrayDiff' | 'arrayFilter'
  | 'stringConcat' | 'stringReplace' | 'toggle' | 'dateAddDays' | 'dateSubDays' | 'dateSetNow';

/**
 * The conditions `arrayFilter` takes: node-appwrite's `Condition` values Appwrite accepts (`contains` is
 * refused by Appwrite's operator validator, so it is left out).
 */
export type ArrayFilterCondition =
  | 'equal' | 'notEqual' | 'greaterThan' | 'greaterThanEqual' | 'lessThan' | 'lessThanEqual' | 'isNull' | 'isNotNull';

/** Marks operator objects across copies of the library (its ESM and CommonJS builds). */
const OPERATOR_MARK = Symbol.for('appwrite-orm.column-operator');

declare const elementType: unique symbol;

/**
 * An atomic change of one column, applied by Appwrite on `update`, `upsert`, `bulkUpdate`, `updateWhere`
 * and `bulkUpsert` (never on create). Built with {@link Operator}; `T` is the kind of column it fits and,
 * for array operators, `E` the type of the items it names, so a handle's update data accepts it only on
 * a matching field. Frozen; its `toString()` is the wire form node-appwrite's own `Operator` produces.
 *
 * @example
 * ```ts
 * const op = Operator.decrement(1, 0);
 * op.method;     // 'decrement'
 * op.values;     // [1, 0]
 * String(op);    // '{"method":"decrement","values":[1,0]}'
 * ```
 */
export class ColumnOperator<T extends OperatorTarget = OperatorTarget, E = unknown> {
  /** Makes the class nominal: only {@link Operator} builds one. */
  readonly #target: T;
  /** Phantom: the items an array operator names (type level only). */
  declare readonly [elementType]?: E;
  readonly method: OperatorMethod;
  readonly values: readonly unknown[];

  /** @internal Use {@link Operator}. */
  constructor(method: OperatorMethod, target: T, values: readonly unknown[]) {
    this.method = method;
    this.#target = target;
    this.values = Object.freeze([...values]);
    Object.defineProperty(this, OPERATOR_MARK, { value: true });
    Object.freeze(this);
  }

  /** The kind of column this operator fits. */
  get target(): T {
    return this.#target;
  }

  /** The same operator with other values (the checked, serialised ones). @internal */
  withValues(values: readonly unknown[]): ColumnOperator<T, E> {
    return new ColumnOperator<T, E>(this.method, this.#target, values);
  }

  /**
   * The JSON string Appwrite reads, as node-appwrite's `Operator` writes it; `bigint` items (of a bigint
   * array field) as bare integers, which node-appwrite's `JSON.stringify` cannot write.
   */
  toString(): string {
    if (this.values.some((value) => typeof value === 'bigint')) return stringifyExact({ method: this.method, values: this.values });
    return new AppwriteOperator(this.method, [...this.values]).toString();
  }

  /** Serialises as the wire string, wherever the operator ends up in JSON. */
  toJSON(): string {
    return this.toString();
  }
}

/** An operator on an integer or float field. */
export type NumericOperator = ColumnOperator<'numeric'>;
/** An operator on a text field (`string`, `varchar`, `text`, `mediumtext`, `longtext`). */
export type TextOperator = ColumnOperator<'text'>;
/** `toggle()`, for a boolean field. */
export type BooleanOperator = ColumnOperator<'boolean'>;
/** An operator on a datetime field. */
export type DatetimeOperator = ColumnOperator<'datetime'>;
/** An operator on an array field whose items may be `E`. */
export type ArrayOperator<E = never> = ColumnOperator<'array', E>;

/**
 * True for an operator built by {@link Operator} (of this or another copy of the library). Strings never
 * are, even when they hold an operator's JSON.
 *
 * @example
 * ```ts
 * isColumnOperator(Operator.toggle());                  // true
 * isColumnOperator('{"method":"toggle","values":[]}');  // false
 * ```
 */
export function isColumnOperator(value: unknown): value is ColumnOperator {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[OPERATOR_MARK] === true;
}

function make<T extends OperatorTarget, E = never>(method: OperatorMethod, target: T, values: readonly unknown[]): ColumnOperator<T, E> {
  return new ColumnOperator<T, E>(method, target, values);
}

/** `[value]`, plus the bound when one is given (node-appwrite's layout). */
function bounded(value: number, bound: number | undefined): readonly number[] {
  return bound === undefined ? [value] : [value, bound];
}

/**
 * Atomic updates, with the names and arguments of node-appwrite's `Operator`, typed per column: an update
 * takes `Operator.increment(1)` only on an integer or float field, `Operator.arrayAppend(['sale'])` only on
 * an array field whose items can be strings, and so on. Appwrite computes the new value in one statement,
 * so concurrent writers never lose a change; the row a write returns holds the result.
 *
 * The values are checked against the field before anything is sent (a `ValidationError` names the table,
 * the field and the operator). node-appwrite's own `Operator` returns plain JSON strings, which the ORM
 * cannot tell from text a user typed, so it refuses them: use this one.
 *
 * @example
 * ```ts
 * import { Operator } from 'appwrite-orm/server';
 *
 * await products.update('pen', {
 *   stock: Operator.decrement(1, 0),        // never below 0
 *   tags: Operator.arrayAppend(['sale']),
 *   name: Operator.stringConcat(' (new)'),
 *   featured: Operator.toggle(),
 *   saleEndsAt: Operator.dateAddDays(7),
 * });
 * ```
 */
export const Operator = {
  /** Adds `value` (default 1); with `max`, the result stops at `max`. Integer and float fields. */
  increment: (value = 1, max?: number): NumericOperator => make('increment', 'numeric', bounded(value, max)),
  /** Subtracts `value` (default 1); with `min`, the result stops at `min`. Integer and float fields. */
  decrement: (value = 1, min?: number): NumericOperator => make('decrement', 'numeric', bounded(value, min)),
  /** Multiplies by `factor`; with `max`, the result stops at `max`. Integer and float fields. */
  multiply: (factor: number, max?: number): NumericOperator => make('multiply', 'numeric', bounded(factor, max)),
  /** Divides by `divisor` (not 0); with `min`, the result stops at `min`. Integer and float fields. */
  divide: (divisor: number, min?: number): NumericOperator => make('divide', 'numeric', bounded(divisor, min)),
  /** The remainder of the division by `divisor` (not 0). Integer and float fields. */
  modulo: (divisor: number): NumericOperator => make('modulo', 'numeric', [divisor]),
  /** Raises to `exponent`; with `max`, the result stops at `max`. Integer and float fields. */
  power: (exponent: number, max?: number): NumericOperator => make('power', 'numeric', bounded(exponent, max)),
  /** Adds items at the end of an array field. */
  arrayAppend: <const E>(values: readonly E[]): ArrayOperator<E> => make('arrayAppend', 'array', values),
  /** Adds items at the start of an array field. */
  arrayPrepend: <const E>(values: readonly E[]): ArrayOperator<E> => make('arrayPrepend', 'array', values),
  /** Inserts `value` at position `index` (0 to the array's length) of an array field. */
  arrayInsert: <const E>(index: number, value: E): ArrayOperator<E> => make('arrayInsert', 'array', [index, value]),
  /** Removes every item equal to `value` from an array field. */
  arrayRemove: <const E>(value: E): ArrayOperator<E> => make('arrayRemove', 'array', [value]),
  /** Removes repeated items from an array field. */
  arrayUnique: (): ArrayOperator => make('arrayUnique', 'array', []),
  /** Keeps only the items of an array field that are also in `values` (not empty). */
  arrayIntersect: <const E>(values: readonly E[]): ArrayOperator<E> => make('arrayIntersect', 'array', values),
  /** Removes the items of an array field that are in `values`. */
  arrayDiff: <const E>(values: readonly E[]): ArrayOperator<E> => make('arrayDiff', 'array', values),
  /**
   * Keeps the items of an array field that meet the condition: `equal`, `notEqual`, `greaterThan`,
   * `greaterThanEqual`, `lessThan`, `lessThanEqual` compare with `value`; `isNull`, `isNotNull` take none.
   */
  arrayFilter: <const E = never>(condition: ArrayFilterCondition, value?: E): ArrayOperator<E> =>
    make('arrayFilter', 'array', [condition, value === undefined ? null : value]),
  /** Appends `value` to a text field (NULL counts as ''). */
  stringConcat: (value: string): TextOperator => make('stringConcat', 'text', [value]),
  /** Replaces every `search` with `replace` in a text field. */
  stringReplace: (search: string, replace: string): TextOperator => make('stringReplace', 'text', [search, replace]),
  /** Flips a boolean field (NULL counts as false). */
  toggle: (): BooleanOperator => make('toggle', 'boolean', []),
  /** Moves a datetime field `days` (a whole number) later. */
  dateAddDays: (days: number): DatetimeOperator => make('dateAddDays', 'datetime', [days]),
  /** Moves a datetime field `days` (a whole number) earlier. */
  dateSubDays: (days: number): DatetimeOperator => make('dateSubDays', 'datetime', [days]),
  /** Sets a datetime field to the server's current time. */
  dateSetNow: (): DatetimeOperator => make('dateSetNow', 'datetime', []),
} as const;
