import type { RowOf } from './infer.js';
import type { TableDefinition } from './table-definition.js';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** One relationship end a table's rows show: its key, the related table's name, and whether it links many rows. */
interface EndType {
  readonly key: string;
  readonly table: string;
  readonly many: boolean;
}

/** The relationship fields a table declares. */
type OwnEnds<D extends TableDefinition> = {
  [K in keyof D['schema'] & string]: D['schema'][K] extends { readonly type: 'relationship'; readonly table: infer N extends string; readonly relation: infer R }
    ? { readonly key: K; readonly table: N; readonly many: R extends 'oneToMany' | 'manyToMany' ? true : false }
    : never;
}[keyof D['schema'] & string];

/** The Appwrite id of a declaration: its `id` when it declares one, else its `name`. */
type TableIdOf<P extends TableDefinition> = P extends { readonly id: infer I extends string } ? I : P['name'];

/** The key a two-way relationship field of table `P` takes on its related table: `twoWayKey`, else `P`'s id (as Appwrite names it). */
type PartnerKey<P extends TableDefinition, F> = F extends { readonly twoWayKey: infer W extends string } ? W : TableIdOf<P>;

/** The ends other tables' two-way relationships put on table `N`, under their `twoWayKey` (default: their table id). */
type PartnerEnds<T extends readonly TableDefinition[], N extends string> = T[number] extends infer P
  ? P extends TableDefinition
    ? {
        [K in keyof P['schema'] & string]: P['schema'][K] extends {
          readonly type: 'relationship'; readonly table: N; readonly twoWay: true; readonly relation: infer R;
        }
          ? { readonly key: PartnerKey<P, P['schema'][K]>; readonly table: P['name']; readonly many: R extends 'manyToOne' | 'manyToMany' ? true : false }
          : never;
      }[keyof P['schema'] & string]
    : never
  : never;

/** Every relationship end rows of `D` show (declared fields, and two-way keys declared by other tables). */
type RelationEnds<T extends readonly TableDefinition[], D extends TableDefinition> = OwnEnds<D> | PartnerEnds<T, D['name']>;

type DefinitionNamed<T extends readonly TableDefinition[], N> = Extract<T[number], { readonly name: N }>;
type EndNamed<T extends readonly TableDefinition[], D extends TableDefinition, K> = Extract<RelationEnds<T, D>, { readonly key: K }>;

/**
 * The `with` paths a read of `D` may name: a relationship key, or two joined by a dot (`'author.company'`).
 *
 * @example
 * ```ts
 * type Paths = WithPath<typeof tables, typeof posts>; // 'author' | 'author.company' | ...
 * ```
 */
export type WithPath<T extends readonly TableDefinition[], D extends TableDefinition> = {
  [E in RelationEnds<T, D> as E['key']]: E['key'] | `${E['key']}.${RelationEnds<T, DefinitionNamed<T, E['table']>>['key']}`;
}[RelationEnds<T, D>['key']];

/** Single-side two-way keys other tables put on `D`: rows show the related ID there. */
type PartnerIds<T extends readonly TableDefinition[], D extends TableDefinition> = {
  readonly [E in PartnerEnds<T, D['name']> as E['many'] extends true ? never : E['key']]: string | null;
};

/**
 * A row of `D` read without `with`, in a database of tables `T`: {@link RowOf} plus the related ID under
 * each single-side two-way key another table declares towards `D`.
 */
type PlainRow<T extends readonly TableDefinition[], D extends TableDefinition> = Simplify<RowOf<D> & PartnerIds<T, D>>;

type Head<P extends string> = P extends `${infer H}.${string}` ? H : P;
type Tail<P extends string, H extends string> = P extends `${H}.${infer R}` ? R : never;

type Loaded<T extends readonly TableDefinition[], E extends EndType, Rest extends string> = E['many'] extends true
  ? readonly RowWith<T, DefinitionNamed<T, E['table']>, Rest>[]
  : RowWith<T, DefinitionNamed<T, E['table']>, Rest> | null;

/**
 * A row of `D` read with `with: W`: each named relationship holds the related row (`null` when unlinked) or
 * the list of related rows, loaded as deep as the paths say; other fields are as {@link RowOf} gives them.
 *
 * @example
 * ```ts
 * type PostWithAuthor = RowWith<typeof tables, typeof posts, 'author'>; // post.author: author row | null
 * ```
 */
export type RowWith<T extends readonly TableDefinition[], D extends TableDefinition, W extends string> = [W] extends [never]
  ? PlainRow<T, D>
  : Simplify<Omit<PlainRow<T, D>, Head<W>> & {
      readonly [K in Head<W>]: EndNamed<T, D, K> extends infer E extends EndType ? Loaded<T, E, Tail<W, K>> : never;
    }>;
