import { randomUUID } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import type { RedisConnection } from '../../../src/redis/redis-source.js';
import { L2Store, openL2Store, type L2StoreOptions } from '../../../src/cache/l2/l2-store.js';
import { startRedisCluster, type PrivateRedisCluster } from '../../helpers/redis-cluster.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/redis-server.js';

/** A Redis deployment the shared-tier tests run against: a private standalone server or a private cluster. */
export interface L2Target {
  readonly name: 'standalone' | 'cluster';
  /** A new ioredis connection (the tests close it through {@link L2Target.closeAll}). */
  connection(): RedisConnection;
  /** A store on its own connection, as the ORM opens it. */
  store(options?: Partial<L2StoreOptions>): Promise<L2Store>;
  /** A fresh database id, so that tests share nothing. */
  database(): string;
  closeAll(): Promise<void>;
  stop(): Promise<void>;
  /** The standalone server, to kill and restart. */
  readonly server?: PrivateRedis;
}

function target(name: L2Target['name'], server: PrivateRedis | undefined, cluster: PrivateRedisCluster | undefined): L2Target {
  const opened: { close(): Promise<void> }[] = [];
  const connection = (): RedisConnection => {
    const redis = cluster !== undefined
      ? new Cluster([...cluster.nodes], { clusterRetryStrategy: () => 50 })
      : new Redis({ host: '127.0.0.1', port: server?.port ?? 6379, retryStrategy: () => 50 });
    redis.on('error', () => undefined);
    opened.push({ close: () => Promise.resolve(redis.disconnect()) });
    return redis;
  };
  let database = 0;
  const run = randomUUID().slice(0, 8);
  return {
    name,
    server,
    connection,
    async store(options = {}) {
      // A generous timeout: on a loaded machine a stalled event loop must not turn a reply into a timeout.
      const store = await openL2Store(connection(), { databaseId: `db${run}`, timeout: 5_000, ...options });
      opened.push(store);
      return store;
    },
    database: () => `db${run}-${++database}`,
    async closeAll() {
      await Promise.all(opened.splice(0).map((item) => item.close()));
    },
    async stop() {
      await this.closeAll();
      await (server ?? cluster)?.stop();
    },
  };
}

/** Starts a private standalone Redis. */
export async function standaloneTarget(): Promise<L2Target> {
  return target('standalone', await startPrivateRedis(), undefined);
}

/** Starts a private three-master Redis Cluster. */
export async function clusterTarget(): Promise<L2Target> {
  return target('cluster', undefined, await startRedisCluster());
}
