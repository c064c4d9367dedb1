import type { StoredColumn, StoredRow, StoredTable } from '../../store/model.js';
import { custom, type ParamRule } from '../param-rules.js';
import { Params } from '../params.js';
import { ApiError } from '../api-error.js';
import { paramInvalid } from '../errors.js';
import { checkQueriesParam, parseQueries, runListQuery, validateQueries, type ParsedQuery } from '../../store/query/index.js';

/** The `queries` param as the query engine takes it (a lone string counts as one query). */
export function rawQueries(params: Params): unknown[] {
  const raw = params.raw.queries;
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}

export function parsedQueries(params: Params): ParsedQuery[] {
  return parseQueries(rawQueries(params));
}

/**
 * listRows' `ttl` param (`Range(0, 86400)`, Rows/XList.php:75), checked with the other params before the
 * queries are parsed. A valid one changes nothing here: the local server keeps no list cache.
 */
export function checkTtl(params: Params): void {
  const raw = params.raw.ttl;
  if (raw === undefined || raw === null) return;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 86_400) {
    throw new ApiError('general_argument_invalid', 'Invalid `ttl` param: Value must be a valid range between 0 and 86,400', 400);
  }
}

/** `total=false` asks Appwrite to skip counting: the list then reports 0. */
export function wantsTotal(params: Params): boolean {
  return params.boolean('total') ?? true;
}

/** How a metadata field is filtered: a string, integer, boolean or datetime, or a list of strings. */
export type FieldKind = 'string' | 'integer' | 'boolean' | 'datetime' | 'string[]';

function pseudoColumn(key: string, kind: FieldKind): StoredColumn {
  const type = kind === 'string[]' ? 'string' : kind;
  return {
    key, type, status: 'available', error: '', required: false, array: kind === 'string[]', default: null,
    ...(type === 'string' ? { size: 16_384 } : {}), $createdAt: '', $updatedAt: '',
  };
}

/** Runs `check`, turning a query error into the `queries` param's error (`Invalid \`queries\` param: ...`). */
function asParamError<T>(check: () => T, prefix: string): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ApiError) || error.type !== 'general_query_invalid') throw error;
    throw new ApiError('general_argument_invalid', `Invalid \`queries\` param: ${prefix}${error.message}`, 400);
  }
}

/**
 * The metadata list routes validate `queries` as a param (Appwrite's `Validator/Queries/Base.php`): each
 * query in turn is parsed, then checked for its method (no select) and attributes (the route's filterable
 * fields plus `$id`, `$createdAt`, `$updatedAt`, `$sequence`); a failure is a 400 `general_argument_invalid`.
 */
function metadataQueries(params: Params, table: StoredTable): ParsedQuery[] {
  const raw = rawQueries(params);
  checkQueriesParam(raw);
  return raw.map((text) => {
    // A parse failure is wrapped once more by the validator: "Invalid query: Invalid query: Syntax error".
    const parsed = asParamError(() => parseQueries([text]), 'Invalid query: ');
    asParamError(() => validateQueries(parsed, table, { context: 'metadata' }), '');
    return parsed[0] as ParsedQuery;
  });
}

/** The pseudo-table of a metadata listing: one column per filterable field. */
function metadataTable(fields: Readonly<Record<string, FieldKind>>): StoredTable {
  return {
    $id: 'metadata', databaseId: 'metadata', name: 'metadata', enabled: true, rowSecurity: false,
    $permissions: [], $createdAt: '', $updatedAt: '', indexes: [],
    columns: Object.entries(fields).map(([key, kind]) => pseudoColumn(key, kind)),
  };
}

/**
 * The `queries` param of a metadata list route (`Validator/Queries/Databases.php`, `Tables`, `Columns`,
 * `Indexes`, `Transactions`), checked with the route's other params before any lookup.
 */
export function metadataQueriesParam(fields: Readonly<Record<string, FieldKind>>): ParamRule {
  const table = metadataTable(fields);
  return custom('queries', true, (value) => {
    // utopia-php/database `Validator/Queries::isValid`: anything but a PHP array fails first.
    if (typeof value !== 'object' || value === null) throw paramInvalid('queries', 'Queries must be an array');
    metadataQueries(new Params({ queries: value }), table);
  });
}

/** What a metadata list route lists and how its items are named, filtered and searched. */
export interface MetadataListing<T> {
  /**
   * The filterable fields: those of the route's allow-list that its metadata collection really holds
   * (`listTables` allows `rowSecurity`, but the collection calls it `documentSecurity`, so it is unknown).
   */
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** Names the item in the cursor-not-found message: `Table 'x' for the 'cursor' value not found.` */
  readonly noun: string;
  readonly id: (item: T) => string;
  readonly search: (item: T) => string;
  /** The value of a field, when it is not the item's property of the same name. */
  readonly field?: (item: T, key: string) => unknown;
}

/**
 * Lists metadata (databases, tables, columns, indexes, transactions) with the same query engine as rows:
 * each item becomes a pseudo-row of its filterable fields, so `queries`, `search` and `total` behave as on
 * Appwrite's list routes.
 *
 * @example
 * ```ts
 * const { total, items } = listMetadata(tables, { fields: { name: 'string' }, noun: 'Table',
 *   id: (table) => table.$id, search: (table) => table.name }, params);
 * ```
 */
export function listMetadata<T extends object>(items: readonly T[], listing: MetadataListing<T>, params: Params,
): { total: number; items: T[] } {
  const table = metadataTable(listing.fields);
  const queries = metadataQueries(params, table);
  const search = params.string('search', { max: 256 })?.trim().toLowerCase() ?? '';
  const origin = new Map<StoredRow, T>();
  const rows = items
    .filter((item) => search === '' || search.split(/\s+/).some((term) => listing.search(item).toLowerCase().includes(term)))
    .map((item, index) => {
      const fieldsOf = item as Record<string, unknown>;
      const row: StoredRow = {
        $id: listing.id(item), $sequence: index + 1, $permissions: [],
        $createdAt: typeof fieldsOf.$createdAt === 'string' ? fieldsOf.$createdAt : '',
        $updatedAt: typeof fieldsOf.$updatedAt === 'string' ? fieldsOf.$updatedAt : '',
      };
      for (const key of Object.keys(listing.fields)) row[key] = (listing.field?.(item, key) ?? fieldsOf[key]) ?? null;
      origin.set(row, item);
      return row;
    });
  const byId = new Map(rows.map((row) => [row.$id, row] as const));
  const result = runListQuery(rows, queries, table, { findRow: (id) => byId.get(id), noun: listing.noun });
  return {
    total: wantsTotal(params) ? result.total : 0,
    items: result.rows.map((row) => origin.get(row)).filter((item): item is T => item !== undefined),
  };
}
