import type { FieldType, OnDeleteAction, RelationType } from './field-definition.js';

/**
 * The relationship a `relationship` column is one side of, with table ids. `side` is `child` for the
 * partner column Appwrite adds to the related table of a two-way relationship (managed through its parent).
 */
export interface ColumnRelation {
  readonly relatedTable: string;
  readonly relationType: RelationType;
  readonly twoWay: boolean;
  readonly twoWayKey: string;
  readonly onDelete: OnDeleteAction;
  readonly side: 'parent' | 'child';
}

/**
 * What a column is, in the one normalised form the planner compares: float columns are `float` whatever
 * the server reports (`double`), email/url/ip/enum are told apart by kind rather than by `format`, and
 * `min`/`max` are `undefined` when unset (not the type's bounds); a bigint column's bounds and default are
 * always `bigint`s. Columns of a type the ORM does not declare (point, line, polygon) have kind `other`.
 */
export interface ColumnSpec {
  readonly key: string;
  readonly kind: FieldType | 'other';
  /** The type Appwrite reports, kept for messages about `other` columns. */
  readonly rawType?: string;
  readonly required: boolean;
  readonly array: boolean;
  readonly default: string | number | bigint | boolean | null;
  /** Maximum length; string and varchar columns only. */
  readonly size?: number;
  /** Values stored encrypted; text columns only (string, varchar, text, mediumtext, longtext). */
  readonly encrypt?: boolean;
  readonly min?: number | bigint;
  readonly max?: number | bigint;
  /** Allowed values; enum columns only. */
  readonly elements?: readonly string[];
  /** Relationship columns only. */
  readonly relation?: ColumnRelation;
  /** The key the declaration says this column had before (declared columns only): a live column under it is renamed. */
  readonly renamedFrom?: string;
  /**
   * The `twoWayKey` a declared two-way relationship had before: the related table's side, found under it,
   * is renamed to `relation.twoWayKey` (declared relationship columns only).
   */
  readonly twoWayKeyRenamedFrom?: string;
}

/** An index in normalised form: one lower-case order per column. */
export interface IndexSpec {
  readonly key: string;
  readonly type: string;
  readonly columns: readonly string[];
  readonly orders: readonly ('asc' | 'desc')[];
  /** Characters kept per attribute (`null`: all); sent at creation only, not compared. */
  readonly lengths?: readonly (number | null)[];
}

/**
 * A table as declared. `permissions` and `rowSecurity` are `undefined` when the declaration leaves them out:
 * they are then set at creation only and not compared afterwards.
 */
export interface TableSpec {
  readonly id: string;
  readonly name: string;
  readonly permissions?: readonly string[];
  readonly rowSecurity?: boolean;
  readonly columns: readonly ColumnSpec[];
  readonly indexes: readonly IndexSpec[];
}

/** Lifecycle of a column or index as Appwrite reports it. */
export type ResourceStatus = 'available' | 'processing' | 'deleting' | 'stuck' | 'failed';

/** A column as it exists in Appwrite. */
export interface LiveColumn extends ColumnSpec {
  readonly status: ResourceStatus;
  readonly error: string;
}

/** An index as it exists in Appwrite. */
export interface LiveIndex extends IndexSpec {
  readonly status: ResourceStatus;
  readonly error: string;
}

/** A table as it exists in Appwrite. */
export interface LiveTable {
  readonly id: string;
  readonly name: string;
  readonly permissions: readonly string[];
  readonly rowSecurity: boolean;
  /** False when the table was disabled (in the console): kept by migrations. @default true */
  readonly enabled?: boolean;
  readonly columns: readonly LiveColumn[];
  readonly indexes: readonly LiveIndex[];
}

/** Everything the planner needs to know about the database, read in one request. */
export interface LiveState {
  /** False when Appwrite answered 404 `database_not_found`. */
  readonly databaseExists: boolean;
  readonly tables: readonly LiveTable[];
}
