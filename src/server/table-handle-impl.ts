import { deepFreeze } from '../cache/deep-freeze.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { FilterObject } from '../query/filter-object.js';
import type { QueryInput } from '../query/query-normalizer.js';
import type { InsertOf, PatchOf, RowOf, UpsertOf } from '../schema/infer.js';
import type { RowWith } from '../schema/relation-types.js';
import type { TableDefinition } from '../schema/table-definition.js';
import { bulkDeleteRows, bulkUpdateRows, bulkWriteRows, matchingIds } from './bulk-writes.js';
import { aggregateRows, type AggregateOptions, type AggregateResult, type AggregateSpec } from './table-aggregate.js';
import { requireFilter } from './table-checks.js';
import type { TableCore } from './table-core.js';
import { findOrCreateRow, firstOrDefault, rowOrDefault, type FoundOrCreated } from './table-defaults.js';
import type { DefaultRow, DefaultsFor, TableHandle, WithOptions, WithPaths } from './table-handle.js';
import { checkPageSize, iterateRows, readAll, readCount, readFirst, readList, readRow } from './table-reads.js';
import type {
  AllOptions, BulkCreateRow, CallOptions, BulkDeleteResult, BulkUpdateItem, BulkUpsertRow, ColumnName, CreateOptions,
  BigintColumn, IterateOptions, QueryOptions, ReadOptions, SelectedRow, StepOf, SteppableColumn, TableFilter, TableQuery, WriteOptions,
} from './table-types.js';
import * as writes from './table-writes.js';

const DEFAULT_ALL_PAGE = 500;
const DEFAULT_ITERATE_PAGE = 100;

/**
 * The {@link TableHandle} `db.table(name)` returns: the types of the declaration over one {@link TableCore}.
 * Each method is observed (`onOperation`, tracing) and calls one operation of the core; what a write returns
 * is deep-frozen here (reads come frozen from the cache).
 */
