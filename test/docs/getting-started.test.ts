import { describe, expect, it } from 'vitest';
import { gettingStarted } from '../../docs/examples/getting-started.js';

describe('docs: getting started', () => {
  it('runs as written', async () => {
    await expect(gettingStarted()).resolves.toEqual({ cheapest: 'Pen', freshAfterRead: true, freshAfterWrite: false });
  });
});
