import { ApiError } from '../../http/api-error.js';
import { removeRows } from '../row-writer.js';
import type { DatabaseState, Store, TableState } from '../store.js';
import { linkedIds, relationEnds, unlinkRow, type RelationEnd } from './relation-ends.js';

const restricted = (): ApiError =>
  new ApiError('row_delete_restricted', 'Row cannot be deleted because it is referenced by another row.', 403);

/** Restrict refuses a row that links through a parent end (but manyToOne), or that a manyToOne parent references. */
function restricts(end: RelationEnd): boolean {
  if (end.side === 'parent') return end.relationType !== 'manyToOne';
  return end.relationType === 'manyToOne';
}

/** Cascade deletes what the parent side links (oneToOne: either side of a two-way one; manyToOne: the referencing rows). */
function cascades(end: RelationEnd): boolean {
  switch (end.relationType) {
    case 'oneToOne': return end.side === 'parent' || end.twoWay;
    case 'manyToOne': return end.side === 'child';
    default: return end.side === 'parent';
  }
}

/**
 * Deletes a row as utopia-php/database does with its relationships (Database::deleteDocument): every row
 * reached by `cascade` goes too, `restrict` refuses the whole delete (403 `row_delete_restricted`) before
 * anything changes, and every link to a deleted row is removed (`setNull` leaves the other rows in place).
 */
export function deleteWithRelations(store: Store, db: DatabaseState, table: TableState, rowId: string): void {
  const doomed = new Map<TableState, Set<string>>();
  const isDoomed = (state: TableState, id: string): boolean => doomed.get(state)?.has(id) === true;
  const visit = (state: TableState, id: string): void => {
    if (isDoomed(state, id)) return;
    doomed.set(state, (doomed.get(state) ?? new Set()).add(id));
    for (const end of relationEnds(db, state)) {
      const ids = linkedIds(end, id).filter((other) => end.related.rows.has(other) && !isDoomed(end.related, other));
      if (ids.length === 0) continue;
      if (end.onDelete === 'restrict' && restricts(end)) throw restricted();
      if (end.onDelete === 'cascade' && cascades(end)) for (const other of ids) visit(end.related, other);
    }
  };
  visit(table, rowId);
  for (const [state, ids] of doomed) {
    removeRows(store, state, [...ids]);
    for (const id of ids) unlinkRow(store, db, state, id);
  }
}
