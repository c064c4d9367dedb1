/** Lifecycle status of a column or an index, as Appwrite reports it. */
type ResourceStatus = 'available' | 'processing' | 'deleting' | 'stuck' | 'failed';

/**
 * The `type` a column reports on the wire: float columns report `double`; email, url, ip and enum columns
 * report `string` and are told apart by `format`.
 */
export type ColumnType =
  | 'string'
  | 'varchar'
  | 'text'
  | 'mediumtext'
  | 'longtext'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'boolean'
  | 'datetime'
  | 'relationship';

/** The `format` a column reports on the wire (datetime columns report `format: 'datetime'`). */
export type ColumnFormat = 'email' | 'url' | 'ip' | 'enum' | 'datetime';

/**
 * A column as the emulator stores it. `min`/`max` are undefined when unset (the wire shows the type's bounds);
 * a bigint column keeps them exact (a BigInt beyond ±2^53), as it keeps its default.
 */
export interface StoredColumn {
  key: string;
  type: ColumnType;
  format?: ColumnFormat;
  status: ResourceStatus;
  error: string;
  required: boolean;
  array: boolean;
  /** Maximum length, for `string` and `varchar` columns. */
  size?: number;
  min?: number | bigint;
  max?: number | bigint;
  /**
   * Bytes of an integer column (4: 32-bit INT, 8: BIGINT), chosen once at creation: `size: 8` inline, or a
   * `max` above 2,147,483,647 on the endpoint. Absent on columns saved before it was recorded (derived from `max`).
   */
  width?: 4 | 8;
  /** An inline integer, bigint or double created without `min`/`max`: no range format, so it reports `min`/`max` null. */
  unranged?: boolean;
  default: unknown;
  /**
   * The default new rows receive when it differs from `default`: an update that sends `default: null` clears
   * the reported default but utopia's schema keeps the previous one (`Database::updateAttribute`).
   */
  schemaDefault?: unknown;
  /** Allowed values of an enum column. */
  elements?: string[];
  encrypt?: boolean;
  /** The relationship a `relationship` column is one side of. */
  relation?: StoredRelation;
  $createdAt: string;
  $updatedAt: string;
}

/** Relation types of a relationship column. */
export type RelationType = 'oneToOne' | 'oneToMany' | 'manyToOne' | 'manyToMany';

/** What deleting a row does to the rows it is related to. */
export type OnDelete = 'cascade' | 'restrict' | 'setNull';

/**
 * One side of a relationship as the column model reports it. `relationType` and `onDelete` are the same on
 * both sides; the parent side is the column that was created, the child side its `twoWayKey` partner.
 */
interface StoredRelation {
  relatedTable: string;
  relationType: RelationType;
  twoWay: boolean;
  twoWayKey: string;
  onDelete: OnDelete;
  /**
   * The action utopia's schema enforces when it differs from the reported `onDelete`: an update that leaves
   * `onDelete` out reports `restrict` but keeps the previous action (`Database::updateRelationship`).
   */
  schemaOnDelete?: OnDelete;
  side: 'parent' | 'child';
}

/** Index kinds the emulator supports. */
export type IndexType = 'key' | 'unique' | 'fulltext';

/** An index as the emulator stores it. */
export interface StoredIndex {
  /** Appwrite's internal id, `<databaseSequence>_<tableSequence>_<key>`. */
  $id?: string;
  key: string;
  type: IndexType;
  status: ResourceStatus;
  error: string;
  columns: string[];
  orders: string[];
  lengths: number[];
  /**
   * The lengths utopia's schema keeps when a column deletion shrank `lengths`: utopia removes the column
   * from the index but keeps every length, which later makes any rename or resize in the table fail.
   */
  schemaLengths?: number[];
  /** A unique index that MariaDB refused to build over duplicates (utopia ignored it): reported, not enforced. */
  unbuilt?: boolean;
  $createdAt: string;
  $updatedAt: string;
}

/** A table's metadata (its rows are kept beside it by the store). */
export interface StoredTable {
  $id: string;
  databaseId: string;
  name: string;
  enabled: boolean;
  rowSecurity: boolean;
  $permissions: string[];
  $createdAt: string;
  $updatedAt: string;
  columns: StoredColumn[];
  indexes: StoredIndex[];
}

/** A database's metadata. */
export interface StoredDatabase {
  $id: string;
  name: string;
  enabled: boolean;
  $createdAt: string;
  $updatedAt: string;
}

/** System fields every stored row carries. `$sequence` is a number here and a string on the wire. */
interface RowSystemFields {
  $id: string;
  $sequence: number;
  $createdAt: string;
  $updatedAt: string;
  $permissions: string[];
}

/**
 * A row as the emulator stores it: system fields plus one key per column (datetimes as ISO strings,
 * unset values as null, arrays as arrays). `$tableId`/`$databaseId` are added when answering.
 */
export type StoredRow = RowSystemFields & Record<string, unknown>;
