import { describe, expect, it } from 'vitest';
import { cacheRecipes } from '../../docs/examples/cache-recipes.js';

describe('docs: cache recipes', () => {
  it('runs as written', async () => {
    expect(await cacheRecipes()).toEqual({
      created: [true, false], sameRow: true, prefs: { $id: 'user-1', theme: 'light', locale: 'en' },
      figures: { count: 3, sum: { price: 30 }, avg: { price: 10 }, min: {}, max: { price: 25 } }, computed: 1, stockRequests: 2,
    });
  });
});
