import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/config-error.js';
import { resolveConfig, type ServerORMConfig } from '../../../src/server/config.js';

const base: ServerORMConfig = { endpoint: 'http://127.0.0.1:8080/v1', projectId: 'shop', databaseId: 'main', apiKey: 'standard_secret' };
const redis = 'redis://127.0.0.1:6379';

function message(config: ServerORMConfig): string {
  try {
    resolveConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('cache.l2 settings', () => {
  it('is off by default, and true takes every default (entry TTL from the cache)', () => {
    expect(resolveConfig(base).cache).toMatchObject({ l2: false });
    expect(resolveConfig({ ...base, cache: { redis, ttl: 60_000, l2: true } }).cache).toMatchObject({
      l2: { ttl: 60_000, maxValueBytes: 1024 * 1024, compressAbove: Infinity, timeout: 100, prefix: 'appwrite-orm:shop:' },
    });
  });

  it('takes its own TTL, size limit, compression threshold, timeout and prefix', () => {
    expect(resolveConfig({ ...base, cache: { redis, l2: { ttl: 5_000, maxValueBytes: 2_048, compress: true, timeout: 20, prefix: 'app:' } } }).cache)
      .toMatchObject({ l2: { ttl: 5_000, maxValueBytes: 2_048, compressAbove: 16 * 1024, timeout: 20, prefix: 'app:' } });
    expect(resolveConfig({ ...base, cache: { redis, l2: { compress: 4_096 } } }).cache).toMatchObject({ l2: { compressAbove: 4_096 } });
  });

  it('names what is wrong', () => {
    expect(message({ ...base, cache: { l2: true } })).toBe('Invalid ServerORM config: cache.l2: l2 needs cache.redis: the shared tier lives in Redis');
    expect(message({ ...base, cache: { redis, l2: { maxValueBytes: 0 } } })).toBe('Invalid ServerORM config: cache.l2.maxValueBytes: must be a positive integer of bytes');
    expect(message({ ...base, cache: { redis, l2: { prefix: 'a{b}' } } })).toBe('Invalid ServerORM config: cache.l2.prefix: must be a string without { or }');
    expect(message({ ...base, cache: { redis, l2: { tll: 5 } as never } })).toContain('(did you mean "ttl"?)');
  });
});
