import { describe, expect, it } from 'vitest';
import { twoInstances } from '../../docs/examples/multiple-instances.js';

describe('docs: multiple instances', () => {
  it('runs as written: a write on one instance invalidates the other through Redis', async () => {
    const result = await twoInstances();
    expect(result).toMatchObject({ freshOnB: true, staleOnB: false, rowsOnB: 1 });
    expect(result.received).toBeGreaterThan(0);
  });
});
