import { isoNow } from '../../control/clock.js';
import { columnAlreadyExists, columnNotAvailable, columnTypeInvalid, paramInvalid, paramMissing, serverError } from '../../http/errors.js';
import { isValidKey, KEY_DESCRIPTION, UID_DESCRIPTION } from '../ids.js';
import type { OnDelete, RelationType, StoredColumn } from '../model.js';
import type { Params } from '../../http/params.js';
import type { SchemaJobs } from '../schema-jobs.js';
import type { DatabaseState, Store, TableState } from '../store.js';
import { relationEnds } from './relation-ends.js';

const TYPES: readonly RelationType[] = ['oneToOne', 'manyToOne', 'manyToMany', 'oneToMany'];
const ON_DELETE: readonly OnDelete[] = ['cascade', 'restrict', 'setNull'];

function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[], fallback?: T): T {
  const value = params.has(name) ? params.requiredString(name) : fallback;
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    throw paramInvalid(name, `Value must be one of (${allowed.join(', ')})`);
  }
  return value as T;
}

function keyParam(params: Params, name: string, fallback: string): string {
  // `key` and `twoWayKey` are `Nullable(Key)` params (Columns/Relationship/Create.php:61-62).
  if (!params.has(name)) return fallback;
  const value = params.raw[name];
  if (!isValidKey(value)) throw paramInvalid(name, `${KEY_DESCRIPTION} or null`);
  return value;
}

/** Keys a table already uses: its columns and the hidden child keys of one-way relationships to it. */
function takenKeys(db: DatabaseState, table: TableState): Set<string> {
  const keys = new Set(table.table.columns.map((column) => column.key));
  for (const end of relationEnds(db, table)) keys.add(end.key);
  return keys;
}

function relationColumn(key: string, base: Omit<StoredColumn, 'key' | 'relation'>, relation: StoredColumn['relation']): StoredColumn {
  return { ...base, key, relation };
}

/**
 * createRelationshipColumn (Attributes/Relationship/Create.php): checks the params, the related table (404),
 * duplicate keys on both tables and a second manyToMany between the same pair (409 `column_already_exists`,
 * in 1.9.0's wording), then adds the parent column and, when two-way, the child column on the related table.
 * Both are `processing` until the schema worker makes them `available`. A relationship of a table to itself
 * fails there, as Appwrite 1.9.0's index step does.
 */
export function createRelationshipColumn(store: Store, jobs: SchemaJobs, db: DatabaseState, table: TableState, params: Params): StoredColumn {
  // `relatedTableId` is a `UID` param (Columns/Relationship/Create.php:58).
  const relatedId = params.string('relatedTableId');
  if (relatedId === undefined) throw paramMissing('relatedTableId');
  if (!isValidKey(relatedId)) throw paramInvalid('relatedTableId', UID_DESCRIPTION);
  const relationType = oneOf(params, 'type', TYPES);
  const twoWay = params.boolean('twoWay') ?? false;
  const key = keyParam(params, 'key', relatedId);
  const twoWayKey = keyParam(params, 'twoWayKey', table.table.$id);
  const onDelete = oneOf(params, 'onDelete', ON_DELETE, 'restrict');
  const related = store.table(db.database.$id, relatedId);
  if (takenKeys(db, table).has(key)) throw columnAlreadyExists(key);
  if (relationType === 'manyToMany') {
    const pair = relationEnds(db, table).some((end) => end.relationType === 'manyToMany' && end.related === related);
    if (pair) throw columnAlreadyExists(key);
  }
  if (takenKeys(db, related).has(twoWayKey)) throw columnAlreadyExists(twoWayKey);
  const now = isoNow();
  const base = { type: 'relationship' as const, status: 'processing' as const, error: '', required: false, array: false, default: null, $createdAt: now, $updatedAt: now };
  const parent = relationColumn(key, base, { relatedTable: relatedId, relationType, twoWay, twoWayKey, onDelete, side: 'parent' });
  table.table.columns.push(parent);
  if (related === table) jobs.failNextColumn(table.table.$id, key, `Failed to create relationship indexes: Invalid index attribute "${key}" not found`);
  jobs.columnCreated(table, parent);
  if (twoWay) {
    const child = relationColumn(twoWayKey, base, { relatedTable: table.table.$id, relationType, twoWay, twoWayKey: key, onDelete, side: 'child' });
    related.table.columns.push(child);
    jobs.columnCreated(related, child);
  }
  store.changed(table);
  store.changed(related);
  return parent;
}

/** The other side's column of a two-way relationship column, if any. */
export function partnerOf(db: DatabaseState, column: StoredColumn): { table: TableState; column: StoredColumn } | undefined {
  const relation = column.relation;
  if (relation === undefined || !relation.twoWay) return undefined;
  const table = db.tables.get(relation.relatedTable);
  const partner = table?.table.columns.find((item) => item.key === relation.twoWayKey && item.relation !== undefined);
  return table === undefined || partner === undefined ? undefined : { table, column: partner };
}

function renameValues(table: TableState, from: string, to: string): void {
  for (const [id, row] of table.rows) {
    if (!(from in row)) continue;
    const { [from]: value, ...rest } = row;
    table.rows.set(id, { ...rest, [to]: value } as typeof row);
  }
}

/**
 * updateRelationshipColumn (Attributes/Action.php updateAttribute, then utopia's updateRelationship):
 * - `newKey` renames this side, whichever side it is: a key the table already uses (a column, a hidden
 *   one-way key, or this column's own key) makes utopia throw a Duplicate exception Appwrite does not catch,
 *   so the answer is a bare 500. The partner's `twoWayKey` follows; the links are kept (here they live on the
 *   parent side's rows, under the parent key).
 * - `onDelete` applies to both sides. Left out, Appwrite stores null in both columns' documents, which the
 *   model reports as `restrict`, while utopia keeps enforcing the previous action (`schemaOnDelete`).
 * The answer to a rename keeps the column's previous `$updatedAt` (Appwrite answers the document it read).
 */
export function updateRelationshipColumn(store: Store, db: DatabaseState, table: TableState, column: StoredColumn, params: Params): StoredColumn {
  const onDelete = params.has('onDelete') ? oneOf(params, 'onDelete', ON_DELETE) : undefined;
  const newKey = params.string('newKey');
  // `newKey`'s form is checked with the route's other params, before the column is looked up (columns.ts).
  if (column.status !== 'available') throw columnNotAvailable(column.key);
  const relation = column.relation;
  if (relation === undefined) throw columnTypeInvalid(`The column '${column.key}' type is invalid.`);
  if (newKey !== undefined && takenKeys(db, table).has(newKey)) throw serverError();
  const partner = partnerOf(db, column);
  const now = isoNow();
  const previous = column.$updatedAt;
  const enforced = onDelete ?? relation.schemaOnDelete ?? relation.onDelete;
  for (const side of [relation, partner?.column.relation]) {
    if (side === undefined) continue;
    side.onDelete = onDelete ?? 'restrict';
    if (enforced === side.onDelete) delete side.schemaOnDelete;
    else side.schemaOnDelete = enforced;
  }
  if (newKey !== undefined) {
    if (relation.side === 'parent') renameValues(table, column.key, newKey);
    if (partner?.column.relation !== undefined) partner.column.relation.twoWayKey = newKey;
    column.key = newKey;
  }
  if (partner !== undefined) partner.column.$updatedAt = now;
  column.$updatedAt = now;
  store.changed(table);
  if (partner !== undefined) store.changed(partner.table);
  return { ...column, relation: { ...relation }, $updatedAt: newKey === undefined ? now : previous };
}
