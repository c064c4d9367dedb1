import { badRequest } from '../../http/errors.js';
import type { StoredRow } from '../model.js';
import type { ParsedQuery } from '../query/index.js';
import type { DatabaseState, Store, TableState } from '../store.js';
import { isManyEnd, isRelationship, isStoredEnd, linkedIds, visibleEnds, type RelationEnd } from './relation-ends.js';

/** `Database::RELATION_MAX_DEPTH`: rows three levels down are not loaded. */
const RELATION_MAX_DEPTH = 3;

/** What a `select` asks of one level: every column (`*`) or some, and the relationships to load. */
export interface SelectPlan {
  readonly all: boolean;
  readonly columns: ReadonlySet<string>;
  readonly relations: ReadonlyMap<string, SelectPlan>;
}

/** Write answers load every relationship (down to the depth limit); reads load what `select` names. */
export type LoadPlan = SelectPlan | 'full';

function planOf(paths: readonly string[]): SelectPlan {
  const columns = new Set<string>();
  const nested = new Map<string, string[]>();
  for (const path of paths) {
    const dot = path.indexOf('.');
    if (dot < 0) columns.add(path);
    else nested.set(path.slice(0, dot), [...(nested.get(path.slice(0, dot)) ?? []), path.slice(dot + 1)]);
  }
  const relations = new Map([...nested].map(([key, rest]) => [key, planOf(rest)] as const));
  return { all: columns.has('*') || (columns.size === 0 && relations.size === 0), columns, relations };
}

/**
 * The plan of a read's `select` queries: `['*', 'author.*']` loads `author` with all its columns;
 * `['name', 'books.title']` keeps `name` and loads `books` with `title` only; no select (or `*` alone)
 * loads nothing, and stored relationship columns show the related ID.
 */
export function selectPlan(queries: readonly ParsedQuery[]): SelectPlan {
  return planOf(queries.filter((query) => query.method === 'select').flatMap((query) => query.values.map(String)));
}

function systemFields(row: StoredRow, table: TableState): Record<string, unknown> {
  return {
    $id: row.$id, $sequence: String(row.$sequence), $createdAt: row.$createdAt, $updatedAt: row.$updatedAt,
    $permissions: row.$permissions, $databaseId: table.table.databaseId, $tableId: table.table.$id,
  };
}

/** A row of a table with relationships as Appwrite answers it, loading related rows as `plan` says. */
export function wireRelatedRow(store: Store, db: DatabaseState, table: TableState, row: StoredRow, plan: LoadPlan,
  depth = 0, via?: RelationEnd): Record<string, unknown> {
  const out = systemFields(row, table);
  const ends = new Map(visibleEnds(db, table).map((end) => [end.key, end] as const));
  const wanted = (key: string): boolean => plan === 'full' || plan.all || plan.columns.has(key);
  for (const column of store.availableColumns(table)) {
    const end = isRelationship(column) ? ends.get(column.key) : undefined;
    if (end === undefined) {
      if (!isRelationship(column) && wanted(column.key)) out[column.key] = row[column.key] ?? (column.array ? [] : null);
      continue;
    }
    if (via !== undefined && end.parentColumn === via.parentColumn) continue;
    const sub = plan === 'full' ? 'full' : plan.relations.get(column.key);
    const ids = linkedIds(end, row.$id);
    if (sub === undefined) {
      if (wanted(column.key) && isStoredEnd(end)) out[column.key] = ids[0] ?? null;
      continue;
    }
    if (depth + 1 >= RELATION_MAX_DEPTH) continue;
    const load = (id: string): Record<string, unknown> | undefined => {
      const related = end.related.rows.get(id);
      return related === undefined ? undefined : wireRelatedRow(store, db, end.related, related, sub, depth + 1, end);
    };
    if (isManyEnd(end)) {
      out[column.key] = ids.map(load).filter((item) => item !== undefined);
    } else {
      const id = ids[0];
      // A link to a missing row loads as an empty row, as Appwrite answers it.
      out[column.key] = id === undefined ? null : load(id) ?? { $databaseId: db.database.$id, $tableId: end.related.table.$id, $sequence: '' };
    }
  }
  return out;
}

/** True when rows of `table` show relationship columns. */
export function hasVisibleRelations(db: DatabaseState, table: TableState): boolean {
  return visibleEnds(db, table).length > 0;
}

/**
 * Appwrite refuses the bulk routes on tables that show relationship columns (400 `general_bad_request`);
 * `create` words it with "columns", the others with "attributes".
 */
export function assertNoBulkRelations(store: Store, table: TableState, action: 'create' | 'update' | 'upsert' | 'delete'): void {
  if (!hasVisibleRelations(store.database(table.table.databaseId), table)) return;
  const noun = action === 'create' ? 'columns' : 'attributes';
  throw badRequest(`Bulk ${action} is not supported for tablesDB with relationship ${noun}`);
}
