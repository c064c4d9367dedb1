import type { FieldDefinition, SchemaDefinition } from './field-definition.js';

/**
 * An index to keep on a table. `attributes` are field keys (or `$id`, `$createdAt`, `$updatedAt`);
 * `orders` gives the direction per attribute. @default orders every attribute 'asc'
 * `lengths` gives how many leading characters of each string attribute a key or unique index keeps
 * (`null`: all); Appwrite refuses such an index over 768 characters in total. @default the whole columns
 *
 * @example
 * ```ts
 * const byStatus = { key: 'by_status', type: 'key', attributes: ['status', 'price'], orders: ['asc', 'desc'] } as const;
 * ```
 */
export interface IndexDefinition {
  readonly key: string;
  readonly type: 'key' | 'unique' | 'fulltext';
  readonly attributes: readonly string[];
  readonly orders?: readonly ('asc' | 'desc')[];
  readonly lengths?: readonly (number | null)[];
}

/**
 * One table: its name (what `db.table(name)` takes), its Appwrite id, its fields and indexes.
 *
 * - `id`: the Appwrite table id. @default name
 * - `permissions`: Appwrite permission strings of the table. Omitted: the table is created with none
 *   (server-only access) and its permissions are not managed afterwards; `[]` removes them.
 * - `rowSecurity`: enables per-row permissions. Omitted: created `false`, not managed afterwards.
 * - `cache.ttl`: cache lifetime of this table's queries in ms. @default the ORM's `cache.ttl`
 * - `cache: false`: this table's reads always go to Appwrite (a table that must always be fresh).
 *
 * @example
 * ```ts
 * const products = {
 *   name: 'products',
 *   schema: { name: { type: 'string', required: true, size: 255 }, price: { type: 'float', required: true, min: 0 } },
 *   indexes: [{ key: 'by_price', type: 'key', attributes: ['price'] }],
 * } as const satisfies TableDefinition;
 * ```
 */
export interface TableDefinition<N extends string = string, S extends SchemaDefinition = SchemaDefinition> {
  readonly name: N;
  readonly id?: string;
  readonly schema: S;
  readonly indexes?: readonly IndexDefinition[];
  readonly permissions?: readonly string[];
  readonly rowSecurity?: boolean;
  readonly cache?: false | { readonly ttl?: number };
}

/**
 * Declares one table outside of `init([...])` while keeping its literal types (field types, enum values,
 * `required: true`) without writing `as const`.
 *
 * @example
 * ```ts
 * export const products = defineTable({ name: 'products', schema: { name: { type: 'string', required: true } } });
 * const db = await orm.init([products]);
 * ```
 */
export function defineTable<const D extends TableDefinition>(definition: D & StrictTable<D>): D {
  return definition;
}

/** `D` with every key no declaration accepts typed `never`, so that a typo (`requried`) fails to compile. */
export type StrictTable<D extends TableDefinition> = {
  readonly [P in keyof D]: P extends 'schema'
    ? { readonly [K in keyof D['schema']]: StrictField<D['schema'][K]> }
    : P extends 'indexes'
      ? StrictIndexes<D[P]>
      : P extends keyof TableDefinition ? D[P] : never;
};

type StrictIndexes<X> = { readonly [I in keyof X]: Only<X[I], IndexDefinition> };

type StrictField<F> = F extends { readonly type: infer T } ? Only<F, Extract<FieldDefinition, { readonly type: T }>> : F;

type Only<V, Allowed> = { readonly [P in keyof V]: P extends keyof Allowed ? V[P] : never };

/**
 * The Appwrite table id of a declaration: `id` when given, else `name`.
 *
 * @example
 * ```ts
 * tableId({ name: 'products' });              // 'products'
 * tableId({ name: 'products', id: 'prod' }); // 'prod'
 * ```
 */
export function tableId(definition: Pick<TableDefinition, 'name' | 'id'>): string {
  return definition.id ?? definition.name;
}

/** The names of a list of table declarations, as a union of literals. */
export type TableName<T extends readonly TableDefinition[]> = T[number]['name'];

/** The declaration named `N` in a list of table declarations. */
export type TableByName<T extends readonly TableDefinition[], N extends TableName<T>> = Extract<T[number], { readonly name: N }>;