export class TableHandleImpl<D extends TableDefinition = TableDefinition, T extends readonly TableDefinition[] = readonly TableDefinition[]>
implements TableHandle<D, T> {
  readonly #core: TableCore<D>;

  constructor(core: TableCore<D>) {
    this.#core = core;
  }

  get name(): D['name'] {
    return this.#core.runtime.definition.name;
  }

  get id(): string {
    return this.#core.id;
  }

  get<const W extends WithPaths<T, D> = never>(id: string, options?: WithOptions<W>): Promise<RowWith<T, D, W> | null> {
    return this.#core.observe('get', () => readRow(this.#core, id, options) as Promise<RowWith<T, D, W> | null>);
  }

  getOrFail<const W extends WithPaths<T, D> = never>(id: string, options?: WithOptions<W>): Promise<RowWith<T, D, W>> {
    return this.#core.observe('getOrFail', async () => {
      const row = (await readRow(this.#core, id, options, 'getOrFail')) as RowWith<T, D, W> | null;
      if (row === null) throw new NotFoundError(this.id, { rowId: id });
      return row;
    });
  }

  find<const W extends WithPaths<T, D> = never>(queries?: TableQuery<D>, options?: WithOptions<W>): Promise<readonly RowWith<T, D, W>[]> {
    // Hot path: hand back the cache's promise itself; a bad query still comes out as a rejection.
    return this.#core.observe('find', () => {
      try {
        return readList(this.#core, this.#core.normalize(queries), options) as Promise<readonly RowWith<T, D, W>[]>;
      } catch (error) {
        return rejection(error);
      }
    });
  }

  findOne<const W extends WithPaths<T, D> = never>(queries?: TableQuery<D>, options?: WithOptions<W>): Promise<RowWith<T, D, W> | null> {
    return this.#core.observe('findOne', async () => (await readFirst(this.#core, this.#core.normalize(queries), options)) as RowWith<T, D, W> | null);
  }

  all<const W extends WithPaths<T, D> = never>(options?: AllOptions<D> & WithOptions<W>): Promise<readonly RowWith<T, D, W>[]> {
    return this.#core.observe('all', async () => {
      const pageSize = checkPageSize(this.#core, options?.pageSize ?? DEFAULT_ALL_PAGE);
      return (await readAll(this.#core, this.#core.normalize(options?.where), pageSize, options)) as readonly RowWith<T, D, W>[];
    });
  }

  first<const W extends WithPaths<T, D> = never>(filters?: TableQuery<D>, options?: WithOptions<W>): Promise<RowWith<T, D, W> | null> {
    return this.findOne(filters, options);
  }

  firstOrFail<const W extends WithPaths<T, D> = never>(filters?: TableQuery<D>, options?: WithOptions<W>): Promise<RowWith<T, D, W>> {
    return this.#core.observe('firstOrFail', async () => {
      const row = await this.findOne(filters, options);
      if (row === null) throw new NotFoundError(this.id, { filter: describe(filters) });
      return row;
    });
  }

  count(filtersOrQueries?: TableQuery<D>, options?: ReadOptions): Promise<number> {
    return this.#core.observe('count', async () => await readCount(this.#core, this.#core.normalize(filtersOrQueries), options));
  }

  query(filters: TableQuery<D>, options?: QueryOptions<D> & { readonly select?: undefined }): Promise<readonly RowOf<D>[]>;
  query<K extends ColumnName<D>>(filters: TableQuery<D>, options: QueryOptions<D, K> & { readonly select: readonly K[] }): Promise<readonly SelectedRow<D, K>[]>;
  query(filters: TableQuery<D>, options: QueryOptions<D> = {}): Promise<readonly unknown[]> {
    return this.#core.observe('query', () => {
      try {
        return readList(this.#core, this.#core.runtime.normalizer.shaped(filters as QueryInput, options), options);
      } catch (error) {
        return rejection(error);
      }
    });
  }

  iterate(queries?: TableQuery<D>, options?: IterateOptions): AsyncIterableIterator<RowOf<D>> {
    const core = this.#core;
    // A generator, so that a bad query or page size surfaces on the first next() like any read error.
    return (async function* () {
      const pageSize = checkPageSize(core, options?.pageSize ?? DEFAULT_ITERATE_PAGE);
      yield* iterateRows(core, core.normalize(queries), pageSize, options);
    })() as AsyncIterableIterator<RowOf<D>>;
  }

  [Symbol.asyncIterator](): AsyncIterator<RowOf<D>> {
    return this.iterate();
  }

  create(data: InsertOf<D>, options?: CreateOptions): Promise<RowOf<D>> {
    return this.#frozen('create', () => writes.createRow(this.#core, data, options));
  }

  update(id: string, data: PatchOf<D>, options?: WriteOptions): Promise<RowOf<D>> {
    return this.#frozen('update', () => writes.updateRow(this.#core, id, data, options));
  }

  upsert(id: string, data: UpsertOf<D>, options?: WriteOptions): Promise<RowOf<D>> {
    return this.#frozen('upsert', () => writes.upsertRow(this.#core, id, data, options));
  }

  delete(id: string, options?: CallOptions): Promise<void> {
    return this.#core.observe('delete', () => writes.deleteRow(this.#core, id, options));
  }

  increment<C extends SteppableColumn<D>>(id: string, column: C, by: StepOf<D, C> = 1, options?: CallOptions & { readonly max?: StepOf<D, C> }): Promise<RowOf<D>> {
    return this.#frozen('increment', () => writes.stepColumn(this.#core, id, column, by, 1, options));
  }

  decrement<C extends SteppableColumn<D>>(id: string, column: C, by: StepOf<D, C> = 1, options?: CallOptions & { readonly min?: StepOf<D, C> }): Promise<RowOf<D>> {
    return this.#frozen('decrement', () => writes.stepColumn(this.#core, id, column, by, -1, options));
  }

  bulkCreate(rows: readonly BulkCreateRow<D>[]): Promise<readonly RowOf<D>[]> {
    return this.#frozen('bulkCreate', () => bulkWriteRows(this.#core, rows, 'create'));
  }

  bulkUpsert(rows: readonly BulkUpsertRow<D>[]): Promise<readonly RowOf<D>[]> {
    return this.#frozen('bulkUpsert', () => bulkWriteRows(this.#core, rows, 'upsert'));
  }

  bulkUpdate(items: readonly BulkUpdateItem<D>[]): Promise<readonly RowOf<D>[]> {
    return this.#frozen('bulkUpdate', () => bulkUpdateRows(this.#core, items));
  }

  bulkDelete(ids: readonly string[]): Promise<BulkDeleteResult> {
    return this.#frozen('bulkDelete', () => bulkDeleteRows(this.#core, ids));
  }

  updateWhere(queries: TableQuery<D>, data: PatchOf<D>): Promise<number> {
    return this.#core.observe('updateWhere', async () => {
      const core = this.#core;
      const canonical = core.normalize(queries);
      if (!core.runtime.relations.hasRelations) return await writes.updateWhere(core, canonical, data);
      // Appwrite refuses updateRows on tables with relationship columns: one updateRow per matching row.
      requireFilter(core.runtime, canonical, 'updateWhere');
      const ids = await matchingIds(core, canonical);
      return (await bulkUpdateRows(core, ids.map((id) => ({ id, data })))).length;
    });
  }

  deleteWhere(queries: TableQuery<D>): Promise<number> {
    return this.#core.observe('deleteWhere', async () => {
      const core = this.#core;
      const canonical = core.normalize(queries);
      if (!core.runtime.relations.hasRelations) return await writes.deleteWhere(core, canonical);
      // Appwrite refuses deleteRows on tables with relationship columns: one deleteRow per matching row.
      requireFilter(core.runtime, canonical, 'deleteWhere');
      return (await bulkDeleteRows(core, await matchingIds(core, canonical))).deleted.length;
    });
  }

  findOrCreate<const W extends TableFilter<D>>(where: W, defaults: DefaultsFor<D, W>, options?: CreateOptions): Promise<FoundOrCreated<RowOf<D>>> {
    return this.#frozen('findOrCreate', () => findOrCreateRow(this.#core, where as FilterObject, defaults, options));
  }

  getOrDefault(id: string, defaults: InsertOf<D>, options?: ReadOptions): Promise<RowOf<D> | DefaultRow<D>> {
    return this.#frozen('getOrDefault', () => rowOrDefault(this.#core, id, defaults, options));
  }

  findOneOrDefault<const W extends TableFilter<D>>(where: W, defaults: DefaultsFor<D, W>, options?: ReadOptions): Promise<RowOf<D> | DefaultRow<D>> {
    return this.#frozen('findOneOrDefault', () => firstOrDefault(this.#core, where as FilterObject, defaults, options));
  }

  aggregate<const C extends SteppableColumn<D>>(spec: AggregateSpec<C>, where?: TableQuery<D>, options?: AggregateOptions): Promise<AggregateResult<C, C & BigintColumn<D>>> {
    return this.#core.observe('aggregate', async () => (await aggregateRows(this.#core, this.#core.normalize(where), spec, options)) as AggregateResult<C, C & BigintColumn<D>>);
  }

  isUpdated(): boolean {
    return this.#core.session.cache.isUpdated(this.id);
  }

  setUpdated(flag: boolean): void {
    this.#core.session.cache.setUpdated(this.id, flag);
  }

  invalidate(): void {
    this.#core.session.cache.invalidate(this.id, 'local');
  }

  /**
   * An operation whose result is not the cache's (a write's answer, a stand-in row): observed like any other,
   * and deep-frozen here, the one place such results are frozen.
   */
  #frozen<R>(method: string, call: () => Promise<unknown>): Promise<R> {
    return this.#core.observe(method, async () => deepFreeze(await call()) as R);
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
