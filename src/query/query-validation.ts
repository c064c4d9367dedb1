import { QueryError } from '../errors/query-error.js';
import { LONE_SURROGATE_REASON, isWellFormedText } from '../schema/well-formed.js';
import { lostPrecision } from '../schema/bigint-value.js';
import { MAX_QUERY_DEPTH, NESTED, NO_ATTRIBUTE, isQueryNode, queryKind, type QueryKind, type QueryNode } from './query-node.js';

/** Columns every row has besides the declared ones, queryable by filters and orders. */
const SYSTEM_COLUMNS: ReadonlySet<string> = new Set(['$id', '$sequence', '$createdAt', '$updatedAt']);

const AT_LEAST_ONE = new Set(['equal', 'contains', 'containsAny', 'containsAll', 'notContains', 'exists', 'notExists', 'select', 'elemMatch']);
const EXACTLY_ONE = new Set([
  'notEqual', 'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'search', 'notSearch', 'startsWith',
  'notStartsWith', 'endsWith', 'notEndsWith', 'regex', 'limit', 'offset', 'cursorAfter', 'cursorBefore',
]);
const EXACTLY_TWO = new Set(['between', 'notBetween']);
const NONE = new Set(['isNull', 'isNotNull', 'orderAsc', 'orderDesc', 'orderRandom']);
const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'bigint', 'boolean', 'object']);
/** Appwrite's `maxQueryValues` (APP_DATABASE_QUERY_MAX_VALUES) in 1.9. */
const MAX_VALUES = 500;
const GEOMETRY = /^(distance|vector|crosses|notCrosses|intersects|notIntersects|overlaps|notOverlaps|touches|notTouches)/;

/**
 * Where a query is checked: the table (for messages), its columns (when known, to catch typos) and its
 * encrypted columns (Appwrite stores them encrypted and cannot filter or order by them).
 */
export interface ValidationTarget {
  readonly table?: string;
  readonly columns?: ReadonlySet<string>;
  readonly encrypted?: ReadonlySet<string>;
  /** Bigint columns: a `number` compared with one must be a safe integer (beyond ±2^53 it has lost digits). */
  readonly bigints?: ReadonlySet<string>;
}

/**
 * Checks one query node the way Appwrite would (method, attribute, number and type of values, known
 * columns) and returns its kind. `raw` is the caller's spelling, used in the error.
 *
 * @throws QueryError naming the query and the reason.
 */
export function validateNode(node: QueryNode, raw: string, target: ValidationTarget, depth = 0): QueryKind {
  const fail = (reason: string): never => {
    throw new QueryError(target.table, raw, reason);
  };
  const { method, attribute } = node;
  if (typeof method !== 'string') fail('method must be a string');
  const kind = queryKind(method) ?? fail(`unknown method "${method}"`);
  if (depth >= MAX_QUERY_DEPTH) fail(`nested deeper than ${MAX_QUERY_DEPTH} levels`);
  const nested = depth > 0;
  if (nested && kind !== 'filter') fail(`"${method}" cannot be nested in and/or/elemMatch`);
  if (attribute !== undefined && typeof attribute !== 'string') fail('attribute must be a string');
  if (NO_ATTRIBUTE.has(method)) {
    if (attribute !== undefined && attribute !== '') fail(`"${method}" takes no attribute`);
  } else if (attribute === undefined || attribute === '') {
    fail(`"${method}" needs an attribute`);
  } else if (method !== 'elemMatch') {
    checkColumn(attribute, target, fail);
    if (target.encrypted?.has(attribute) === true) fail(`column "${attribute}" is encrypted: Appwrite cannot filter or order by an encrypted column`);
  }
  if (node.values !== undefined && !Array.isArray(node.values)) fail('values must be an array');
  const values = node.values ?? [];
  const count = values.length;
  if (count > MAX_VALUES) fail(`"${method}" has ${count} values; Appwrite takes at most ${MAX_VALUES}`);
  if (AT_LEAST_ONE.has(method) && count < 1) fail(`"${method}" needs at least one value`);
  if (EXACTLY_ONE.has(method) && count !== 1) fail(`"${method}" needs exactly one value`);
  if (EXACTLY_TWO.has(method) && count !== 2) fail(`"${method}" needs exactly two values`);
  if (NONE.has(method) && count !== 0) fail(`"${method}" takes no values`);
  if ((method === 'and' || method === 'or') && count < 2) fail(`"${method}" needs at least two queries`);
  if (NESTED.has(method)) {
    for (const child of values) {
      if (!isQueryNode(child)) fail(`"${method}" values must be queries`);
      validateNode(child as QueryNode, raw, target, depth + 1);
    }
    return kind;
  }
  checkValues(method, values, target, fail);
  if (attribute !== undefined && target.bigints?.has(attribute) === true) checkExact(attribute, values, fail);
  return kind;
}

function checkValues(method: string, values: readonly unknown[], target: ValidationTarget, fail: (reason: string) => never): void {
  if (method === 'limit' || method === 'offset') {
    const n = values[0];
    const min = method === 'limit' ? 1 : 0;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min) fail(`"${method}" needs an integer >= ${min}`);
    return;
  }
  if (method === 'cursorAfter' || method === 'cursorBefore') {
    if (typeof values[0] !== 'string' || values[0] === '') fail(`"${method}" needs a row id`);
    return;
  }
  if (method === 'select' || method === 'exists' || method === 'notExists') {
    for (const value of values) {
      if (typeof value !== 'string') fail(`"${method}" values must be column names`);
      if (value !== '*') checkColumn(value, target, fail, method === 'select');
    }
    return;
  }
  if (GEOMETRY.test(method)) {
    if (!values.every((value) => isNumberTree(value, 0))) fail(`"${method}" values must be numbers, booleans or arrays of them`);
    return;
  }
  for (const value of values) {
    if (typeof value === 'number' && !Number.isFinite(value)) fail('values must be finite numbers');
    if (!SCALAR_TYPES.has(typeof value) || (typeof value === 'object' && value !== null)) fail('values must be strings, numbers, booleans or null');
    if (typeof value === 'string' && !isWellFormedText(value)) fail(`a value ${LONE_SURROGATE_REASON}`);
  }
}

/** Numbers compared with a bigint column: a whole number beyond ±2^53 no longer says which integer it meant. */
function checkExact(attribute: string, values: readonly unknown[], fail: (reason: string) => never): void {
  for (const value of values) {
    const problem = typeof value === 'number' ? lostPrecision(value) : null;
    if (problem !== null) fail(`"${attribute}" is a bigint column: ${problem}`);
  }
}

function checkColumn(name: string, target: ValidationTarget, fail: (reason: string) => never, selecting = false): void {
  const columns = target.columns;
  if (columns === undefined || columns.has(name) || SYSTEM_COLUMNS.has(name)) return;
  if (selecting && (name === '$permissions' || name === '$tableId' || name === '$databaseId')) return;
  const dot = name.indexOf('.');
  if (dot > 0 && columns.has(name.slice(0, dot))) return;
  fail(`unknown column "${name}"`);
}

/** Geometry and vector values: numbers and booleans nested in arrays (points, distances, vectors), bounded in depth. */
function isNumberTree(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'boolean') return true;
  return Array.isArray(value) && depth < MAX_QUERY_DEPTH && value.every((item) => isNumberTree(item, depth + 1));
}
