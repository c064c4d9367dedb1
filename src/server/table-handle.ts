import type { InsertOf, PatchOf, RowOf, UpsertOf } from '../schema/infer.js';
import type { RowWith, WithPath } from '../schema/relation-types.js';
import type { TableDefinition } from '../schema/table-definition.js';
import type {
  AllOptions, BulkCreateRow, CallOptions, BulkDeleteResult, BulkUpdateItem, BulkUpsertRow, ColumnName, CreateOptions,
  BigintColumn, IterateOptions, QueryOptions, ReadOptions, SelectedRow, StepOf, SteppableColumn, TableFilter, TableQuery, WriteOptions,
} from './table-types.js';
import type { FoundOrCreated } from './table-defaults.js';
import type { AggregateOptions, AggregateResult, AggregateSpec } from './table-aggregate.js';

/** The `with` paths a handle's reads take: checked against the declarations, or any string on an untyped handle. */
export type WithPaths<T extends readonly TableDefinition[], D extends TableDefinition> = string extends D['name'] ? string : WithPath<T, D> & string;

/** Read options with `with` typed as the paths `W`. */
export type WithOptions<W extends string> = ReadOptions & { readonly with?: readonly W[] };

/** The columns of a row to create or stand in that the filters `W` do not give already. */
export type DefaultsFor<D extends TableDefinition, W> = Omit<InsertOf<D>, keyof W> & Partial<InsertOf<D>>;

/**
 * A stand-in row that was not read from Appwrite: the defaults given, with `$id` or the filters' values; bigint
 * fields hold `bigint`s, as in rows read.
 */
export type DefaultRow<D extends TableDefinition> = Readonly<Partial<Omit<InsertOf<D>, BigintColumn<D>> & Pick<RowOf<D>, BigintColumn<D> & keyof RowOf<D>>>>
  & { readonly $id?: string };

/**
 * A typed handle on one table, from `db.table(name)`. Every read goes through the query cache (per identity,
 * table and canonical query; rows come back deep-frozen); every write invalidates the table.
 *
 * @example
 * ```ts
 * const products = db.table('products');
 * const office = await products.find({ category: 'office' });   // Appwrite, then cached
 * await products.update(office[0]!.$id, { price: 3 });            // invalidates 'products'
 * ```
 */
