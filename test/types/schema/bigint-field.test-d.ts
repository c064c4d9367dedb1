import { describe, expectTypeOf, it } from 'vitest';
import { defineTable } from '../../../src/schema/table-definition.js';
import type { InferInsert, InferPatch, InferRow, OperatorFor } from '../../../src/schema/infer.js';
import type { ArrayOperator } from '../../../src/schema/operator.js';
import type { TableHandle } from '../../../src/server/table-handle.js';
import type { AggregateResult } from '../../../src/server/table-aggregate.js';

const _schema = {
  views: { type: 'bigint', required: true },
  limit: { type: 'bigint', min: 0n, max: 10, default: 5n },
  history: { type: 'bigint', array: true },
} as const;

describe('bigint fields', () => {
  it('read as bigint (lists of bigint for arrays), never as number', () => {
    type Row = InferRow<typeof _schema>;
    expectTypeOf<Row['views']>().toEqualTypeOf<bigint>();
    expectTypeOf<Row['limit']>().toEqualTypeOf<bigint | null>();
    expectTypeOf<Row['history']>().toEqualTypeOf<readonly bigint[] | null>();
  });

  it('take a bigint or a number on writes', () => {
    type Insert = InferInsert<typeof _schema>;
    expectTypeOf<Insert['views']>().toEqualTypeOf<bigint | number>();
    expectTypeOf<{ views: 5n }>().toMatchTypeOf<Insert>();
    expectTypeOf<{ views: 5 }>().toMatchTypeOf<Insert>();
    expectTypeOf<{ views: '5' }>().not.toMatchTypeOf<Insert>();
  });

  it('take no numeric operator (Appwrite 1.9 refuses them on bigint columns), array operators on lists', () => {
    expectTypeOf<OperatorFor<{ readonly type: 'bigint' }>>().toBeNever();
    expectTypeOf<OperatorFor<{ readonly type: 'bigint'; readonly array: true }>>().toEqualTypeOf<ArrayOperator<bigint | number>>();
    expectTypeOf<InferPatch<typeof _schema>['views']>().toEqualTypeOf<bigint | number | undefined>();
  });

  it('declare min, max and default as bigint or number', () => {
    const _table = defineTable({ name: 'counters', schema: { n: { type: 'bigint', min: -1, max: 2n ** 62n, default: 0n } } });
    expectTypeOf<InferRow<typeof _table.schema>['n']>().toEqualTypeOf<bigint | null>();
    // @ts-expect-error a string is no bigint bound
    defineTable({ name: 'bad', schema: { n: { type: 'bigint', min: '1' } } });
  });

  it('step with bigints on bigint fields and numbers on the others', () => {
    const _counters = defineTable({ name: 'counters', schema: { views: { type: 'bigint', default: 0n }, stock: { type: 'integer', default: 0 }, label: { type: 'string' } } });
    type Handle = TableHandle<typeof _counters>;
    // Type-checked only: the calls never run.
    const _steps = (handle: Handle): unknown[] => [
      handle.increment('a', 'views', 2n ** 60n, { max: 2n ** 62n }),
      handle.decrement('a', 'views', 1, { min: 0n }),
      handle.increment('a', 'stock', 1),
      // @ts-expect-error integer fields take number steps only
      handle.increment('a', 'stock', 1n),
      // @ts-expect-error a string field takes no step
      handle.increment('a', 'label', 1),
    ];
    expectTypeOf(_steps).returns.toEqualTypeOf<unknown[]>();
  });

  it('aggregate bigint fields to bigint sums, minima and maxima, and number averages; other fields stay numbers', () => {
    const _counters = defineTable({ name: 'counters', schema: { views: { type: 'bigint', required: true }, stock: { type: 'integer' }, price: { type: 'float' }, label: { type: 'string' } } });
    type Handle = TableHandle<typeof _counters>;
    // Type-checked only: the calls never run.
    const _figures = (handle: Handle) => handle.aggregate({ count: true, sum: ['views', 'stock'], avg: ['views'], min: ['views', 'price'], max: ['views'] });
    type Figures = Awaited<ReturnType<typeof _figures>>;
    expectTypeOf<Figures['sum']['views']>().toEqualTypeOf<bigint>();
    expectTypeOf<Figures['sum']['stock']>().toEqualTypeOf<number>();
    expectTypeOf<Figures['min']['views']>().toEqualTypeOf<bigint | null>();
    expectTypeOf<Figures['min']['price']>().toEqualTypeOf<number | null>();
    expectTypeOf<Figures['max']['views']>().toEqualTypeOf<bigint | null>();
    expectTypeOf<Figures['avg']['views']>().toEqualTypeOf<number | null>();
    expectTypeOf<Figures['count']>().toEqualTypeOf<number>();
    // Without bigint columns the result is the plain number form.
    expectTypeOf<AggregateResult<'stock'>['sum']['stock']>().toEqualTypeOf<number>();
    // @ts-expect-error a string field is not aggregated
    const _bad = (handle: Handle) => handle.aggregate({ sum: ['label'] });
    expectTypeOf(_bad).returns.not.toBeAny();
  });

  it('filter bigint fields with bigints or safe numbers, one value, a list or null', () => {
    const _counters = defineTable({ name: 'counters', schema: { views: { type: 'bigint', required: true }, history: { type: 'bigint', array: true }, label: { type: 'string' } } });
    type Handle = TableHandle<typeof _counters>;
    // Type-checked only: the calls never run.
    const _reads = (handle: Handle): unknown[] => [
      handle.find({ views: 2n ** 60n }),
      handle.find({ views: [1n, 2, 2n ** 62n] }),
      handle.find({ history: 5n, views: null }),
      handle.findOne({ views: 5 }),
      handle.count({ views: 2n ** 60n }),
      handle.findOrCreate({ views: 2n ** 60n }, { label: 'big' }),
      handle.findOneOrDefault({ views: 1n }, { label: 'none' }),
      handle.getOrDefault('a', { views: 2n ** 60n }),
      // @ts-expect-error a string is no bigint filter value
      handle.find({ views: '5' }),
    ];
    expectTypeOf(_reads).returns.toEqualTypeOf<unknown[]>();
  });
});
