import type { StoredColumn, StoredRow, StoredTable } from '../../store/model.js';
import type { Params } from '../params.js';
import { parseQueries, runListQuery, validateQueries, type ParsedQuery } from '../../store/query/index.js';

/** The `queries` param as the query engine takes it (a lone string counts as one query). */
export function rawQueries(params: Params): unknown[] {
  const raw = params.raw.queries;
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}

export function parsedQueries(params: Params): ParsedQuery[] {
  return parseQueries(rawQueries(params));
}

/** `total=false` asks Appwrite to skip counting: the list then reports 0. */
export function wantsTotal(params: Params): boolean {
  return params.boolean('total') ?? true;
}

type FieldKind = 'string' | 'integer' | 'boolean';

function pseudoColumn(key: string, kind: FieldKind): StoredColumn {
  const type = kind === 'string' ? 'string' : kind;
  return {
    key, type, status: 'available', error: '', required: false, array: false, default: null,
    ...(kind === 'string' ? { size: 16_384 } : {}), $createdAt: '', $updatedAt: '',
  };
}

/**
 * Lists metadata (databases, tables, columns, indexes) with the same query engine as rows: each item becomes
 * a pseudo-row of its filterable fields, so `queries`, `search` and `total` behave as on Appwrite's list routes.
 */
export function listMetadata<T extends object>(
  items: readonly T[],
  fields: Readonly<Record<string, FieldKind>>,
  params: Params,
  describe: { readonly id: (item: T) => string; readonly search: (item: T) => string },
): { total: number; items: T[] } {
  const table: StoredTable = {
    $id: 'metadata', databaseId: 'metadata', name: 'metadata', enabled: true, rowSecurity: false,
    $permissions: [], $createdAt: '', $updatedAt: '', indexes: [],
    columns: Object.entries(fields).map(([key, kind]) => pseudoColumn(key, kind)),
  };
  const search = params.string('search', { max: 256 })?.trim().toLowerCase() ?? '';
  const origin = new Map<StoredRow, T>();
  const rows = items
    .filter((item) => search === '' || search.split(/\s+/).some((term) => describe.search(item).toLowerCase().includes(term)))
    .map((item, index) => {
      const fieldsOf = item as Record<string, unknown>;
      const row: StoredRow = {
        $id: describe.id(item), $sequence: index + 1, $permissions: [],
        $createdAt: typeof fieldsOf.$createdAt === 'string' ? fieldsOf.$createdAt : '',
        $updatedAt: typeof fieldsOf.$updatedAt === 'string' ? fieldsOf.$updatedAt : '',
      };
      for (const key of Object.keys(fields)) row[key] = fieldsOf[key] ?? null;
      origin.set(row, item);
      return row;
    });
  const queries = parsedQueries(params);
  validateQueries(queries, table, { context: 'list' });
  const byId = new Map(rows.map((row) => [row.$id, row] as const));
  const result = runListQuery(rows, queries, table, { findRow: (id) => byId.get(id) });
  return {
    total: wantsTotal(params) ? result.total : 0,
    items: result.rows.map((row) => origin.get(row)).filter((item): item is T => item !== undefined),
  };
}