export interface TableHandle<D extends TableDefinition = TableDefinition, T extends readonly TableDefinition[] = readonly TableDefinition[]>
  extends AsyncIterable<RowOf<D>> {
  /** The table's name in the declaration. */
  readonly name: D['name'];

  /** The Appwrite table id. */
  readonly id: string;

  /**
   * The row with this id, or `null` if there is none (a missing row is cached too).
   *
   * @example
   * ```ts
   * const pen = await products.get('pen'); // null when missing
   * ```
   */
  get<const W extends WithPaths<T, D> = never>(id: string, options?: WithOptions<W>): Promise<RowWith<T, D, W> | null>;

  /**
   * The row with this id; throws `NotFoundError` if there is none.
   *
   * @example
   * ```ts
   * const pen = await products.getOrFail('pen');
   * ```
   */
  getOrFail<const W extends WithPaths<T, D> = never>(id: string, options?: WithOptions<W>): Promise<RowWith<T, D, W>>;

  /**
   * One `listRows` request: the rows matching the queries, as Appwrite pages them. Without a `limit` query
   * that is Appwrite's default page of **25 rows**, silently cut there: add `Query.limit(n)`,
   * or use {@link TableHandle.all} or {@link TableHandle.iterate} for every row.
   *
   * @example
   * ```ts
   * await products.find([Query.equal('category', 'office'), Query.orderDesc('price'), Query.limit(10)]);
   * await products.find('greaterThan("price", 5)');
   * await products.find({ category: 'office' });
   * ```
   */
  find<const W extends WithPaths<T, D> = never>(queries?: TableQuery<D>, options?: WithOptions<W>): Promise<readonly RowWith<T, D, W>[]>;

  /**
   * The first row matching the queries (their limit replaced by 1), or `null`.
   *
   * @example
   * ```ts
   * const cheapest = await products.findOne([Query.orderAsc('price')]);
   * ```
   */
  findOne<const W extends WithPaths<T, D> = never>(queries?: TableQuery<D>, options?: WithOptions<W>): Promise<RowWith<T, D, W> | null>;

  /**
   * Every matching row, fetched page by page with cursors (never cut at Appwrite's 25) and cached as one entry.
   *
   * @example
   * ```ts
   * const everything = await products.all();
   * const office = await products.all({ where: { category: 'office' }, pageSize: 1000 });
   * ```
   */
  all<const W extends WithPaths<T, D> = never>(options?: AllOptions<D> & WithOptions<W>): Promise<readonly RowWith<T, D, W>[]>;

  /**
   * The first row matching the filters (or queries), or `null`. Same as {@link TableHandle.findOne}.
   *
   * @example
   * ```ts
   * const admin = await users.first({ role: 'admin' });
   * ```
   */
  first<const W extends WithPaths<T, D> = never>(filters?: TableQuery<D>, options?: WithOptions<W>): Promise<RowWith<T, D, W> | null>;

  /**
   * The first row matching the filters; throws `NotFoundError` if none does.
   *
   * @example
   * ```ts
   * const admin = await users.firstOrFail({ role: 'admin' });
   * ```
   */
  firstOrFail<const W extends WithPaths<T, D> = never>(filters?: TableQuery<D>, options?: WithOptions<W>): Promise<RowWith<T, D, W>>;

  /**
   * How many rows match the filters, from Appwrite's `total`. Appwrite counts at most 5000: a larger
   * result reads 5000.
   *
   * @example
   * ```ts
   * const offices = await products.count({ category: 'office' });
   * ```
   */
  count(filtersOrQueries?: TableQuery<D>, options?: ReadOptions): Promise<number>;

  /**
   * Rows matching plain equality filters, ordered (`'-price'` descending), paged and optionally narrowed to
   * some columns. One `listRows` request: without `limit` it returns Appwrite's default page of **25 rows**,
   * silently cut there; pass `limit`, or use {@link TableHandle.all} for every row.
   *
   * @example
   * ```ts
   * await products.query({ category: 'office' }, { orderBy: ['-price', 'name'], limit: 10, offset: 20 });
   * const names = await products.query({}, { select: ['name'] }); // rows with name and $id
   * ```
   */
  query(filters: TableQuery<D>, options?: QueryOptions<D> & { readonly select?: undefined }): Promise<readonly RowOf<D>[]>;
  query<K extends ColumnName<D>>(filters: TableQuery<D>, options: QueryOptions<D, K> & { readonly select: readonly K[] }): Promise<readonly SelectedRow<D, K>[]>;

  /**
   * Iterates over every matching row, one cached page (`limit` + `cursorAfter`) at a time: for tables too
   * large to hold at once.
   *
   * @example
   * ```ts
   * for await (const row of products.iterate({ category: 'office' }, { pageSize: 200 })) console.log(row.name);
   * ```
   */
  iterate(queries?: TableQuery<D>, options?: IterateOptions): AsyncIterableIterator<RowOf<D>>;

  /**
   * Iterates over every row of the table, like `iterate()`.
   *
   * @example
   * ```ts
   * for await (const row of products) console.log(row.$id);
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<RowOf<D>>;

  /**
   * Validates and creates a row; invalidates the table.
   *
   * @example
   * ```ts
   * const pen = await products.create({ name: 'Pen', price: 2, category: 'office' }, { id: 'pen' });
   * ```
   */
  create(data: InsertOf<D>, options?: CreateOptions): Promise<RowOf<D>>;

  /**
   * Validates and sets the given fields of a row; throws `NotFoundError` if it does not exist. A field
   * may be given an `Operator` instead of a value: Appwrite then computes it from the stored one, atomically,
   * and the returned row holds the result.
   *
   * @example
   * ```ts
   * await products.update('pen', { price: 3 });
   * await products.update('pen', { stock: Operator.decrement(1, 0), tags: Operator.arrayAppend(['sale']) });
   * ```
   */
  update(id: string, data: PatchOf<D>, options?: WriteOptions): Promise<RowOf<D>>;

  /**
   * Creates the row with this id, or replaces the given fields if it exists. The data is validated as a
   * complete row; a field may be given an `Operator` (applied to the stored value, or to NULL on a new row).
   *
   * @example
   * ```ts
   * await products.upsert('pen', { name: 'Pen', price: 2, category: 'office' });
   * await products.upsert('pen', { name: 'Pen', price: 2, category: 'office', stock: Operator.increment(10) });
   * ```
   */
  upsert(id: string, data: UpsertOf<D>, options?: WriteOptions): Promise<RowOf<D>>;

  /**
   * Deletes a row; throws `NotFoundError` if it does not exist.
   *
   * @example
   * ```ts
   * await products.delete('pen');
   * ```
   */
  delete(id: string, options?: CallOptions): Promise<void>;

  /**
   * Adds `by` (default 1) to a numeric column atomically on the server, never above `max` if given.
   *
   * @example
   * ```ts
   * const row = await products.increment('pen', 'stock', 5);
   * ```
   */
  increment<C extends SteppableColumn<D>>(id: string, column: C, by?: StepOf<D, C>, options?: CallOptions & { readonly max?: StepOf<D, C> }): Promise<RowOf<D>>;

  /**
   * Subtracts `by` (default 1) from a numeric column atomically on the server, never below `min` if given.
   *
   * @example
   * ```ts
   * await products.decrement('pen', 'stock', 1, { min: 0 });
   * ```
   */
  decrement<C extends SteppableColumn<D>>(id: string, column: C, by?: StepOf<D, C>, options?: CallOptions & { readonly min?: StepOf<D, C> }): Promise<RowOf<D>>;

  /**
   * Creates rows with `createRows`, 100 per request, one invalidation for the call. Every row is validated
   * (errors name its index) before anything is sent. A failed request throws a `BulkPartialError` listing
   * the rows written and those not.
   * On a table with relationship columns Appwrite refuses the bulk routes (`createRows`), so this sends one
   * request per row, at most 4 at a time.
   *
   * @example
   * ```ts
   * await products.bulkCreate([{ name: 'Pen', price: 2, category: 'office' }, { $id: 'ink', name: 'Ink', price: 5, category: 'office' }]);
   * ```
   */
  bulkCreate(rows: readonly BulkCreateRow<D>[]): Promise<readonly RowOf<D>[]>;

  /**
   * Creates or replaces rows by `$id` with `upsertRows`, 100 per request, one invalidation for the call.
   * On a table with relationship columns Appwrite refuses the bulk routes (`upsertRows`), so this sends one
   * request per row, at most 4 at a time.
   *
   * @example
   * ```ts
   * await products.bulkUpsert([{ $id: 'pen', name: 'Pen', price: 2, category: 'office' }]);
   * ```
   */
  bulkUpsert(rows: readonly BulkUpsertRow<D>[]): Promise<readonly RowOf<D>[]>;

  /**
   * Sets fields of existing rows, each with its own change (values or `Operator`s). Rows with the same change go in one
   * `updateRows` request (100 ids each); ids that do not exist are reported in a `BulkPartialError`.
   * On a table with relationship columns Appwrite refuses the bulk routes (`updateRows`), so this sends one
   * request per row, at most 4 at a time.
   *
   * @example
   * ```ts
   * await products.bulkUpdate([{ id: 'pen', data: { price: 3 } }, { id: 'ink', data: { price: 3 } }]); // one request
   * ```
   */
  bulkUpdate(items: readonly BulkUpdateItem<D>[]): Promise<readonly RowOf<D>[]>;

  /**
   * Deletes rows by id with `deleteRows`, 100 ids per request; reports which ids were deleted and which
   * did not exist.
   * On a table with relationship columns Appwrite refuses the bulk routes (`deleteRows`), so this sends one
   * request per row, at most 4 at a time.
   *
   * @example
   * ```ts
   * const { deleted, notFound } = await products.bulkDelete(['pen', 'ink']);
   * ```
   */
  bulkDelete(ids: readonly string[]): Promise<BulkDeleteResult>;

  /**
   * Sets the same fields on every row matching the queries (one `updateRows`); returns how many changed.
   * At least one filter is required. Fields may be given an `Operator`, applied to each row's own value.
   * On a table with relationship columns Appwrite refuses the bulk routes (`updateRows`), so this sends one
   * request per row, at most 4 at a time, after listing the matching ids.
   *
   * @example
   * ```ts
   * const changed = await products.updateWhere({ category: 'office' }, { price: 1 });
   * ```
   */
  updateWhere(queries: TableQuery<D>, data: PatchOf<D>): Promise<number>;

  /**
   * Deletes every row matching the queries (one `deleteRows`); returns how many were deleted. At least one
   * filter is required.
   * On a table with relationship columns Appwrite refuses the bulk routes (`deleteRows`), so this sends one
   * request per row, at most 4 at a time, after listing the matching ids.
   *
   * @example
   * ```ts
   * const removed = await products.deleteWhere([Query.lessThan('stock', 1)]);
   * ```
   */
  deleteWhere(queries: TableQuery<D>): Promise<number>;

  /**
   * The first row matching the equality filters `where` (one read through the cache), or a new row made of
   * `defaults` and `where`. Safe under races when a unique index covers `where` (or `options.id` is given):
   * the loser's create gets Appwrite's 409 and it returns the winner's row, read past the cache.
   *
   * @example
   * ```ts
   * const { row: user, created } = await users.findOrCreate({ email: 'ada@example.com' }, { name: 'Ada' });
   * ```
   */
  findOrCreate<const W extends TableFilter<D>>(where: W, defaults: DefaultsFor<D, W>, options?: CreateOptions): Promise<FoundOrCreated<RowOf<D>>>;

  /**
   * The row with this id, or `defaults` with `$id` set when there is none: a frozen stand-in, not written.
   *
   * @example
   * ```ts
   * const settings = await guildSettings.getOrDefault(guildId, { prefix: '!', locale: 'en' });
   * ```
   */
  getOrDefault(id: string, defaults: InsertOf<D>, options?: ReadOptions): Promise<RowOf<D> | DefaultRow<D>>;

  /**
   * The first row matching the equality filters `where`, or `defaults` with the values of `where` when there
   * is none: a frozen stand-in, not written.
   *
   * @example
   * ```ts
   * const prefs = await preferences.findOneOrDefault({ user: userId }, { theme: 'light' });
   * ```
   */
  findOneOrDefault<const W extends TableFilter<D>>(where: W, defaults: DefaultsFor<D, W>, options?: ReadOptions): Promise<RowOf<D> | DefaultRow<D>>;

  /**
   * Counts the rows matching `where` and computes sums, averages, minima and maxima of integer, float and
   * bigint columns (on a bigint column the sum, minimum and maximum are exact `bigint`s and the average is the
   * nearest number). Appwrite has no aggregate endpoint: the rows are read page by page (only the needed
   * columns) and the figures are cached as one entry, dropped by any write to the table.
   *
   * @example
   * ```ts
   * const { count, sum, avg } = await products.aggregate({ count: true, sum: ['stock'], avg: ['price'] }, { category: 'office' });
   * ```
   */
  aggregate<const C extends SteppableColumn<D>>(spec: AggregateSpec<C>, where?: TableQuery<D>, options?: AggregateOptions): Promise<AggregateResult<C, C & BigintColumn<D>>>;

  /**
   * True when the table was read since its last invalidation and nothing invalidated it since.
   *
   * @example
   * ```ts
   * await products.all();
   * products.isUpdated(); // true, until the next write or invalidation
   * ```
   */
  isUpdated(): boolean;

  /**
   * `true` marks the table fresh without reading it; `false` drops its cached entries and marks it stale.
   *
   * @example
   * ```ts
   * products.setUpdated(false); // the next read goes to Appwrite
   * ```
   */
  setUpdated(flag: boolean): void;

  /**
   * Drops the table's cached entries (for every identity) and announces it, like a write does.
   *
   * @example
   * ```ts
   * products.invalidate();
   * ```
   */
  invalidate(): void;
}
