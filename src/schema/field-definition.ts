/**
 * Properties every field accepts.
 *
 * - `required`: the column must hold a value (rows read back never have `null` there). Cannot be combined
 *   with `default`. @default false
 * - `array`: the column holds a list of values. Array columns take no default and cannot be indexed.
 *   @default false
 * - `default`: value Appwrite stores when a row is created without one.
 * - `renamedFrom`: the key this field had before. A migration that finds the column under that key (and none
 *   under the new one) renames it in place, keeping its values and the indexes over it, instead of dropping
 *   it and creating an empty one. Harmless once the rename is done; remove it at leisure.
 */
interface BaseField<T> {
  readonly required?: boolean;
  readonly array?: boolean;
  readonly default?: T | null;
  readonly renamedFrom?: string;
}

/**
 * Properties of every text field (`string`, `varchar`, `text`, `mediumtext`, `longtext`).
 *
 * - `encrypt`: Appwrite stores the values encrypted. Appwrite cannot filter or order by an encrypted column,
 *   so the ORM refuses queries that name it; `string` and `varchar` fields need `size` >= 150. Set at
 *   creation only (changing it means a new column). @default false
 */
interface TextBaseField extends BaseField<string> {
  readonly encrypt?: boolean;
}

/**
 * Text, in Appwrite's `string` column. `size` is the maximum length in characters (1 to 1,073,741,824);
 * Appwrite stores it as VARCHAR up to 16,381 characters and as a TEXT type above. This is the column type
 * every Appwrite 1.9 server accepts, in createTable and on its own route (deprecated in favour of the
 * typed text columns since 1.9.0, still served). @default size 255
 *
 * @example
 * ```ts
 * const name = { type: 'string', required: true, size: 128 } as const;
 * ```
 */
export interface StringField extends TextBaseField {
  readonly type: 'string';
  readonly size?: number;
}

/**
 * Text in a `varchar` column (Appwrite 1.9): at most `size` characters, `size` from 1 to 16,381. Each
 * character counts 4 bytes towards the 65,535-byte row. @default size 255
 *
 * @example
 * ```ts
 * const sku = { type: 'varchar', size: 32, required: true } as const;
 * ```
 */
export interface VarcharField extends TextBaseField {
  readonly type: 'varchar';
  readonly size?: number;
}

/**
 * Long text (Appwrite 1.9), stored outside the row: `text` holds up to 65,535 characters, `mediumtext`
 * 16,777,215, `longtext` 2,147,483,647. A key or unique index over it needs `lengths`.
 *
 * @example
 * ```ts
 * const body = { type: 'mediumtext', required: true } as const;
 * ```
 */
export interface TextField extends TextBaseField {
  readonly type: 'text' | 'mediumtext' | 'longtext';
}

/**
 * A whole number (64-bit in Appwrite; values beyond ±2^53 lose precision in JavaScript: use a `bigint`
 * field for those).
 *
 * @example
 * ```ts
 * const stock = { type: 'integer', min: 0, default: 0 } as const;
 * ```
 */
export interface IntegerField extends BaseField<number> {
  readonly type: 'integer';
  readonly min?: number;
  readonly max?: number;
}

/**
 * A 64-bit whole number held exactly (Appwrite 1.9.5 or later: its `bigint` column). Rows carry it as a
 * JavaScript `bigint` whatever its size; writes take a `bigint` or a safe integer `number`. `min`, `max` and
 * `default` take either too, within -2^63 to 2^63 - 1.
 *
 * @example
 * ```ts
 * const views = { type: 'bigint', min: 0n, default: 0n } as const;
 * ```
 */
export interface BigintField extends BaseField<bigint | number> {
  readonly type: 'bigint';
  readonly min?: bigint | number;
  readonly max?: bigint | number;
}

/**
 * A floating-point number (Appwrite reports these columns as `double`).
 *
 * @example
 * ```ts
 * const price = { type: 'float', required: true, min: 0 } as const;
 * ```
 */
export interface FloatField extends BaseField<number> {
  readonly type: 'float';
  readonly min?: number;
  readonly max?: number;
}

/**
 * `true` or `false`.
 *
 * @example
 * ```ts
 * const active = { type: 'boolean', default: true } as const;
 * ```
 */
export interface BooleanField extends BaseField<boolean> {
  readonly type: 'boolean';
}

/**
 * A point in time. Rows carry it as the ISO 8601 string Appwrite returns; writes accept a string or a `Date`.
 *
 * @example
 * ```ts
 * const publishedAt = { type: 'datetime' } as const;
 * ```
 */
export interface DatetimeField extends BaseField<string | Date> {
  readonly type: 'datetime';
}

/**
 * An e-mail address (a string column with format `email`).
 *
 * @example
 * ```ts
 * const contact = { type: 'email', required: true } as const;
 * ```
 */
export interface EmailField extends BaseField<string> {
  readonly type: 'email';
}

