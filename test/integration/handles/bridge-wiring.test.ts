import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createAppwriteClient } from '../../../src/appwrite/appwrite-client.js';
import type { Database } from '../../../src/server/database.js';
import { openDatabase, type DatabaseConfig } from '../../../src/server/database-open.js';
import { startHandlesFixture, tables, type HandlesFixture } from './handles-fixture.js';
import { describeLocal } from '../../helpers/appwrite-target.js';

let fx: HandlesFixture;
beforeAll(async () => {
  fx = await startHandlesFixture();
});
afterAll(async () => {
  await fx.close();
});

function instance(channel: string, id: string): Database<typeof tables> {
  const { config, emu } = fx;
  if (config.cache === false) throw new Error('the fixture caches');
  const withRedis: DatabaseConfig = { ...config, cache: { ...config.cache, redis: 'redis://127.0.0.1:6379', channel, instanceId: id }, logger: { ...config.logger, warn: () => undefined } };
  const client = createAppwriteClient({ endpoint: emu.endpoint, projectId: emu.projectId, credentials: { apiKey: emu.apiKey } });
  return openDatabase({ config: withRedis, tables, client });
}

describeLocal('openDatabase with cache.redis', () => {
  it('starts the bridge: a write on one instance invalidates the other; close() stops it', async () => {
    const channel = `appwrite-orm-test:${randomUUID()}`;
    const one = instance(channel, 'one');
    const two = instance(channel, 'two');
    try {
      await vi.waitFor(() => {
        expect(one.bridgeStats()?.state).toBe('connected');
        expect(two.bridgeStats()?.state).toBe('connected');
      }, { timeout: 5_000, interval: 5 });
      const before = await two.table('products').find();
      expect(two.table('products').isUpdated()).toBe(true);
      await one.table('products').create({ name: 'Bridged', price: 1, category: 'office' }, { id: 'bridged' });
      await vi.waitFor(() => expect(two.table('products').isUpdated()).toBe(false), { timeout: 5_000, interval: 5 });
      const after = await two.table('products').find();
      expect(after.length).toBe(before.length + 1);
      expect(two.bridgeStats()?.applied).toBeGreaterThan(0);

      await two.closeListeners();
      expect(two.bridgeStats()?.state).toBe('stopped');
      expect(two.table('products').isUpdated()).toBe(false);
    } finally {
      await one.close();
      await two.close();
    }
    expect(one.bridgeStats()?.state).toBe('closed');
  });

  it('starts no bridge without cache.redis', () => {
    expect(fx.db.bridgeStats()).toBeUndefined();
  });
});
