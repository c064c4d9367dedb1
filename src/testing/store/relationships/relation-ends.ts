import type { OnDelete, RelationType, StoredColumn, StoredRow } from '../model.js';
import type { DatabaseState, Store, TableState } from '../store.js';

/**
 * One end of a relationship seen from a table. The link itself is kept on the parent side's rows, under the
 * parent column's key: an ID (or null) for oneToOne and manyToOne, an ID array for oneToMany and manyToMany.
 * The child side reads it back by scanning the parent table. A one-way relationship has a child end with no
 * visible column (Appwrite keeps that side hidden, but it still counts for restrict and cascade).
 */
export interface RelationEnd {
  /** The table this end belongs to. */
  readonly table: TableState;
  /** The key rows of `table` use for this end. */
  readonly key: string;
  /** The visible column of this end; undefined for the hidden child end of a one-way relationship. */
  readonly column: StoredColumn | undefined;
  readonly side: 'parent' | 'child';
  /** The table on the other end. */
  readonly related: TableState;
  readonly relationType: RelationType;
  readonly onDelete: OnDelete;
  readonly twoWay: boolean;
  /** The table holding the parent column, and that column. */
  readonly parent: TableState;
  readonly parentColumn: StoredColumn;
}

/** True for relationship columns. */
export function isRelationship(column: StoredColumn): boolean {
  return column.type === 'relationship';
}

/** Every available relationship end of `table` (its parent columns and the child ends pointing at it). */
export function relationEnds(db: DatabaseState, table: TableState): RelationEnd[] {
  const ends: RelationEnd[] = [];
  for (const parent of db.tables.values()) {
    for (const column of parent.table.columns) {
      const relation = column.relation;
      if (relation === undefined || relation.side !== 'parent' || column.status !== 'available') continue;
      const related = db.tables.get(relation.relatedTable);
      if (related === undefined) continue;
      const shared = { relationType: relation.relationType, onDelete: relation.schemaOnDelete ?? relation.onDelete, twoWay: relation.twoWay, parent, parentColumn: column };
      if (parent === table) ends.push({ ...shared, table, key: column.key, column, side: 'parent', related });
      if (related === table) {
        const child = relation.twoWay ? table.table.columns.find((item) => item.key === relation.twoWayKey) : undefined;
        ends.push({ ...shared, table, key: relation.twoWayKey, column: child, side: 'child', related: parent });
      }
    }
  }
  return ends;
}

/** Ends a row of `table` shows: parent columns and two-way child columns. */
export function visibleEnds(db: DatabaseState, table: TableState): RelationEnd[] {
  return relationEnds(db, table).filter((end) => end.column !== undefined);
}

/** True when one row of this end links to many rows of the other. */
export function isManyEnd(end: Pick<RelationEnd, 'side' | 'relationType'>): boolean {
  if (end.relationType === 'manyToMany') return true;
  return end.side === 'parent' ? end.relationType === 'oneToMany' : end.relationType === 'manyToOne';
}

/**
 * True when Appwrite keeps this end as a column of the row, so an unloaded row shows the related ID:
 * both sides of oneToOne, the parent of manyToOne and the child of oneToMany. The other ends are virtual.
 */
export function isStoredEnd(end: Pick<RelationEnd, 'side' | 'relationType'>): boolean {
  if (end.relationType === 'oneToOne') return true;
  return end.side === 'parent' ? end.relationType === 'manyToOne' : end.relationType === 'oneToMany';
}

function idsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** IDs of the rows linked to `rowId` through this end. */
export function linkedIds(end: RelationEnd, rowId: string): string[] {
  if (end.side === 'parent') return idsIn(end.table.rows.get(rowId)?.[end.key]);
  const key = end.parentColumn.key;
  const ids: string[] = [];
  for (const row of end.parent.rows.values()) if (idsIn(row[key]).includes(rowId)) ids.push(row.$id);
  return ids;
}

function withValue(row: StoredRow, key: string, ids: readonly string[], many: boolean): StoredRow {
  return { ...row, [key]: many ? [...ids] : ids[0] ?? null };
}

/** Replaces the parent-side value of one parent row. */
function setParentValue(parent: TableState, key: string, rowId: string, ids: readonly string[], many: boolean): void {
  const row = parent.rows.get(rowId);
  if (row !== undefined) parent.rows.set(rowId, withValue(row, key, ids, many));
}

/** Links `rowId` (a row of `end.table`) to exactly `ids` through this end, unlinking what it replaces. */
export function setLinks(store: Store, end: RelationEnd, rowId: string, ids: readonly string[]): void {
  const key = end.parentColumn.key;
  const parentMany = isManyEnd({ side: 'parent', relationType: end.relationType });
  const exclusive = end.relationType === 'oneToMany' || end.relationType === 'oneToOne';
  if (end.side === 'parent') {
    if (exclusive) {
      for (const row of end.parent.rows.values()) {
        if (row.$id === rowId) continue;
        const current = idsIn(row[key]);
        const kept = current.filter((id) => !ids.includes(id));
        if (kept.length !== current.length) setParentValue(end.parent, key, row.$id, kept, parentMany);
      }
    }
    setParentValue(end.parent, key, rowId, ids, parentMany);
  } else {
    for (const row of [...end.parent.rows.values()]) {
      const current = idsIn(row[key]);
      const has = current.includes(rowId);
      const wanted = ids.includes(row.$id);
      if (has && !wanted) setParentValue(end.parent, key, row.$id, current.filter((id) => id !== rowId), parentMany);
      if (!has && wanted) setParentValue(end.parent, key, row.$id, parentMany ? [...current, rowId] : [rowId], parentMany);
    }
  }
  store.changed(end.parent);
}

/** Removes every link to a deleted row of `table` that other rows keep. */
export function unlinkRow(store: Store, db: DatabaseState, table: TableState, rowId: string): void {
  for (const end of relationEnds(db, table)) {
    if (end.side === 'child') setLinks(store, end, rowId, []);
  }
}
