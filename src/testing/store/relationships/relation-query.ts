import type { StoredRow } from '../model.js';
import { childQueries, type ParsedQuery } from '../query/query-types.js';
import type { DatabaseState, TableState } from '../store.js';
import { linkedIds, visibleEnds } from './relation-ends.js';

function filterAttributes(queries: readonly ParsedQuery[], into: Set<string>): Set<string> {
  for (const query of queries) {
    if (query.attribute !== '') into.add(query.attribute);
    filterAttributes(childQueries(query), into);
  }
  return into;
}

/**
 * Rows ready for the query engine: filters on a stored relationship column compare the related ID, and a
 * dotted path (`publisher.name`) compares that column of the related row. Other rows pass unchanged.
 */
export function queryableRows(db: DatabaseState, table: TableState, rows: readonly StoredRow[], queries: readonly ParsedQuery[]): readonly StoredRow[] {
  const ends = new Map(visibleEnds(db, table).map((end) => [end.key, end] as const));
  const paths = [...filterAttributes(queries, new Set())].filter((path) => ends.has(path.split('.')[0] ?? path));
  if (paths.length === 0) return rows;
  return rows.map((row) => {
    const copy: StoredRow = { ...row };
    for (const path of paths) {
      const [key = '', ...rest] = path.split('.');
      const end = ends.get(key);
      const id = end === undefined ? undefined : linkedIds(end, row.$id)[0];
      if (rest.length === 0) copy[path] = id ?? null;
      else copy[path] = (id === undefined ? undefined : end?.related.rows.get(id)?.[rest.join('.')]) ?? null;
    }
    return copy;
  });
}
