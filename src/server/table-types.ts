import type { InsertOf, PatchOf, RowOf, UpsertOf } from '../schema/infer.js';
import type { TableDefinition } from '../schema/table-definition.js';

/** The per-call option every request accepts. */
export interface CallOptions {
  /** Longest wait for Appwrite's answer to each attempt, in ms. @default the ORM's `timeoutMs` (20 s) */
  readonly timeoutMs?: number;
}

/** Per-call cache options every read accepts. */
export interface ReadOptions extends CallOptions {
  /** `false` reads from Appwrite without looking in the cache and stores nothing. @default true */
  readonly cache?: boolean;
  /** Lifetime of this result in the cache, in ms. @default the table's `cache.ttl`, else the ORM's `cache.ttl` */
  readonly ttl?: number;
  /**
   * Relationships to load with the rows (`'author'`, nested `'author.company'`, at most two levels): rows then
   * carry the related row (or rows) instead of the ID. The cached result depends on every table it loaded.
   */
  readonly with?: readonly string[];
  /**
   * Cache tags of this result: `db.invalidateTags([...])` with any of them drops it, on every instance and in
   * the shared tier. A tagged read is cached apart from the same read untagged.
   */
  readonly tags?: readonly string[];
}

/** A declared field of the table. */
export type ColumnName<D extends TableDefinition> = keyof D['schema'] & string;

/** What filters and orders may name: declared fields and the system fields Appwrite can query. */
export type QueryableColumn<D extends TableDefinition> = ColumnName<D> | '$id' | '$sequence' | '$createdAt' | '$updatedAt';

type FieldOf<D extends TableDefinition, K> = K extends keyof RowOf<D> ? RowOf<D>[K] : never;
type Element<V> = NonNullable<V> extends readonly (infer E)[] ? E : NonNullable<V>;
type FilterScalarOf<V> = Element<V> | (Element<V> extends string ? Date : never) | (Element<V> extends bigint ? number : never);

/**
 * Plain equality filters on a table: `{ category: 'office', price: [1, 2], deletedAt: null }` means
 * category = 'office' AND price IN (1, 2) AND deletedAt IS NULL.
 */
export type TableFilter<D extends TableDefinition> = {
  readonly [K in QueryableColumn<D>]?: FilterScalarOf<FieldOf<D, K>> | readonly FilterScalarOf<FieldOf<D, K>>[] | null;
};

/**
 * Queries as any read or `*Where` write takes them: node-appwrite `Query` strings, legacy strings
 * (`'equal("active", true)'`), one string or a list, or a {@link TableFilter} object.
 */
export type TableQuery<D extends TableDefinition> = string | readonly string[] | TableFilter<D>;

/** An `orderBy` entry: a column for ascending order, `-column` for descending. */
export type OrderBy<D extends TableDefinition> = QueryableColumn<D> | `-${QueryableColumn<D>}` | `+${QueryableColumn<D>}`;

/** Options of `query()`: order, paging and the columns to return, plus the cache options. */
export interface QueryOptions<D extends TableDefinition, K extends ColumnName<D> = ColumnName<D>> extends ReadOptions {
  readonly orderBy?: OrderBy<D> | readonly OrderBy<D>[];
  /** Rows to return. @default 25 (Appwrite's page size: without it a larger result is cut at 25 rows) */
  readonly limit?: number;
  readonly offset?: number;
  /** Columns to return; rows then carry only these and `$id`. */
  readonly select?: readonly K[];
}

/** Options of `all()`: a filter and the page size used to fetch every matching row. */
export interface AllOptions<D extends TableDefinition> extends ReadOptions {
  /** Filters and orders; no limit, offset or cursor (`all()` pages by itself). */
  readonly where?: TableQuery<D>;
  /** Rows per request. @default 500 */
  readonly pageSize?: number;
}

/** Options of `iterate()`. */
export interface IterateOptions extends ReadOptions {
  /** Rows per request. @default 100 */
  readonly pageSize?: number;
}

/** A row as `query()` returns it when `select` names columns. */
export type SelectedRow<D extends TableDefinition, K extends ColumnName<D>> = Pick<RowOf<D>, Extract<K | '$id', keyof RowOf<D>>>;

/** A numeric (integer or float) field, the columns `increment` and `decrement` accept. */
export type NumericColumn<D extends TableDefinition> = {
  [K in keyof D['schema']]: D['schema'][K] extends { readonly type: 'integer' | 'float' } ? K : never;
}[keyof D['schema']] & string;

/** A bigint field: exact 64-bit integers, read as `bigint`. */
export type BigintColumn<D extends TableDefinition> = {
  [K in keyof D['schema']]: D['schema'][K] extends { readonly type: 'bigint' } ? K : never;
}[keyof D['schema']] & string;

/** Columns `increment()`, `decrement()` and `aggregate()` take: integer, float and bigint fields. */
export type SteppableColumn<D extends TableDefinition> = NumericColumn<D> | BigintColumn<D>;

/** A step or bound of `increment()`/`decrement()` on column `C`: a `bigint` or a safe integer on bigint fields, a number on the others. */
export type StepOf<D extends TableDefinition, C extends string> = D['schema'][C] extends { readonly type: 'bigint' } ? bigint | number : number;

/** Options of `create()`. */
export interface CreateOptions extends CallOptions {
  /** The row id. @default a unique id chosen by Appwrite */
  readonly id?: string;
  /** Row permissions (`Permission.read(Role.user(id))`...). @default none (API key) */
  readonly permissions?: readonly string[];
}

/** Options of `update()` and `upsert()`. */
export interface WriteOptions extends CallOptions {
  /** Replaces the row's permissions. @default unchanged on update, none on a new row */
  readonly permissions?: readonly string[];
}

/** Options of `increment()` (`max`) and `decrement()` (`min`). */
export interface StepOptions extends CallOptions {
  /** `increment` never goes above it (Appwrite refuses the step instead). */
  readonly max?: number | bigint;
  /** `decrement` never goes below it (Appwrite refuses the step instead). */
  readonly min?: number | bigint;
}

/** One row of `bulkCreate`: its data, and optionally its id and permissions. */
export type BulkCreateRow<D extends TableDefinition> = InsertOf<D> & { readonly $id?: string; readonly $permissions?: readonly string[] };

/**
 * One row of `bulkUpsert`: its id, its data and optionally its permissions. `Data` is the row's fields:
 * values or `Operator`s.
 */
export type BulkUpsertRow<D extends TableDefinition, Data = UpsertOf<D>> = Data & { readonly $id: string; readonly $permissions?: readonly string[] };

/** One change of `bulkUpdate`: the row id and the fields to set (values or `Operator`s). */
export interface BulkUpdateItem<D extends TableDefinition, Data = PatchOf<D>> {
  readonly id: string;
  readonly data: Data;
}

/** What `bulkDelete` did: the ids it deleted and those that did not exist. */
export interface BulkDeleteResult {
  readonly deleted: readonly string[];
  readonly notFound: readonly string[];
}
