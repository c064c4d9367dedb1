import { describe, expect, it } from 'vitest';
import { AppwriteError } from '../../../src/errors/appwrite-error.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import { resolveConfig } from '../../../src/server/config.js';
import { openDatabase } from '../../../src/server/database-open.js';
import { createAppwriteClient } from '../../../src/appwrite/appwrite-client.js';
import { tables, useHandlesFixture } from './handles-fixture.js';
import { itLocal } from '../../helpers/appwrite-target.js';

const fx = useHandlesFixture({ seedRows: 2 });

describe('request deadlines', () => {
  itLocal('a stalled Appwrite fails every joined reader with request_timeout, and the error is not cached', async () => {
    fx.emu.faults.add({ operation: 'getRow', delayMs: 1_500 });
    const products = fx.db.table('products');
    const started = Date.now();
    const readers = [products.get('p0', { timeoutMs: 50 }), products.get('p0'), products.get('p0')];
    const outcomes = await Promise.allSettled(readers);
    const elapsed = Date.now() - started;
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as AppwriteError;
      expect(error).toBeInstanceOf(AppwriteError);
      expect(error).toMatchObject({ status: 0, type: 'request_timeout', context: { table: 'products', rowId: 'p0' } });
      expect(error.message).toContain('within 50 ms');
    }
    // Three attempts of 50 ms each (the fixture's retry policy), well before the 1.5 s stall ends.
    expect(elapsed).toBeLessThan(1_000);
    expect(fx.db.stats().total.coalesced).toBe(2);
    fx.emu.faults.clear();
    expect((await products.get('p0'))?.$id).toBe('p0');
  });

  itLocal('writes take a timeout too; the config default applies when the call gives none', async () => {
    fx.emu.faults.add({ operation: 'updateRow', delayMs: 1_500 });
    const client = createAppwriteClient({ endpoint: fx.config.endpoint, projectId: fx.config.projectId, credentials: { apiKey: fx.emu.apiKey } });
    const db = openDatabase({ config: { ...fx.config, timeoutMs: 40, retry: { ...fx.config.retry, attempts: 1 } }, tables, client });
    await expect(db.table('products').update('p0', { price: 9 })).rejects.toMatchObject({ type: 'request_timeout', status: 0 });
    await expect(fx.db.table('products').update('p1', { price: 9 }, { timeoutMs: 40 })).rejects.toThrow(/No answer from Appwrite within 40 ms while updating row "p1"/);
    await db.close();
  });

  it('the timeout is part of the resolved config, with a default', async () => {
    const base = { endpoint: 'http://127.0.0.1:1/v1', projectId: 'p', databaseId: 'd', apiKey: 'k' };
    expect(resolveConfig(base).timeoutMs).toBe(20_000);
    expect(resolveConfig({ ...base, timeoutMs: 500 }).timeoutMs).toBe(500);
    expect(() => resolveConfig({ ...base, timeoutMs: 0 })).toThrow(ConfigError);
    await expect(fx.db.table('products').get('p0', { timeoutMs: -1 })).rejects.toThrow(ConfigError);
  });
});
