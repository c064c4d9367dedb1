import { Cluster, Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { openBridgeConnections } from '../../../src/bridge/bridge-connections.js';
import { RedisBridge, type BridgeCache, type RedisBridgeOptions } from '../../../src/bridge/redis-bridge.js';

const cache: BridgeCache = { invalidate: () => undefined, invalidateAll: () => undefined, on: () => undefined, off: () => undefined };

describe('the bridge with a user-given ioredis connection', () => {
  it('accepts a Cluster: it publishes through it, subscribes on a duplicate, and closes only the duplicate', async () => {
    const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true });
    const options: RedisBridgeOptions = { cache, redis: cluster, channel: 'c', instanceId: 'i', databaseId: 'd', logger: { warn: () => undefined } };
    const connections = await openBridgeConnections(cluster);
    expect(connections.publisher).toBe(cluster);
    expect(connections.subscriber).not.toBe(cluster);
    expect(connections.subscriber).toBeInstanceOf(Cluster);
    expect(connections.owned).toEqual([connections.subscriber]);
    connections.subscriber.disconnect();

    const bridge = new RedisBridge(options);
    expect(bridge.state).toBe('idle');
    await bridge.close();
    expect(bridge.state).toBe('closed');
    expect(cluster.status).toBe('wait');
  });

  it('starts on an unreachable Cluster with one warning, and close() ends its duplicate but not the Cluster', async () => {
    const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true, clusterRetryStrategy: () => 20 });
    cluster.on('error', () => undefined);
    const warnings: string[] = [];
    const bridge = new RedisBridge({ cache, redis: cluster, channel: 'c', instanceId: 'i', databaseId: 'd', logger: { warn: (message) => warnings.push(message) } });
    try {
      await bridge.start();
      expect(bridge.state).toBe('connecting');
      await vi.waitFor(() => expect(cluster.status).not.toBe('connecting'), { timeout: 5_000, interval: 10 });
      expect(warnings).toHaveLength(1);
      await bridge.close();
      await vi.waitFor(() => expect(bridge.stats().connections.subscriber).toBe('end'), { timeout: 5_000, interval: 10 });
      expect(cluster.status).not.toBe('end');
    } finally {
      cluster.disconnect();
    }
  });

  it('accepts a Redis and leaves it open after close()', async () => {
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
    const connections = await openBridgeConnections(redis);
    expect(connections.publisher).toBe(redis);
    expect(connections.owned).toEqual([connections.subscriber]);
    expect(connections.subscriber.options.enableOfflineQueue).toBe(false);
    connections.subscriber.disconnect();
    const bridge = new RedisBridge({ cache, redis, channel: 'c', instanceId: 'i', databaseId: 'd', logger: { warn: () => undefined } });
    await bridge.close();
    expect(redis.status).toBe('wait');
  });

  it('opens two owned connections from a URL or options, publisher without offline queue', async () => {
    for (const source of ['redis://127.0.0.1:6379', { host: '127.0.0.1', port: 6379, enableOfflineQueue: true }]) {
      const connections = await openBridgeConnections(source);
      expect(connections.owned).toEqual([connections.publisher, connections.subscriber]);
      expect(connections.publisher.options.enableOfflineQueue).toBe(false);
      expect(connections.publisher.status).toBe('wait');
      for (const connection of connections.owned) connection.disconnect();
    }
  });
});
