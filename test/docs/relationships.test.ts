import { describe, expect, it } from 'vitest';
import { relationships, relationshipsAcrossInstances } from '../../docs/examples/relationships.js';

describe('docs: relationships', () => {
  it('runs as written: ids without with, related rows with it, fresh after a related write and a cascade', async () => {
    await expect(relationships()).resolves.toEqual({ authorId: 'ann', authorName: 'Ann', titles: ['Hello'], renamed: 'Ann B.', left: 0 });
  });

  it('runs as written: a second instance hears the related write and the cascade over Redis', async () => {
    await expect(relationshipsAcrossInstances()).resolves.toEqual({ renamedOnB: 'Ann B.', leftOnB: 0 });
  });
});
