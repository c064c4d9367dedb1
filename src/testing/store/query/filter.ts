import type { StoredRow, StoredTable } from '../model.js';
import { queryAttributes, type QueryAttribute } from './attributes.js';
import { compareKeys, escapeWildcards, keyOf, likeMatcher, textOf, type SortKey } from './collation.js';
import { parseInstant } from './instant.js';
import { childQueries, isFilter, queryInvalid, type ParsedQuery } from './query-types.js';
import { searchMatcher } from './search.js';

/** A compiled filter. SQL's unknown (a comparison with NULL) is false: no filter negates an and/or group. */
export type RowPredicate = (row: StoredRow) => boolean;
type Attributes = ReadonlyMap<string, QueryAttribute>;

const FALLBACK: QueryAttribute = { key: '', kind: 'string', array: false, encrypt: false, bits: 64 };

/** LIKE patterns as utopia-php/database's MariaDB adapter builds them (containsAll on a string: no wildcards). */
const LIKE: Record<string, (value: string) => string> = {
  startsWith: (v) => `${escapeWildcards(v)}%`,
  notStartsWith: (v) => `${escapeWildcards(v)}%`,
  endsWith: (v) => `%${escapeWildcards(v)}`,
  notEndsWith: (v) => `%${escapeWildcards(v)}`,
  contains: (v) => `%${escapeWildcards(v)}%`,
  containsAny: (v) => `%${escapeWildcards(v)}%`,
  notContains: (v) => `%${escapeWildcards(v)}%`,
  containsAll: (v) => v,
};

/** JSON element identity inside an array column: strings exact (JSON compares them binary), numbers by value. */
function elementKey(kind: QueryAttribute['kind'], value: unknown): string {
  if (kind === 'datetime' && typeof value === 'string') return `d:${parseInstant(value)}`;
  return `${typeof value}:${String(value)}`;
}

function arrayPredicate(query: ParsedQuery, attribute: QueryAttribute): RowPredicate {
  const wanted = query.values.map((value) => elementKey(attribute.kind, value));
  const has = (row: StoredRow): Set<string> | null => {
    const cell = row[attribute.key];
    return Array.isArray(cell) ? new Set(cell.map((value) => elementKey(attribute.kind, value))) : null;
  };
  const overlaps = (set: Set<string>): boolean => wanted.some((key) => set.has(key));
  switch (query.method) {
    case 'containsAll':
      return (row) => { const set = has(row); return set !== null && wanted.every((key) => set.has(key)); };
    case 'notContains':
      return (row) => { const set = has(row); return set !== null && !overlaps(set); };
    default:
      return (row) => { const set = has(row); return set !== null && overlaps(set); };
  }
}

function likePredicate(query: ParsedQuery, key: string): RowPredicate {
  const matchers = query.values.map((value) => likeMatcher(LIKE[query.method]?.(String(value)) ?? ''));
  const negated = query.method.startsWith('not');
  return (row) => {
    const cell = row[key];
    if (cell === null || cell === undefined) return false;
    const text = textOf(cell);
    return negated ? matchers.every((m) => !m(text)) : matchers.some((m) => m(text));
  };
}

function comparePredicate(query: ParsedQuery, attribute: QueryAttribute): RowPredicate {
  const { kind, key } = attribute;
  const keys = query.values.map((value) => keyOf(kind, value)).filter((k): k is number | bigint | string => k !== null);
  const [a, b] = keys;
  const cell = (row: StoredRow): SortKey => keyOf(kind, row[key]);
  const test = (check: (v: number | bigint | string) => boolean): RowPredicate => (row) => {
    const v = cell(row);
    return v !== null && check(v);
  };
  if (a === undefined) return () => false;
  switch (query.method) {
    case 'equal': { const set = new Set(keys); return test((v) => set.has(v)); }
    case 'notEqual': return test((v) => v !== a);
    case 'lessThan': return test((v) => compareKeys(v, a) < 0);
    case 'lessThanEqual': return test((v) => compareKeys(v, a) <= 0);
    case 'greaterThan': return test((v) => compareKeys(v, a) > 0);
    case 'greaterThanEqual': return test((v) => compareKeys(v, a) >= 0);
    case 'between': return test((v) => b !== undefined && compareKeys(v, a) >= 0 && compareKeys(v, b) <= 0);
    case 'notBetween': return test((v) => b !== undefined && (compareKeys(v, a) < 0 || compareKeys(v, b) > 0));
    default: throw queryInvalid(`Invalid query method: ${query.method}`);
  }
}

function compile(query: ParsedQuery, attributes: Attributes): RowPredicate {
  const attribute = attributes.get(query.attribute) ?? { ...FALLBACK, key: query.attribute };
  const key = attribute.key;
  switch (query.method) {
    case 'and': {
      const all = childQueries(query).map((q) => compile(q, attributes));
      return (row) => all.every((p) => p(row));
    }
    case 'or': {
      const any = childQueries(query).map((q) => compile(q, attributes));
      return (row) => any.some((p) => p(row));
    }
    case 'isNull': return (row) => row[key] === null || row[key] === undefined;
    case 'isNotNull': return (row) => row[key] !== null && row[key] !== undefined;
    case 'search': { const match = searchMatcher(String(query.values[0])); return (row) => match(row[key]); }
    case 'notSearch': { const match = searchMatcher(String(query.values[0])); return (row) => !match(row[key]); }
    case 'contains': case 'containsAny': case 'containsAll': case 'notContains':
      return attribute.array ? arrayPredicate(query, attribute) : likePredicate(query, key);
    case 'startsWith': case 'notStartsWith': case 'endsWith': case 'notEndsWith':
      return likePredicate(query, key);
    default: return comparePredicate(query, attribute);
  }
}

/** Compiles the filter queries of a list (others are ignored) into one predicate, their conjunction. */
export function compileFilters(queries: readonly ParsedQuery[], table: StoredTable): RowPredicate {
  const attributes = queryAttributes(table);
  const predicates = queries.filter(isFilter).map((query) => compile(query, attributes));
  return (row) => predicates.every((p) => p(row));
}
