import { ApiError } from '../../http/api-error.js';
import { rowAlreadyExists } from '../../http/errors.js';
import type { Caller } from '../../auth/auth.js';
import type { StoredRow } from '../model.js';
import { prepareUpdate } from '../row-update.js';
import { commitRows, prepareCreates, resolvePermissions, splitRowData, type RowInput } from '../row-writer.js';
import type { DatabaseState, Store, TableState } from '../store.js';
import { isManyEnd, isStoredEnd, setLinks, visibleEnds, type RelationEnd } from './relation-ends.js';

/** A related row as a write names it: its ID, or a nested row (created, or updated when its `$id` exists). */
type RelationItem = string | Readonly<Record<string, unknown>>;

/** The relationship values one row write sets, to apply once the row is stored. */
interface RelationWrite {
  readonly end: RelationEnd;
  readonly items: readonly RelationItem[];
}

const invalid = (message: string): ApiError => new ApiError('relationship_value_invalid', message, 400);
const SINGLE_MESSAGE = 'Relationship value must be an object, document ID string, or associative array';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function givenKind(value: unknown): string {
  if (typeof value === 'string') return 'document ID';
  return isObject(value) ? 'document' : typeof value;
}

function itemsOf(end: RelationEnd, value: unknown): RelationItem[] {
  if (value === null || value === undefined) return [];
  if (isManyEnd(end)) {
    if (!Array.isArray(value)) {
      throw invalid(`Invalid relationship value. Must be either an array of documents or document IDs, ${givenKind(value)} given.`);
    }
    return value.map((item: unknown) => {
      if (typeof item === 'string' || isObject(item)) return item;
      throw invalid(SINGLE_MESSAGE);
    });
  }
  if (typeof value === 'string' || isObject(value)) return [value];
  throw invalid(SINGLE_MESSAGE);
}

/**
 * Takes the relationship keys out of a row write's values (checked as Appwrite does: one ID or object on
 * single ends, an array on many ends, else 400 `relationship_value_invalid`); returns the other values and
 * the relationship writes to apply after the row is stored.
 */
function takeRelationValues(db: DatabaseState, table: TableState, values: Readonly<Record<string, unknown>>):
  { plain: Record<string, unknown>; writes: RelationWrite[] } {
  const plain = { ...values };
  const writes: RelationWrite[] = [];
  for (const end of visibleEnds(db, table)) {
    if (!(end.key in plain)) continue;
    writes.push({ end, items: itemsOf(end, plain[end.key]) });
    delete plain[end.key];
  }
  return { plain, writes };
}

/** Writes a nested row into `table` (an update when its `$id` exists there) and returns its ID. */
function writeNested(store: Store, caller: Caller, db: DatabaseState, table: TableState, data: Readonly<Record<string, unknown>>): string {
  const input = splitRowData(data, caller);
  const { plain, writes } = takeRelationValues(db, table, input.values);
  const existing = input.id === undefined ? undefined : table.rows.get(input.id);
  const prepared = existing === undefined
    ? prepareCreates(store, table, caller, [{ ...input, values: plain }])
    : [prepareUpdate(store, table, existing, { ...input, values: plain, permissions: resolvePermissions(caller, input.permissions, existing.$permissions) }, () => undefined).row];
  const [row] = commitRows(store, table, prepared, { mustBeNew: existing === undefined });
  const id = row?.$id ?? '';
  applyRelationWrites(store, caller, db, id, writes);
  return id;
}

/**
 * Stores nested rows and links `rowId` to the rows each write names (replacing its previous links). Where
 * the link is not a column of this row (the parent of oneToMany, manyToMany), an ID of a missing row links
 * nothing: utopia-php/database skips it (`relateDocumentsById` returns when the related row is empty,
 * Database.php 5.3.17:6015-6019), so the row does not appear linked once it is created.
 */
function applyRelationWrites(store: Store, caller: Caller, db: DatabaseState, rowId: string, writes: readonly RelationWrite[]): void {
  for (const { end, items } of writes) {
    const virtual = end.side === 'parent' && !isStoredEnd(end);
    const ids = items.map((item) => (typeof item === 'string' ? item : writeNested(store, caller, db, end.related, item)))
      .filter((id) => !virtual || end.related.rows.has(id));
    setLinks(store, end, rowId, ids);
  }
}

/** The ID a relationship item names, when it names an existing-looking row. */
function idOf(item: RelationItem): string | undefined {
  const id = typeof item === 'string' ? item : item.$id;
  return typeof id === 'string' && id !== 'unique()' ? id : undefined;
}

/**
 * Whether a oneToOne write would give a row a partner another row already has: utopia-php/database puts a
 * unique index on each stored side of a oneToOne relationship (`_index_<key>`, Database.php 5.3.17
 * createRelationship), so the insert or update then fails as a duplicate.
 */
function takesTakenPartner(writes: readonly RelationWrite[], rowId: string): boolean {
  return writes.some(({ end, items }) => end.relationType === 'oneToOne' && items.some((item) => {
    const id = idOf(item);
    if (id === undefined) return false;
    const key = end.parentColumn.key;
    if (end.side === 'parent') return [...end.parent.rows.values()].some((row) => row.$id !== rowId && row[key] === id);
    const partner = end.parent.rows.get(id)?.[key];
    return partner !== undefined && partner !== null && partner !== rowId;
  }));
}

/**
 * Runs a single-row write with its relationship values: takes them out of `input`, stores the row with
 * `write`, then writes nested rows and links. Returns the stored row as it is after linking. A oneToOne
 * partner already linked to another row undoes the write and answers 409 `row_already_exists` for the row,
 * as the database transaction Appwrite runs it in does (Documents/Create.php and Update.php map the
 * duplicate to the row's ID).
 */
export function withRelations(store: Store, caller: Caller, table: TableState, input: RowInput, write: (input: RowInput) => StoredRow): StoredRow {
  const db = store.database(table.table.databaseId);
  const { plain, writes } = takeRelationValues(db, table, input.values);
  const before = input.id === undefined ? undefined : table.rows.get(input.id);
  const row = write({ ...input, values: plain });
  if (takesTakenPartner(writes, row.$id)) {
    if (before === undefined) table.rows.delete(row.$id);
    else table.rows.set(row.$id, before);
    store.changed(table);
    throw rowAlreadyExists(row.$id);
  }
  applyRelationWrites(store, caller, db, row.$id, writes);
  return table.rows.get(row.$id) ?? row;
}

/**
 * A write's answer leaves out the oneToMany child columns the write did not set: utopia-php/database loads
 * that column back only from the written document (an update drops unchanged relationship values first).
 */
export function dropUntouchedChildren(store: Store, table: TableState, answer: Record<string, unknown> | undefined, values: Readonly<Record<string, unknown>>): void {
  if (answer === undefined) return;
  const db = store.database(table.table.databaseId);
  for (const end of visibleEnds(db, table)) {
    if (end.relationType === 'oneToMany' && end.side === 'child' && !(end.key in values)) delete answer[end.key];
  }
}
