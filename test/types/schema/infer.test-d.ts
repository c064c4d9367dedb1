import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { defineTable, type TableByName, type TableDefinition, type TableName } from '../../../src/schema/table-definition.js';
import type { InferInsert, InferRow, InferUpdate, RowOf, SystemFields } from '../../../src/schema/infer.js';
import type { SchemaDefinition } from '../../../src/schema/field-definition.js';
import { rowSchemas } from '../../../src/schema/row-schemas.js';
import { validateInsert, validateUpdate } from '../../../src/schema/row-validation.js';

const schema = {
  name: { type: 'string', required: true, size: 255 },
  price: { type: 'float', required: true, min: 0 },
  stock: { type: 'integer', default: 0 },
  tags: { type: 'string', array: true, size: 32 },
  status: { type: 'enum', enum: ['draft', 'live'], default: 'draft' },
  publishedAt: { type: 'datetime' },
  active: { type: 'boolean', required: true },
  contact: { type: 'email' },
  scores: { type: 'integer', array: true, required: true },
} as const;

type Product = InferRow<typeof schema>;

/** Mirrors `ServerORM.init`'s signature: a `const` type parameter over the declarations. */
declare function init<const T extends readonly TableDefinition[]>(tables: T): { table<N extends TableName<T>>(name: N): RowOf<TableByName<T, N>> };

describe('InferRow', () => {
  it('types every field, optional ones nullable, arrays read-only, plus the system fields', () => {
    expectTypeOf<Product>().not.toBeAny();
    expectTypeOf<Product>().toEqualTypeOf<{
      readonly name: string;
      readonly price: number;
      readonly stock: number | null;
      readonly tags: readonly string[] | null;
      readonly status: 'draft' | 'live' | null;
      readonly publishedAt: string | null;
      readonly active: boolean;
      readonly contact: string | null;
      readonly scores: readonly number[];
      readonly $id: string;
      readonly $sequence: string;
      readonly $createdAt: string;
      readonly $updatedAt: string;
      readonly $permissions: readonly string[];
      readonly $tableId: string;
      readonly $databaseId: string;
    }>();
    expectTypeOf<Product>().toExtend<SystemFields>();
  });

  it('makes rows read-only', () => {
    const row = {} as Product;
    // @ts-expect-error system fields are read-only
    row.$id = 'x';
    // @ts-expect-error fields are read-only
    row.name = 'x';
    // @ts-expect-error arrays are read-only
    row.scores?.push(1);
  });

  it('infers inline declarations passed to init without `as const`', () => {
    const db = init([
      { name: 'products', schema: { name: { type: 'string', required: true }, status: { type: 'enum', enum: ['a', 'b'] } } },
      { name: 'orders', id: 'orders_v1', schema: { total: { type: 'float', required: true } } },
    ]);
    expectTypeOf(db.table('products').name).toEqualTypeOf<string>();
    expectTypeOf(db.table('products').status).toEqualTypeOf<'a' | 'b' | null>();
    expectTypeOf(db.table('orders').total).toEqualTypeOf<number>();
    // @ts-expect-error unknown table name
    db.table('nope');
  });

  it('infers defineTable declarations without `as const`', () => {
    const products = defineTable({ name: 'products', schema: { n: { type: 'integer', required: true }, e: { type: 'enum', enum: ['q', 'r'] }, l: { type: 'url', array: true } } });
    type Row = RowOf<typeof products>;
    expectTypeOf<Row['n']>().toEqualTypeOf<number>();
    expectTypeOf<Row['e']>().toEqualTypeOf<'q' | 'r' | null>();
    expectTypeOf<Row['l']>().toEqualTypeOf<readonly string[] | null>();
    expectTypeOf(init([products]).table('products').n).toEqualTypeOf<number>();
  });

  it('degrades widened declarations to safe unions, never to any', () => {
    type Widened = { readonly flag: { readonly type: 'boolean'; readonly array: boolean } };
    expectTypeOf<InferRow<Widened>['flag']>().toEqualTypeOf<boolean | readonly boolean[] | null>();
    expectTypeOf<InferRow<SchemaDefinition>>().not.toBeAny();
    expectTypeOf<InferRow<SchemaDefinition>[string]>().not.toBeAny();
  });
});

describe('InferInsert and InferUpdate', () => {
  it('requires the required fields, accepts Date for datetimes and null for optional fields', () => {
    expectTypeOf<InferInsert<typeof schema>>().not.toBeAny();
    const ok: InferInsert<typeof schema> = { name: 'Pen', price: 1, active: true, scores: [1], publishedAt: new Date(), contact: null };
    expectTypeOf(ok).toExtend<InferInsert<typeof schema>>();
    // @ts-expect-error price is required
    const missing: InferInsert<typeof schema> = { name: 'Pen', active: true, scores: [] };
    // @ts-expect-error unknown keys are rejected
    const unknown: InferInsert<typeof schema> = { name: 'Pen', price: 1, active: true, scores: [], colour: 'red' };
    // @ts-expect-error enum values are checked
    const badEnum: InferInsert<typeof schema> = { name: 'Pen', price: 1, active: true, scores: [], status: 'gone' };
    void [missing, unknown, badEnum];
  });

  it('accepts any subset on update, null only for optional fields', () => {
    const change: InferUpdate<typeof schema> = { stock: null, publishedAt: '2024-01-01T00:00:00.000Z' };
    expectTypeOf(change).toExtend<InferUpdate<typeof schema>>();
    // @ts-expect-error a required field cannot be cleared
    const cleared: InferUpdate<typeof schema> = { name: null };
    // @ts-expect-error unknown keys are rejected
    const unknown: InferUpdate<typeof schema> = { colour: 'red' };
    void [cleared, unknown];
  });
});

describe('validators', () => {
  const products = defineTable({ name: 'products', schema });

  it('return serialised data typed from the declaration, usable as a plain record', () => {
    const data = validateInsert(products, {});
    expectTypeOf(data.publishedAt).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(data.name).toEqualTypeOf<string>();
    expectTypeOf(validateUpdate(products, {}).price).toEqualTypeOf<number | undefined>();
    const generic = <D extends TableDefinition>(definition: D): Record<string, unknown> => validateInsert(definition, {});
    void generic;
  });

  it('expose typed zod schemas', () => {
    type Schemas = ReturnType<typeof rowSchemas<typeof schema>>;
    expectTypeOf(rowSchemas(products)).toEqualTypeOf<Schemas>();
    expectTypeOf<z.output<Schemas['insert']>['publishedAt']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<z.input<Schemas['insert']>['publishedAt']>().toEqualTypeOf<string | Date | null | undefined>();
    expectTypeOf<z.output<Schemas['update']>>().not.toBeAny();
  });
});
