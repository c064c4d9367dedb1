import { describe, expect, it } from 'vitest';
import { bigintFields } from '../../docs/examples/bigint-fields.js';

describe('docs: bigint fields', () => {
  it('runs as written: exact values, filters, steps and figures beyond 2^53; lossy numbers refused', async () => {
    const views = 2n ** 62n + 2n ** 61n;
    expect(await bigintFields()).toEqual({
      home: views,
      about: 5n,
      figures: { count: 2, sum: { views: views + 5n, shard: 0 }, avg: { views: Number(views + 5n) / 2 }, min: {}, max: { views } },
      refusals: ['write', 'filter'],
    });
  });
});
