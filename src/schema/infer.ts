import type { FieldDefinition, SchemaDefinition } from './field-definition.js';
import type { ArrayOperator, BooleanOperator, DatetimeOperator, NumericOperator, TextOperator } from './operator.js';
import type { TableDefinition } from './table-definition.js';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value of one element of a field, as read back from Appwrite (datetimes stay ISO strings, bigints are `bigint`). */
type ReadScalar<F extends FieldDefinition> = F extends { readonly type: 'integer' | 'float' }
  ? number
  : F extends { readonly type: 'bigint' }
    ? bigint
    : F extends { readonly type: 'boolean' }
    ? boolean
      : F extends { readonly type: 'enum'; readonly enum: readonly (infer E)[] }
        ? E
        : string;

/** Datetimes are written as ISO strings or `Date`s, bigints as `bigint`s or safe integer numbers; every other scalar as it is read. */
type WriteScalar<F extends FieldDefinition> = F extends { readonly type: 'datetime' }
  ? string | Date
  : F extends { readonly type: 'bigint' }
    ? bigint | number
    : ReadScalar<F>;

/** `array: true` gives a list, an absent or `false` flag a scalar, a widened `boolean` flag either. */
type Arrayed<F extends FieldDefinition, V> = 'array' extends keyof F
  ? F extends { readonly array: true }
    ? readonly V[]
    : F extends { readonly array: false }
      ? V
      : V | readonly V[]
  : V;

type RequiredKeys<S extends SchemaDefinition> = {
  [K in keyof S]: S[K] extends { readonly required: true } ? K : never;
}[keyof S];
type OptionalKeys<S extends SchemaDefinition> = Exclude<keyof S, RequiredKeys<S>>;

/** Relationship fields whose rows link many related rows: rows carry them only when a read loads them. */
type ManyRelationKeys<S extends SchemaDefinition> = {
  [K in keyof S]: S[K] extends { readonly type: 'relationship'; readonly relation: 'oneToMany' | 'manyToMany' } ? K : never;
}[keyof S];

/**
 * Fields Appwrite adds to every row. All read-only; `$sequence` is a string (Appwrite 1.9), dates are
 * ISO 8601 strings.
 */
export interface SystemFields {
  readonly $id: string;
  readonly $sequence: string;
  readonly $createdAt: string;
  readonly $updatedAt: string;
  readonly $permissions: readonly string[];
  readonly $tableId: string;
  readonly $databaseId: string;
}

/**
 * A row as reads return it: every declared field (optional ones `T | null`), arrays as read-only lists,
 * plus the {@link SystemFields}. Everything is read-only: cached rows are shared and frozen.
 *
 * @example
 * ```ts
 * const schema = { name: { type: 'string', required: true }, price: { type: 'float' } } as const;
 * type Product = InferRow<typeof schema>; // { readonly name: string; readonly price: number | null; readonly $id: string; ... }
 * ```
 */
export type InferRow<S extends SchemaDefinition> = Simplify<
  { readonly [K in RequiredKeys<S>]: Arrayed<S[K], ReadScalar<S[K]>> } & {
    readonly [K in Exclude<OptionalKeys<S>, ManyRelationKeys<S>>]: Arrayed<S[K], ReadScalar<S[K]>> | null;
  } & SystemFields
>;

/** The data a create takes, with datetimes as written (`string | Date`) or as sent (ISO string). */
type InsertShape<S extends SchemaDefinition, Serialized extends boolean> = Simplify<
  { [K in RequiredKeys<S>]: Arrayed<S[K], Serialized extends true ? ReadScalar<S[K]> : WriteScalar<S[K]>> } & {
    [K in Exclude<OptionalKeys<S>, ManyRelationKeys<S>>]?: Arrayed<S[K], Serialized extends true ? ReadScalar<S[K]> : WriteScalar<S[K]>> | null;
  } & {
    /** Many sides of a relationship take the related row IDs. */
    [K in ManyRelationKeys<S>]?: readonly string[] | null;
  }
>;

/**
 * The data `create()` takes: required fields must be present, the others may be omitted or `null`;
 * datetimes accept a string or a `Date`; keys the schema does not declare are a compile error.
 *
 * @example
 * ```ts
 * const schema = { name: { type: 'string', required: true }, publishedAt: { type: 'datetime' } } as const;
 * const data: InferInsert<typeof schema> = { name: 'Pen', publishedAt: new Date() };
 * ```
 */
