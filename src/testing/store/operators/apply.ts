import { formatInstant } from '../../control/clock.js';
import type { StoredColumn } from '../model.js';
import { operatorKind, phpArithmetic, toNumber, type Operator } from './operator.js';

/* What MariaDB computes for an operator on a stored row (utopia 6.0 `MariaDB::getOperatorSQL`), and what PHP
   computes for a row an upsert creates (`SQL::applyOperatorToValue`, from the column default). */

const DAY_MS = 86_400_000;

/** An integer column stores a computed number rounded half away from zero. */
export function storedNumber(column: StoredColumn, value: number): number {
  if (column.type !== 'integer' || Number.isInteger(value)) return value;
  return Math.sign(value) * Math.round(Math.abs(value));
}

function bounded(op: Operator): number | undefined {
  const limit = op.values[1];
  return limit === null || limit === undefined ? undefined : toNumber(limit);
}

function numeric(op: Operator, current: unknown): number {
  const base = typeof current === 'number' ? current : 0;
  const operand = toNumber(op.values[0] ?? 1);
  const limit = bounded(op);
  switch (op.method) {
    case 'increment':
      if (limit === undefined) return base + operand;
      return base >= limit || base > limit - operand ? limit : base + operand;
    case 'decrement':
      if (limit === undefined) return base - operand;
      return base <= limit || base < limit + operand ? limit : base - operand;
    case 'multiply':
      if (limit === undefined) return base * operand;
      if (base >= limit || (operand > 0 && base > limit / operand) || (operand < 0 && base < limit / operand)) return limit;
      return base * operand;
    case 'divide':
      return limit !== undefined && operand !== 0 && base / operand <= limit ? limit : base / operand;
    case 'modulo':
      return base % operand;
    default:
      if (limit === undefined) return base ** operand;
      if (base >= limit) return limit;
      if (base <= 1) return base;
      return operand * Math.log(base) > Math.log(limit) ? limit : base ** operand;
  }
}

/** The stored list, or [] for NULL. */
function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** A string operand as PHP binds it. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** JSON_TABLE reads array items as text: NULL items never match a comparison. */
const asText = (item: unknown): string | null => (item === null || item === undefined ? null : typeof item === 'string' ? item : JSON.stringify(item));

function filtered(items: readonly unknown[], condition: unknown, value: unknown): unknown[] {
  return items.filter((item) => {
    const text = asText(item);
    switch (condition) {
      case 'isNull':
        return text === null;
      case 'isNotNull':
        return text !== null;
      case 'equal':
        return text !== null && text === asText(value);
      case 'notEqual':
        return text !== null && text !== asText(value);
      default: {
        if (text === null || value === null || value === undefined) return false;
        const a = Number(text);
        const b = Number(asText(value));
        if (condition === 'greaterThan') return a > b;
        if (condition === 'greaterThanEqual') return a >= b;
        if (condition === 'lessThan') return a < b;
        return a <= b;
      }
    }
  });
}

function array(op: Operator, current: unknown): unknown[] | null {
  const items = listOf(current);
  const texts = (list: readonly unknown[]): Set<string | null> => new Set(list.map(asText));
  switch (op.method) {
    case 'arrayAppend':
      return [...items, ...op.values];
    case 'arrayPrepend':
      return [...op.values, ...items];
    case 'arrayInsert': {
      // JSON_ARRAY_INSERT on NULL is NULL.
      if (!Array.isArray(current)) return null;
      const out = listOf(current);
      out.splice(Math.min(toNumber(op.values[0]), out.length), 0, op.values[1]);
      return out;
    }
    case 'arrayRemove': {
      const target = asText(op.values[0]);
      return items.filter((item) => asText(item) !== null && asText(item) !== target);
    }
    case 'arrayUnique': {
      const seen = new Set<string | null>();
      return items.filter((item) => {
        const text = asText(item);
        if (seen.has(text)) return false;
        seen.add(text);
        return true;
      });
    }
    case 'arrayIntersect': {
      const keep = texts(op.values);
      return items.filter((item) => asText(item) !== null && keep.has(asText(item)));
    }
    case 'arrayDiff': {
      const drop = texts(op.values);
      return items.filter((item) => asText(item) !== null && !drop.has(asText(item)));
    }
    default:
      return filtered(items, op.values[0], op.values[1]);
  }
}

function date(op: Operator, current: unknown, now: number): string | null {
  // MariaDB NOW() has whole seconds.
  if (op.method === 'dateSetNow') return formatInstant(Math.floor(now / 1000) * 1000);
  if (typeof current !== 'string') return null;
  const days = toNumber(op.values[0]) * (op.method === 'dateAddDays' ? 1 : -1);
  return formatInstant(Date.parse(current) + days * DAY_MS);
}

/** The value MariaDB stores when `op` runs on an existing row whose column holds `current`. */
export function applyToStored(op: Operator, column: StoredColumn, current: unknown, now: number): unknown {
  switch (operatorKind(op.method)) {
    case 'numeric':
      return storedNumber(column, numeric(op, current));
    case 'string':
      if (op.method === 'stringConcat') return `${typeof current === 'string' ? current : ''}${textOf(op.values[0])}`;
      return typeof current === 'string' ? current.split(textOf(op.values[0])).join(textOf(op.values[1])) : null;
    case 'boolean':
      return current !== true;
    case 'date':
      return date(op, current, now);
    case 'array':
      return array(op, current);
  }
}

/**
 * The value a row created by an upsert gets: PHP applies the operator to the column default, without the
 * bounds the SQL form clamps to (`arrayFilter` and the day shifts leave the default as it is).
 */
export function applyToDefault(op: Operator, column: StoredColumn, fallback: unknown, now: number): unknown {
  const base = fallback ?? null;
  const operand = op.values[0];
  switch (op.method) {
    case 'increment':
    case 'decrement':
    case 'multiply':
    case 'divide':
    case 'modulo':
    case 'power': {
      const current = typeof base === 'number' ? base : 0;
      const value = toNumber(operand ?? 1);
      // A division by zero leaves the default as it is.
      if ((op.method === 'divide' || op.method === 'modulo') && value === 0) return current;
      return storedNumber(column, phpArithmetic(op.method, current, value));
    }
    case 'stringReplace':
      return (typeof base === 'string' ? base : '').split(textOf(operand)).join(textOf(op.values[1]));
    case 'dateAddDays':
    case 'dateSubDays':
    case 'arrayFilter':
      return base;
    case 'arrayInsert': {
      const out = [...listOf(base)];
      out.splice(toNumber(operand ?? 0), 0, op.values[1] ?? null);
      return out;
    }
    default:
      return applyToStored(op, column, base, now);
  }
}
