import { describe, expect, it } from 'vitest';
import { sharedCache } from '../../docs/examples/shared-cache.js';

describe('docs: the shared cache', () => {
  it('runs as written: a second instance reads from Redis without asking Appwrite, and reads its own write', async () => {
    expect(await sharedCache()).toEqual({ rowsOnB: 1, appwriteRequests: 0, afterWrite: 2, hits: 1 });
  });
});
