import { NotFoundError } from '../errors/not-found-error.js';
import type { InsertOf, PatchOf, RowOf, UpsertOf } from '../schema/infer.js';
import type { RowWith, WithPath } from '../schema/relation-types.js';
import type { TableDefinition } from '../schema/table-definition.js';
import { bulkDeleteRows, bulkUpdateRows, bulkWriteRows, matchingIds } from './bulk-writes.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import type { QueryInput } from '../query/query-normalizer.js';
import { checkPageSize, iterateRows, readAll, readCount, readFirst, readList, readRow } from './table-reads.js';
import type { TableContext } from './table-runtime.js';
import type {
  AllOptions, BulkCreateRow, CallOptions, BulkDeleteResult, BulkUpdateItem, BulkUpsertRow, ColumnName, CreateOptions,
  IterateOptions, NumericColumn, QueryOptions, ReadOptions, SelectedRow, StepOf, SteppableColumn, TableFilter, TableQuery, WriteOptions,
} from './table-types.js';
import * as writes from './table-writes.js';
import { findOrCreateRow, firstOrDefault, rowOrDefault, type FoundOrCreated } from './table-defaults.js';
import { aggregateRows, type AggregateOptions, type AggregateResult, type AggregateSpec } from './table-aggregate.js';
import type { FilterObject } from '../query/filter-object.js';

/** The `with` paths a handle's reads take: checked against the declarations, or any string on an untyped handle. */
type WithPaths<T extends readonly TableDefinition[], D extends TableDefinition> = string extends D['name'] ? string : WithPath<T, D> & string;

/** Read options with `with` typed as the paths `W`. */
type WithOptions<W extends string> = ReadOptions & { readonly with?: readonly W[] };

/** The columns of a row to create or stand in that the filters `W` do not give already. */
type DefaultsFor<D extends TableDefinition, W> = Omit<InsertOf<D>, keyof W> & Partial<InsertOf<D>>;

/** A stand-in row that was not read from Appwrite: the defaults given, with `$id` or the filters' values. */
type DefaultRow<D extends TableDefinition> = Readonly<Partial<InsertOf<D>>> & { readonly $id?: string };