/**
 * A URL (a string column with format `url`).
 *
 * @example
 * ```ts
 * const homepage = { type: 'url' } as const;
 * ```
 */
export interface UrlField extends BaseField<string> {
  readonly type: 'url';
}

/**
 * An IPv4 or IPv6 address (a string column with format `ip`).
 *
 * @example
 * ```ts
 * const lastIp = { type: 'ip' } as const;
 * ```
 */
export interface IpField extends BaseField<string> {
  readonly type: 'ip';
}

/**
 * One of a fixed list of strings. With `as const` (or inline in `init([...])`) the row type is the union
 * of the values.
 *
 * @example
 * ```ts
 * const status = { type: 'enum', enum: ['draft', 'live'], default: 'draft' } as const;
 * ```
 */
export interface EnumField<E extends string = string> extends BaseField<E> {
  readonly type: 'enum';
  readonly enum: readonly E[];
}

/** How many rows each side of a relationship links to. */
export type RelationType = 'oneToOne' | 'oneToMany' | 'manyToOne' | 'manyToMany';

/** What deleting a row does to the rows it is related to. @default 'restrict' */
export type OnDeleteAction = 'restrict' | 'cascade' | 'setNull';

/**
 * A link to rows of another declared table (an Appwrite relationship column).
 *
 * - `table`: the `name` of the related table's declaration.
 * - `relation`: `oneToOne`, `oneToMany` (this row links many), `manyToOne` (many rows link one) or `manyToMany`.
 * - `twoWay`: the related table's rows show the link too, under `twoWayKey`. @default false
 * - `twoWayKey`: the key on the related table. @default this table's id
 * - `onDelete`: `restrict` refuses deleting a row that still links, `cascade` deletes the linked rows too,
 *   `setNull` unlinks them. @default 'restrict'
 * - `renamedFrom`: the key this field had before. A migration that finds the relationship under that key
 *   (and none under the new one) renames it in place, keeping every link; the related table's two-way key
 *   follows. It must name a relationship column: Appwrite cannot turn another column into a relationship.
 * - `twoWayKeyRenamedFrom`: the `twoWayKey` this two-way relationship had before. A migration that finds
 *   the related table's side under that key renames it in place (links kept) instead of recreating the
 *   relationship.
 *
 * Rows carry the related row's ID on single sides (`oneToOne`, `manyToOne`) and nothing on many sides, unless
 * a read asks for the related rows with `with: ['key']`. Writes take IDs (a list of IDs on many sides).
 *
 * @example
 * ```ts
 * const author = { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts', onDelete: 'cascade' } as const;
 * // Renamed from `writer`, and the authors' side from `articles`, keeping the links:
 * const byline = { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts', renamedFrom: 'writer', twoWayKeyRenamedFrom: 'articles' } as const;
 * ```
 */
export interface RelationshipField<T extends string = string> {
  readonly type: 'relationship';
  readonly table: T;
  readonly relation: RelationType;
  readonly twoWay?: boolean;
  readonly twoWayKey?: string;
  readonly onDelete?: OnDeleteAction;
  readonly renamedFrom?: string;
  readonly twoWayKeyRenamedFrom?: string;
  /** Relationship columns are never required, never arrays and have no default. */
  readonly required?: false;
  readonly array?: false;
  readonly default?: null;
}

/** Any field declaration. The `type` decides the column Appwrite creates and the TypeScript type of the value. */
export type FieldDefinition =
  | StringField
  | VarcharField
  | TextField
  | IntegerField
  | BigintField
  | FloatField
  | BooleanField
  | DatetimeField
  | EmailField
  | UrlField
  | IpField
  | EnumField
  | RelationshipField;

/** Every field type name. */
export type FieldType = FieldDefinition['type'];

/** The field types, in declaration order (for run-time checks). */
export const FIELD_TYPES: readonly FieldType[] = ['string', 'varchar', 'text', 'mediumtext', 'longtext', 'integer', 'bigint', 'float', 'boolean', 'datetime', 'email', 'url', 'ip', 'enum', 'relationship'];

/**
 * A table's fields, keyed by column key.
 *
 * @example
 * ```ts
 * const schema = { name: { type: 'string', required: true }, price: { type: 'float', min: 0 } } as const satisfies SchemaDefinition;
 * ```
 */
export type SchemaDefinition = Readonly<Record<string, FieldDefinition>>;

/** Size given to string and varchar columns declared without one. */
export const DEFAULT_STRING_SIZE = 255;

/** The text field types: one string value per element, `stringConcat` and `stringReplace` apply, `encrypt` allowed. */
export const TEXT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['string', 'varchar', 'text', 'mediumtext', 'longtext']);

/** Maximum length of the text-family columns, whose size Appwrite fixes (reference §3.4). */
export const TEXT_TYPE_LENGTHS: Readonly<Record<'text' | 'mediumtext' | 'longtext', number>> = {
  text: 65_535,
  mediumtext: 16_777_215,
  longtext: 2_147_483_647,
};
