import { describe, expectTypeOf, it } from 'vitest';
import type { InferPatch, InferUpsert, OperatorFor } from '../../../src/schema/infer.js';
import { Operator, type ArrayOperator, type BooleanOperator, type DatetimeOperator, type NumericOperator, type TextOperator } from '../../../src/schema/operator.js';

const schema = {
  name: { type: 'string', required: true, size: 64 },
  sku: { type: 'varchar', size: 32 },
  body: { type: 'mediumtext' },
  price: { type: 'float', required: true },
  stock: { type: 'integer', required: true },
  active: { type: 'boolean' },
  saleEndsAt: { type: 'datetime' },
  tags: { type: 'string', array: true, size: 32 },
  scores: { type: 'integer', array: true },
  days: { type: 'datetime', array: true },
  status: { type: 'enum', enum: ['draft', 'live'] },
  statuses: { type: 'enum', enum: ['draft', 'live'], array: true },
  contact: { type: 'email' },
  maker: { type: 'relationship', table: 'makers', relation: 'manyToOne' },
} as const;

type Patch = InferPatch<typeof schema>;

describe('operator typing', () => {
  it('maps each field to the operators that fit it', () => {
    expectTypeOf(schema.stock.type).toEqualTypeOf<'integer'>();
    expectTypeOf<OperatorFor<typeof schema.stock>>().toEqualTypeOf<NumericOperator>();
    expectTypeOf<OperatorFor<typeof schema.body>>().toEqualTypeOf<TextOperator>();
    expectTypeOf<OperatorFor<typeof schema.tags>>().toEqualTypeOf<ArrayOperator<string>>();
    expectTypeOf<OperatorFor<typeof schema.contact>>().toBeNever();
    expectTypeOf<OperatorFor<typeof schema.maker>>().toBeNever();
  });

  it('maps every field type: numbers, each text type, booleans, datetimes, arrays by element, nothing on enum/email/url/ip', () => {
    expectTypeOf<OperatorFor<{ type: 'float' }>>().toEqualTypeOf<NumericOperator>();
    expectTypeOf<OperatorFor<{ type: 'string' }>>().toEqualTypeOf<TextOperator>();
    expectTypeOf<OperatorFor<{ type: 'varchar' }>>().toEqualTypeOf<TextOperator>();
    expectTypeOf<OperatorFor<{ type: 'text' }>>().toEqualTypeOf<TextOperator>();
    expectTypeOf<OperatorFor<{ type: 'mediumtext' }>>().toEqualTypeOf<TextOperator>();
    expectTypeOf<OperatorFor<{ type: 'longtext' }>>().toEqualTypeOf<TextOperator>();
    expectTypeOf<OperatorFor<{ type: 'text'; encrypt: true }>>().toEqualTypeOf<TextOperator>();
    expectTypeOf<OperatorFor<{ type: 'boolean' }>>().toEqualTypeOf<BooleanOperator>();
    expectTypeOf<OperatorFor<{ type: 'datetime' }>>().toEqualTypeOf<DatetimeOperator>();
    expectTypeOf<OperatorFor<{ type: 'float'; array: true }>>().toEqualTypeOf<ArrayOperator<number>>();
    expectTypeOf<OperatorFor<{ type: 'boolean'; array: true }>>().toEqualTypeOf<ArrayOperator<boolean>>();
    expectTypeOf<OperatorFor<{ type: 'enum'; enum: readonly ['a', 'b']; array: true }>>().toEqualTypeOf<ArrayOperator<'a' | 'b'>>();
    expectTypeOf<OperatorFor<{ type: 'email'; array: true }>>().toEqualTypeOf<ArrayOperator<string>>();
    expectTypeOf<OperatorFor<{ type: 'email' }>>().toBeNever();
    expectTypeOf<OperatorFor<{ type: 'url' }>>().toBeNever();
    expectTypeOf<OperatorFor<{ type: 'ip' }>>().toBeNever();
    expectTypeOf<OperatorFor<{ type: 'enum'; enum: readonly ['a'] }>>().toBeNever();
  });

  it('accepts operators on the fields they fit', () => {
    const change: Patch = {
      stock: Operator.decrement(1, 0),
      price: Operator.multiply(1.1),
      name: Operator.stringConcat('!'),
      sku: Operator.stringReplace('a', 'b'),
      body: Operator.stringConcat('more'),
      active: Operator.toggle(),
      saleEndsAt: Operator.dateAddDays(7),
      tags: Operator.arrayAppend(['sale']),
      scores: Operator.arrayFilter('greaterThan', 3),
      days: Operator.arrayPrepend([new Date(), '2030-01-01T00:00:00.000Z']),
      statuses: Operator.arrayRemove('draft'),
    };
    expectTypeOf(change).not.toBeAny();
    const other: Patch = { tags: Operator.arrayUnique(), scores: Operator.arrayFilter('isNull'), saleEndsAt: Operator.dateSetNow(), stock: 5 };
    expectTypeOf(other).not.toBeAny();
  });

  it('refuses operators on fields they do not fit', () => {
    // @ts-expect-error a numeric operator on a text field
    const a: Patch = { name: Operator.increment(1) };
    // @ts-expect-error a text operator on a number
    const b: Patch = { stock: Operator.stringConcat('x') };
    // @ts-expect-error toggle fits booleans only
    const c: Patch = { saleEndsAt: Operator.toggle() };
    // @ts-expect-error numbers appended to a list of strings
    const d: Patch = { tags: Operator.arrayAppend([1]) };
    // @ts-expect-error an array operator on a single value
    const e: Patch = { stock: Operator.arrayAppend([1]) };
    // @ts-expect-error a value outside the enum
    const f: Patch = { statuses: Operator.arrayAppend(['gone']) };
    // @ts-expect-error no operator applies to an email field
    const g: Patch = { contact: Operator.stringConcat('x') };
    // @ts-expect-error nor to a relationship
    const h: Patch = { maker: Operator.stringConcat('x') };
    // @ts-expect-error node-appwrite's operators are plain strings: refused on a number
    const i: Patch = { stock: '{"method":"increment","values":[1]}' };
    // @ts-expect-error an operator object written by hand is not an Operator
    const j: Patch = { stock: { method: 'increment', values: [1] } };
    expectTypeOf([a, b, c, d, e, f, g, h, i, j]).not.toBeAny();
  });

  it('keeps upsert data complete: required fields may come as operators', () => {
    const row: InferUpsert<typeof schema> = { name: 'Pen', price: 2, stock: Operator.increment(5) };
    expectTypeOf(row).not.toBeAny();
    // @ts-expect-error `stock` is required
    const missing: InferUpsert<typeof schema> = { name: 'Pen', price: 2 };
    expectTypeOf(missing).not.toBeAny();
  });
});