const DEFAULT_ALL_PAGE = 500;
const DEFAULT_ITERATE_PAGE = 100;

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
export class TableHandle<D extends TableDefinition = TableDefinition, T extends readonly TableDefinition[] = readonly TableDefinition[]>
implements AsyncIterable<RowOf<D>> {
  readonly #context: TableContext<D>;

  /** Built by `Database.table()`. */
  constructor(context: TableContext<D>) {
    this.#context = context;
  }

  /** The table's name in the declaration. */
  get name(): D['name'] {
    return this.#context.runtime.definition.name;
  }

  /** The Appwrite table id. */
  get id(): string {
    return this.#context.runtime.id;
  }

  /**
   * The row with this id, or `null` if there is none (a missing row is cached too).
   *
   * @example
   * ```ts
   * const pen = await products.get('pen'); // null when missing
   * ```
   */
  get<const W extends WithPaths<T, D> = never>(id: string, options?: WithOptions<W>): Promise<RowWith<T, D, W> | null> {
    return this.#observe('get', () => readRow(this.#context, id, options) as Promise<RowWith<T, D, W> | null>);
  }

  /**
   * The row with this id; throws {@link NotFoundError} if there is none.
   *
   * @example
   * ```ts
   * const pen = await products.getOrFail('pen');
   * ```
   */
  getOrFail<const W extends WithPaths<T, D> = never>(id: string, options?: WithOptions<W>): Promise<RowWith<T, D, W>> {
    return this.#observe('getOrFail', async () => {
      const row = (await readRow(this.#context, id, options, 'getOrFail')) as RowWith<T, D, W> | null;
      if (row === null) throw new NotFoundError(this.id, { rowId: id });
      return row;
    });
  }

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
  find<const W extends WithPaths<T, D> = never>(queries?: TableQuery<D>, options?: WithOptions<W>): Promise<readonly RowWith<T, D, W>[]> {
    // Hot path: hand back the cache's promise itself; a bad query still comes out as a rejection.
    return this.#observe('find', () => {
      try {
        return readList(this.#context, this.#normalize(queries), options) as Promise<readonly RowWith<T, D, W>[]>;
      } catch (error) {
        return rejection(error);
      }
    });
  }

  /**
   * The first row matching the queries (their limit replaced by 1), or `null`.
   *
   * @example
   * ```ts
   * const cheapest = await products.findOne([Query.orderAsc('price')]);
   * ```
   */
  findOne<const W extends WithPaths<T, D> = never>(queries?: TableQuery<D>, options?: WithOptions<W>): Promise<RowWith<T, D, W> | null> {
    return this.#observe('findOne', async () => (await readFirst(this.#context, this.#normalize(queries), options)) as RowWith<T, D, W> | null);
  }

  /**
   * Every matching row, fetched page by page with cursors (never cut at Appwrite's 25) and cached as one entry.
   *
   * @example
   * ```ts
   * const everything = await products.all();
   * const office = await products.all({ where: { category: 'office' }, pageSize: 1000 });
   * ```
   */
  all<const W extends WithPaths<T, D> = never>(options?: AllOptions<D> & WithOptions<W>): Promise<readonly RowWith<T, D, W>[]> {
    return this.#observe('all', async () => {
      const pageSize = checkPageSize(this.#context, options?.pageSize ?? DEFAULT_ALL_PAGE);
      return (await readAll(this.#context, this.#normalize(options?.where), pageSize, options)) as readonly RowWith<T, D, W>[];
    });
  }

  /**
   * The first row matching the filters (or queries), or `null`. Same as {@link TableHandle.findOne}.
   *
   * @example
   * ```ts
   * const admin = await users.first({ role: 'admin' });
   * ```
   */
  first<const W extends WithPaths<T, D> = never>(filters?: TableQuery<D>, options?: WithOptions<W>): Promise<RowWith<T, D, W> | null> {
    return this.findOne(filters, options);
  }

  /**
   * The first row matching the filters; throws {@link NotFoundError} if none does.
   *
   * @example
   * ```ts
   * const admin = await users.firstOrFail({ role: 'admin' });
   * ```
   */
  firstOrFail<const W extends WithPaths<T, D> = never>(filters?: TableQuery<D>, options?: WithOptions<W>): Promise<RowWith<T, D, W>> {
    return this.#observe('firstOrFail', async () => {
      const row = await this.findOne(filters, options);
      if (row === null) throw new NotFoundError(this.id, { filter: describe(filters) });
      return row;
    });
  }

  /**
   * How many rows match the filters, from Appwrite's `total`. Appwrite counts at most 5000: a larger
   * result reads 5000.
   *
   * @example
   * ```ts
   * const offices = await products.count({ category: 'office' });
   * ```
   */
  count(filtersOrQueries?: TableQuery<D>, options?: ReadOptions): Promise<number> {
    return this.#observe('count', async () => await readCount(this.#context, this.#normalize(filtersOrQueries), options));
  }

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
  query(filters: TableQuery<D>, options: QueryOptions<D> = {}): Promise<readonly unknown[]> {
    return this.#observe('query', () => {
      try {
        return readList(this.#context, this.#context.runtime.normalizer.shaped(filters as QueryInput, options), options);
      } catch (error) {
        return rejection(error);
      }
    });
  }

  /**
   * Iterates over every matching row, one cached page (`limit` + `cursorAfter`) at a time: for tables too
   * large to hold at once.
   *
   * @example
   * ```ts
   * for await (const row of products.iterate({ category: 'office' }, { pageSize: 200 })) console.log(row.name);
   * ```
   */
  iterate(queries?: TableQuery<D>, options?: IterateOptions): AsyncIterableIterator<RowOf<D>> {
    const context = this.#context;
    const canonical = (): CanonicalQuery => this.#normalize(queries);
    // A generator, so that a bad query or page size surfaces on the first next() like any read error.
    return (async function* () {
      const pageSize = checkPageSize(context, options?.pageSize ?? DEFAULT_ITERATE_PAGE);
      yield* iterateRows(context, canonical(), pageSize, options);
    })() as AsyncIterableIterator<RowOf<D>>;
  }

  /**
   * Iterates over every row of the table, like `iterate()`.
   *
   * @example
   * ```ts
   * for await (const row of products) console.log(row.$id);
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<RowOf<D>> {
    return this.iterate();
  }

  /**
   * Validates and creates a row; invalidates the table.
   *
   * @example
   * ```ts
   * const pen = await products.create({ name: 'Pen', price: 2, category: 'office' }, { id: 'pen' });
   * ```
   */
  create(data: InsertOf<D>, options?: CreateOptions): Promise<RowOf<D>> {
    return this.#observe('create', async () => (await writes.createRow(this.#context, data, options)) as RowOf<D>);
  }

  /**
   * Validates and sets the given fields of a row; throws {@link NotFoundError} if it does not exist. A field
   * may be given an `Operator` instead of a value: Appwrite then computes it from the stored one, atomically,
   * and the returned row holds the result.
   *
   * @example
   * ```ts
   * await products.update('pen', { price: 3 });
   * await products.update('pen', { stock: Operator.decrement(1, 0), tags: Operator.arrayAppend(['sale']) });
   * ```
   */
  update(id: string, data: PatchOf<D>, options?: WriteOptions): Promise<RowOf<D>> {
    return this.#observe('update', async () => (await writes.updateRow(this.#context, id, data, options)) as RowOf<D>);
  }

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
  upsert(id: string, data: UpsertOf<D>, options?: WriteOptions): Promise<RowOf<D>> {
    return this.#observe('upsert', async () => (await writes.upsertRow(this.#context, id, data, options)) as RowOf<D>);
  }

  /**
   * Deletes a row; throws {@link NotFoundError} if it does not exist.
   *
   * @example
   * ```ts
   * await products.delete('pen');
   * ```
   */
  delete(id: string, options?: CallOptions): Promise<void> {
    return this.#observe('delete', () => writes.deleteRow(this.#context, id, options));
  }

  /**
   * Adds `by` (default 1) to a numeric column atomically on the server, never above `max` if given. On a
   * bigint field `by` and `max` may be `bigint`s; the sum is exact.
   *
   * @example
   * ```ts
   * const row = await products.increment('pen', 'stock', 5);
   * ```
   */
  increment<C extends SteppableColumn<D>>(id: string, column: C, by: StepOf<D, C> = 1, options?: CallOptions & { readonly max?: StepOf<D, C> }): Promise<RowOf<D>> {
    return this.#observe('increment', async () => (await writes.stepColumn(this.#context, id, column, by, 1, options)) as RowOf<D>);
  }

  /**
   * Subtracts `by` (default 1) from a numeric column atomically on the server, never below `min` if given.
   * On a bigint field `by` and `min` may be `bigint`s; the difference is exact.
   *
   * @example
   * ```ts
   * await products.decrement('pen', 'stock', 1, { min: 0 });
   * ```
   */
  decrement<C extends SteppableColumn<D>>(id: string, column: C, by: StepOf<D, C> = 1, options?: CallOptions & { readonly min?: StepOf<D, C> }): Promise<RowOf<D>> {
    return this.#observe('decrement', async () => (await writes.stepColumn(this.#context, id, column, by, -1, options)) as RowOf<D>);
  }

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
  bulkCreate(rows: readonly BulkCreateRow<D>[]): Promise<readonly RowOf<D>[]> {
    return this.#observe('bulkCreate', async () => (await bulkWriteRows(this.#context, rows, 'create')) as readonly RowOf<D>[]);
  }

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
  bulkUpsert(rows: readonly BulkUpsertRow<D>[]): Promise<readonly RowOf<D>[]> {
    return this.#observe('bulkUpsert', async () => (await bulkWriteRows(this.#context, rows, 'upsert')) as readonly RowOf<D>[]);
  }

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
  bulkUpdate(items: readonly BulkUpdateItem<D>[]): Promise<readonly RowOf<D>[]> {
    return this.#observe('bulkUpdate', async () => (await bulkUpdateRows(this.#context, items)) as readonly RowOf<D>[]);
  }

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
  bulkDelete(ids: readonly string[]): Promise<BulkDeleteResult> {
    return this.#observe('bulkDelete', () => bulkDeleteRows(this.#context, ids));
  }

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
  updateWhere(queries: TableQuery<D>, data: PatchOf<D>): Promise<number> {
    return this.#observe('updateWhere', async () => {
      const canonical = this.#normalize(queries);
      if (!this.#context.runtime.relations.hasRelations) return await writes.updateWhere(this.#context, canonical, data);
      // Appwrite refuses updateRows on tables with relationship columns: one updateRow per matching row.
      writes.requireFilter(this.#context, canonical, 'updateWhere');
      const ids = await matchingIds(this.#context, canonical);
      return (await bulkUpdateRows(this.#context, ids.map((id) => ({ id, data })))).length;
    });
  }

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
  deleteWhere(queries: TableQuery<D>): Promise<number> {
    return this.#observe('deleteWhere', async () => {
      const canonical = this.#normalize(queries);
      if (!this.#context.runtime.relations.hasRelations) return await writes.deleteWhere(this.#context, canonical);
      // Appwrite refuses deleteRows on tables with relationship columns: one deleteRow per matching row.
      writes.requireFilter(this.#context, canonical, 'deleteWhere');
      return (await bulkDeleteRows(this.#context, await matchingIds(this.#context, canonical))).deleted.length;
    });
  }

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
  findOrCreate<const W extends TableFilter<D>>(where: W, defaults: DefaultsFor<D, W>, options?: CreateOptions): Promise<FoundOrCreated<RowOf<D>>> {
    return this.#observe('findOrCreate', () => findOrCreateRow(this.#context, where as FilterObject, defaults, options) as Promise<FoundOrCreated<RowOf<D>>>);
  }

  /**
   * The row with this id, or `defaults` with `$id` set when there is none: a frozen stand-in, not written.
   *
   * @example
   * ```ts
   * const settings = await guildSettings.getOrDefault(guildId, { prefix: '!', locale: 'en' });
   * ```
   */
  getOrDefault(id: string, defaults: InsertOf<D>, options?: ReadOptions): Promise<RowOf<D> | DefaultRow<D>> {
    return this.#observe('getOrDefault', () => rowOrDefault(this.#context, id, defaults, options) as Promise<RowOf<D> | DefaultRow<D>>);
  }

  /**
   * The first row matching the equality filters `where`, or `defaults` with the values of `where` when there
   * is none: a frozen stand-in, not written.
   *
   * @example
   * ```ts
   * const prefs = await preferences.findOneOrDefault({ user: userId }, { theme: 'light' });
   * ```
   */
  findOneOrDefault<const W extends TableFilter<D>>(where: W, defaults: DefaultsFor<D, W>, options?: ReadOptions): Promise<RowOf<D> | DefaultRow<D>> {
    return this.#observe('findOneOrDefault', () => firstOrDefault(this.#context, where as FilterObject, defaults, options) as Promise<RowOf<D> | DefaultRow<D>>);
  }

  /**
   * Counts the rows matching `where` and computes sums, averages, minima and maxima of numeric columns.
   * Appwrite has no aggregate endpoint: the rows are read page by page (only the needed columns) and the
   * figures are cached as one entry, dropped by any write to the table.
   *
   * @example
   * ```ts
   * const { count, sum, avg } = await products.aggregate({ count: true, sum: ['stock'], avg: ['price'] }, { category: 'office' });
   * ```
   */
  aggregate<const C extends NumericColumn<D>>(spec: AggregateSpec<C>, where?: TableQuery<D>, options?: AggregateOptions): Promise<AggregateResult<C>> {
    return this.#observe('aggregate', async () => (await aggregateRows(this.#context, this.#normalize(where), spec, options)) as AggregateResult<C>);
  }

  /**
   * True when the table was read since its last invalidation and nothing invalidated it since.
   *
   * @example
   * ```ts
   * await products.all();
   * products.isUpdated(); // true, until the next write or invalidation
   * ```
   */
  isUpdated(): boolean {
    return this.#context.session.cache.isUpdated(this.id);
  }

  /**
   * `true` marks the table fresh without reading it; `false` drops its cached entries and marks it stale.
   *
   * @example
   * ```ts
   * products.setUpdated(false); // the next read goes to Appwrite
   * ```
   */
  setUpdated(flag: boolean): void {
    this.#context.session.cache.setUpdated(this.id, flag);
  }

  /**
   * Drops the table's cached entries (for every identity) and announces it, like a write does.
   *
   * @example
   * ```ts
   * products.invalidate();
   * ```
   */
  invalidate(): void {
    this.#context.session.cache.invalidate(this.id, 'local');
  }

  /** Reports the operation when something observes them; otherwise calls straight through (the hot path). */
  #observe<T>(method: string, call: () => Promise<T>): Promise<T> {
    const observer = this.#context.session.observer;
    return observer === undefined || !observer.active ? call() : observer.run(this.id, method, call);
  }

  #normalize(queries: TableQuery<D> | undefined): CanonicalQuery {
    return this.#context.runtime.normalizer.canonical(queries as QueryInput | undefined);
  }
}

function describe(filters: unknown): string {
  if (filters === undefined) return 'any filter (the table is empty)';
  if (typeof filters === 'string') return filters;
  if (Array.isArray(filters)) return (filters as readonly string[]).join(', ');
  return JSON.stringify(filters, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

function rejection<T>(error: unknown): Promise<T> {
  return Promise.reject(error instanceof Error ? error : new Error(String(error)));
}
