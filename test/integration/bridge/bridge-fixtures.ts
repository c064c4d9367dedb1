import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { QueryCache } from '../../../src/cache/query-cache.js';
import type { InvalidationOrigin } from '../../../src/cache/cache-events.js';
import type { RedisSource } from '../../../src/redis/redis-source.js';
import { RedisBridge } from '../../../src/bridge/redis-bridge.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/redis-server.js';

/** One simulated application instance: its own cache and bridge, and what they saw. */
export interface Instance {
  readonly id: string;
  readonly cache: QueryCache;
  readonly bridge: RedisBridge;
  readonly invalidations: { table: string; origin: InvalidationOrigin }[];
  readonly warnings: string[];
  readonly infos: string[];
  /** Reads `table` through the cache so that it is cached and `isUpdated(table)` is true. */
  fill(table: string): Promise<void>;
}

/** Tracks everything a test opens, to close it in afterEach. */
export class Fixtures {
  private readonly closers: (() => Promise<unknown>)[] = [];

  /** A channel no other test uses. */
  channel(): string {
    return `appwrite-orm-test:${randomUUID()}:invalidate`;
  }

  instance(options: { redis: RedisSource; channel: string; databaseId?: string; id?: string; pendingLimit?: number; tables?: string[] }): Instance {
    const id = options.id ?? randomUUID();
    const cache = new QueryCache({ ttl: 60_000, maxEntries: 1_000, maxBytes: 1 << 20, enabled: true });
    const invalidations: Instance['invalidations'] = [];
    const warnings: string[] = [];
    const infos: string[] = [];
    cache.on('invalidate', (event) => invalidations.push({ table: event.table, origin: event.origin }));
    const bridge = new RedisBridge({
      cache,
      redis: options.redis,
      channel: options.channel,
      instanceId: id,
      databaseId: options.databaseId ?? 'main',
      logger: { warn: (message) => warnings.push(message), info: (message) => infos.push(message) },
      ...(options.pendingLimit === undefined ? {} : { pendingLimit: options.pendingLimit }),
      ...(options.tables === undefined ? {} : { tables: options.tables }),
    });
    this.closers.push(() => bridge.close());
    const fill = async (table: string): Promise<void> => {
      await cache.read({ scope: 'key', table, operation: 'list', queries: [] }, () => Promise.resolve([{ table }]));
    };
    return { id, cache, bridge, invalidations, warnings, infos, fill };
  }

  /** A plain ioredis client, to publish raw payloads. */
  redis(url = 'redis://127.0.0.1:6379'): Redis {
    const client = new Redis(url);
    this.closers.push(async () => {
      if (client.status === 'ready') await client.quit();
      else client.disconnect();
    });
    return client;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.closers.splice(0).map((close) => close()));
  }
}

/**
 * A private redis-server for the test file, started before its tests. After each test the fixtures are closed
 * and the server restarted if the test stopped it; it is stopped after the file.
 */
export function usePrivateRedis(fixtures: Fixtures): PrivateRedis {
  let server: PrivateRedis | undefined;
  const current = (): PrivateRedis => {
    if (server === undefined) throw new Error('the private redis-server starts in beforeAll');
    return server;
  };
  beforeAll(async () => {
    server = await startPrivateRedis();
  });
  afterEach(async () => {
    await fixtures.closeAll();
    if (!current().running) await current().restart();
  });
  afterAll(() => server?.stop());
  return {
    get port() { return current().port; },
    get url() { return current().url; },
    get running() { return current().running; },
    kill: () => current().kill(),
    restart: () => current().restart(),
    stop: () => current().stop(),
  };
}
