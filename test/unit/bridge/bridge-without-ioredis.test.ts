import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('ioredis');
  vi.resetModules();
});

describe('the bridge when ioredis cannot be loaded', () => {
  it('warns once, stays off, and never throws', async () => {
    vi.resetModules();
    vi.doMock('ioredis', () => {
      throw new Error("Cannot find package 'ioredis'");
    });
    const { RedisBridge } = await import('../../../src/bridge/redis-bridge.js');
    const listeners = new Set<unknown>();
    const cache = { invalidate: () => undefined, invalidateAll: () => undefined, on: (_: string, listener: unknown) => listeners.add(listener), off: (_: string, listener: unknown) => listeners.delete(listener) };
    const warnings: string[] = [];
    const bridge = new RedisBridge({ cache, redis: 'redis://127.0.0.1:6379', channel: 'c', instanceId: 'i', databaseId: 'd', logger: { warn: (message) => warnings.push(message) } });
    await bridge.start();
    expect(bridge.state).toBe('closed');
    expect(warnings).toEqual([expect.stringContaining('npm i ioredis')]);
    expect(listeners.size).toBe(0);
    await bridge.close();
  });
});