export type InferInsert<S extends SchemaDefinition> = InsertShape<S, false>;

/**
 * What {@link InferInsert} data becomes after validation: datetimes are ISO strings.
 *
 * @example
 * ```ts
 * const sent: SerializedInsert<typeof schema> = validateInsert(products, { name: 'Pen', publishedAt: new Date() });
 * ```
 */
export type SerializedInsert<S extends SchemaDefinition> = InsertShape<S, true>;

/**
 * The data `update()` takes: any subset of the fields; optional fields may be set to `null`.
 *
 * @example
 * ```ts
 * const change: InferUpdate<typeof productsTable.schema> = { publishedAt: null };
 * ```
 */
export type InferUpdate<S extends SchemaDefinition> = Partial<InferInsert<S>>;

/** What {@link InferUpdate} data becomes after validation: datetimes are ISO strings. */
export type SerializedUpdate<S extends SchemaDefinition> = Partial<SerializedInsert<S>>;

/**
 * The row type of a table declaration.
 *
 * @example
 * ```ts
 * type Product = RowOf<typeof productsTable>;
 * ```
 */
export type RowOf<D extends TableDefinition> = InferRow<D['schema']>;

/** The create data of a table declaration. */
export type InsertOf<D extends TableDefinition> = InferInsert<D['schema']>;

/** The update data of a table declaration. */
export type UpdateOf<D extends TableDefinition> = InferUpdate<D['schema']>;

/**
 * The operator a single-valued field takes: numeric, text, toggle or date operators; none for the others
 * (bigint fields included: Appwrite 1.9 applies numeric operators to integer and float columns only; the
 * table's `increment`/`decrement` methods work on bigint fields).
 */
type ScalarOperatorOf<F extends FieldDefinition> = F extends { readonly type: 'integer' | 'float' }
  ? NumericOperator
  : F extends { readonly type: 'string' | 'varchar' | 'text' | 'mediumtext' | 'longtext' }
    ? TextOperator
    : F extends { readonly type: 'boolean' }
      ? BooleanOperator
      : F extends { readonly type: 'datetime' }
        ? DatetimeOperator
        : never;

/**
 * The operators a field accepts in update data: array operators naming items of the field's type on array
 * fields, the operators of its type on the others, none on relationship, email, url, ip and enum fields.
 *
 * @example
 * ```ts
 * type StockOps = OperatorFor<{ type: 'integer' }>;                  // NumericOperator
 * type TagOps = OperatorFor<{ type: 'string'; array: true }>;        // ArrayOperator<string>
 * ```
 */
export type OperatorFor<F extends FieldDefinition> = F extends { readonly type: 'relationship' }
  ? never
  : 'array' extends keyof F
    ? F extends { readonly array: true }
      ? ArrayOperator<WriteScalar<F>>
      : F extends { readonly array: false }
        ? ScalarOperatorOf<F>
        : ArrayOperator<WriteScalar<F>> | ScalarOperatorOf<F>
    : ScalarOperatorOf<F>;

/** `T` with each field also accepting an operator that fits it (optional fields stay optional). */
type WithOperators<S extends SchemaDefinition, T> = { [K in keyof T]: T[K] | (K extends keyof S ? OperatorFor<S[K]> : never) };

/**
 * The data `update()`, `bulkUpdate()` and `updateWhere()` take: {@link InferUpdate}, where a field may also
 * be given an `Operator` that fits it (`Operator.increment(1)` on a number, `Operator.arrayAppend(['a'])`
 * on a list of strings...).
 *
 * @example
 * ```ts
 * const change: InferPatch<typeof productsTable.schema> = { stock: Operator.decrement(1, 0), name: 'Pen' };
 * ```
 */
export type InferPatch<S extends SchemaDefinition> = WithOperators<S, InferUpdate<S>>;

/**
 * The data `upsert()` and `bulkUpsert()` take: {@link InferInsert}, where a field may also be given an
 * `Operator` (applied to the stored value, or to NULL on a new row).
 */
export type InferUpsert<S extends SchemaDefinition> = WithOperators<S, InferInsert<S>>;

/** The update data of a table declaration, operators included. */
export type PatchOf<D extends TableDefinition> = InferPatch<D['schema']>;

/** The upsert data of a table declaration, operators included. */
export type UpsertOf<D extends TableDefinition> = InferUpsert<D['schema']>;
