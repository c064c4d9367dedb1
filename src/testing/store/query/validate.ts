import type { StoredTable } from '../model.js';
import { queryAttributes, type QueryAttribute } from './attributes.js';
import { childQueries, isFilter, queryInvalid, type ParsedQuery } from './query-types.js';
import { checkFilter } from './validate-filter.js';
import { FILTER_DEFAULT_DATES } from './instant.js';
import { isNumeric, toInt } from './value-rules.js';
import { UID_DESCRIPTION } from '../ids.js';

/**
 * Where queries are used: `list` (listRows), `get` (getRow: select only), `mutation` (updateRows and
 * deleteRows: filters, order, limit and offset, which Appwrite honours there too; select is accepted and
 * has no effect; a valid cursor passes validation, and the route then fails as Appwrite does, see
 * `bulk-rows.ts`) or `metadata` (the list routes of databases, tables, columns, indexes and transactions:
 * Appwrite's `Validator/Queries/Base.php` accepts no select and checks no fulltext index).
 */
export type QueryContext = 'list' | 'get' | 'mutation' | 'metadata';

type Attributes = ReadonlyMap<string, QueryAttribute>;
type MethodType = 'filter' | 'select' | 'limit' | 'offset' | 'cursor' | 'order';

const ALLOWED: Record<QueryContext, ReadonlySet<MethodType>> = {
  list: new Set(['filter', 'select', 'limit', 'offset', 'cursor', 'order']),
  get: new Set(['select']),
  mutation: new Set(['filter', 'select', 'limit', 'offset', 'cursor', 'order']),
  metadata: new Set(['filter', 'limit', 'offset', 'cursor', 'order']),
};
const INT_MAX = '9,223,372,036,854,775,807';
/** utopia's Filter default: appwrite 1.9.0 Queries/Base.php hands APP_DATABASE_QUERY_MAX_VALUES to the ID type param. */
const METADATA_MAX_VALUES = 5000;
const INTERNAL = new Set(['$id', '$sequence', '$createdAt', '$updatedAt', '$permissions', '$collection']);
const UID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,35}$/;
const UID_MESSAGE = `Invalid cursor: ${UID_DESCRIPTION}`;

function methodType(query: ParsedQuery): MethodType {
  switch (query.method) {
    case 'select': return 'select';
    case 'limit': return 'limit';
    case 'offset': return 'offset';
    case 'cursorAfter': case 'cursorBefore': return 'cursor';
    case 'orderAsc': case 'orderDesc': case 'orderRandom': return 'order';
    default: return 'filter';
  }
}

/** utopia `Validator/UID` on a cursor value, with Appwrite's message. */
function checkCursor(query: ParsedQuery): string | null {
  const id = query.values[0];
  return typeof id === 'string' && UID.test(id) ? null : UID_MESSAGE;
}

function checkOrder(query: ParsedQuery, attributes: Attributes): string | null {
  if (query.method === 'orderRandom' || attributes.has(query.attribute)) return null;
  const top = query.attribute.split('.')[0] ?? '';
  if (query.attribute.includes('.') && attributes.has(top)) return `Cannot order by nested attribute: ${top}`;
  return `Attribute not found in schema: ${top}`;
}

function checkSelect(query: ParsedQuery, attributes: Attributes): string | null {
  const names = query.values.map(String);
  if (names.length === 0) return 'No attributes selected';
  if (new Set(names).size !== names.length) return 'Duplicate attributes selected';
  for (const name of names) {
    const top = attributes.has(name) ? name : name.split('.')[0] ?? name;
    if (!INTERNAL.has(top) && !attributes.has(top) && top !== '*') return `Attribute not found in schema: ${top}`;
  }
  return null;
}

function checkOne(query: ParsedQuery, type: MethodType, attributes: Attributes, context: QueryContext): string | null {
  const value = query.values[0];
  switch (type) {
    case 'filter': return checkFilter(query, attributes, context === 'metadata' ? METADATA_MAX_VALUES : undefined);
    case 'select': return checkSelect(query, attributes);
    case 'cursor': return checkCursor(query);
    case 'order': return checkOrder(query, attributes);
    case 'limit':
      if (!isNumeric(value)) return 'Invalid limit: Value must be a valid number';
      return toInt(value) >= 1 ? null : `Invalid limit: Value must be a valid range between 1 and ${INT_MAX}`;
    case 'offset':
      // "Invalid limit" for a non-numeric offset is utopia-php/database's own wording.
      if (!isNumeric(value)) return 'Invalid limit: Value must be a valid number';
      return toInt(value) >= 0 ? null : `Invalid offset: Value must be a valid range between 0 and ${INT_MAX}`;
  }
}

/** utopia `IndexedQueries`: search needs an available fulltext index on exactly that one column. */
function checkSearch(queries: readonly ParsedQuery[], table: StoredTable): string | null {
  for (const query of queries) {
    if (query.method !== 'search' && query.method !== 'notSearch') continue;
    const indexed = table.indexes.some((index) => index.type === 'fulltext' && index.status === 'available'
      && index.columns.length === 1 && index.columns[0] === query.attribute);
    if (!indexed) return `Searching by attribute "${query.attribute}" requires a fulltext index.`;
  }
  return null;
}

function checkAll(queries: readonly ParsedQuery[], table: StoredTable, attributes: Attributes,
  context: QueryContext): string | null {
  for (const query of queries) {
    const nested = childQueries(query);
    if (nested.length > 0) {
      const message = checkAll(nested, table, attributes, context);
      if (message !== null) return message;
    }
    const type = methodType(query);
    if (!ALLOWED[context].has(type)) return `Invalid query method: ${query.method}`;
    const message = checkOne(query, type, attributes, context);
    if (message !== null) return `Invalid query: ${message}`;
  }
  return context === 'get' || context === 'metadata' ? null : checkSearch(queries.filter(isFilter), table);
}

/**
 * Validates parsed queries against a table as Appwrite 1.9 does before running them (utopia-php/database
 * `Validator/Queries/Documents.php` for lists and bulk mutations, `Queries/Document.php` for getRow),
 * with Appwrite's messages.
 *
 * @throws ApiError `general_query_invalid` (400) with the first problem found.
 * @example
 * ```ts
 * validateQueries(parseQueries(raw), table, { context: 'list' });
 * // throws ApiError('general_query_invalid', 'Invalid query: Attribute not found in schema: nope', 400)
 * ```
 */
export function validateQueries(queries: readonly ParsedQuery[], table: StoredTable,
  options: { readonly context: QueryContext }): void {
  if (options.context === 'list') {
    // listRows checks the first cursor before anything else, and without the "Invalid query: " prefix.
    const cursor = queries.find((query) => methodType(query) === 'cursor');
    const message = cursor === undefined ? null : checkCursor(cursor);
    if (message !== null) throw queryInvalid(message);
  }
  const message = checkAll(queries, table, attributesFor(table, options.context), options.context);
  if (message !== null) throw queryInvalid(message);
}

/**
 * The metadata lists' validator (Appwrite's `Queries/Base.php`) describes each field by key, type and array
 * only: utopia's Filter then takes its integers (`$sequence` too) as 32-bit and its default date range.
 */
function attributesFor(table: StoredTable, context: QueryContext): Attributes {
  const attributes = queryAttributes(table);
  if (context !== 'metadata') return attributes;
  return new Map([...attributes].map(([key, attribute]) => {
    const integer = attribute.kind === 'integer' || attribute.kind === 'sequence';
    return [key, { ...attribute, dates: FILTER_DEFAULT_DATES, ...(integer ? { kind: 'integer', bits: 32 } as const : {}) }] as const;
  }));
}
