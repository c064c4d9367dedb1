import { describe, expect, it } from 'vitest';
import { atomicUpdates } from '../../docs/examples/atomic-updates.js';

describe('docs: atomic updates', () => {
  it('runs as written: concurrent decrements both count, bounds clamp, the returned rows hold the results', async () => {
    await expect(atomicUpdates()).resolves.toEqual({
      afterSale: { stock: 0, price: 1, featured: true, tags: ['office', 'sale'] },
      restocked: 1,
      stock: 10,
      tags: ['office'],
      refused: 'Invalid row for table "products": field "tags": increment applies to integer and float fields; this is an array of string',
    });
  });
});
