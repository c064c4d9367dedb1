import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/config-error.js';
import { resolveConfig, type ServerORMConfig } from '../../../src/server/config.js';

const SECRET = 'standard_0123456789abcdef-secret';
const base: ServerORMConfig = { endpoint: 'http://127.0.0.1:8080/v1/', projectId: 'p', databaseId: 'main', apiKey: SECRET };

function failure(config: unknown): ConfigError {
  try {
    resolveConfig(config as ServerORMConfig);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig', () => {
  it('fills in every default in one place', () => {
    const resolved = resolveConfig(base);
    expect(resolved).toMatchObject({
      endpoint: 'http://127.0.0.1:8080/v1',
      databaseName: 'main',
      autoMigrate: false,
      autoValidate: true,
      migrate: { dropIndexes: false, allowDestructive: false, concurrency: 8, timeoutMs: 60_000 },
      cache: { ttl: 300_000, maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, channel: 'appwrite-orm:p:main:invalidate' },
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 },
    });
    expect(resolved.cache !== false && resolved.cache.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolved.apiKey).toBe(SECRET);
  });

  it('turns autoValidate off by default when autoMigrate is on, and keeps explicit values', () => {
    expect(resolveConfig({ ...base, autoMigrate: true }).autoValidate).toBe(false);
    expect(resolveConfig({ ...base, autoValidate: false }).autoValidate).toBe(false);
    expect(resolveConfig({ ...base, cache: false }).cache).toBe(false);
    expect(resolveConfig({ ...base, cache: { ttl: 5, channel: 'c', instanceId: 'i', redis: 'redis://127.0.0.1:6379' } }).cache).toMatchObject({ ttl: 5, maxEntries: 10_000, channel: 'c', instanceId: 'i', redis: 'redis://127.0.0.1:6379' });
    expect(resolveConfig({ ...base, migrate: { dropIndexes: true } }).migrate).toEqual({ dropIndexes: true, allowDestructive: false, concurrency: 8, timeoutMs: 60_000, historyTable: 'orm_migrations', lockTable: 'orm_migration_lock' });
  });

  it.each([
    [{ ...base, endpoint: undefined }, 'endpoint: endpoint is required (a non-empty string)'],
    [{ ...base, projectId: '' }, 'projectId: projectId is required (a non-empty string)'],
    [{ ...base, databaseId: undefined }, 'databaseId: databaseId is required (a non-empty string)'],
    [{ ...base, apiKey: undefined }, 'apiKey: apiKey is required (a non-empty string)'],
    [{ ...base, endpoint: 'cloud.appwrite.io/v1' }, 'endpoint: endpoint must be an http:// or https:// URL such as https://cloud.appwrite.io/v1'],
    [{ ...base, endpoint: 'ftp://x/v1' }, 'endpoint: endpoint must be an http:// or https:// URL such as https://cloud.appwrite.io/v1'],
    [{ ...base, cache: { ttl: -1 } }, 'cache.ttl'],
    [{ ...base, migrate: { concurrency: 0 } }, 'migrate.concurrency'],
    [{ ...base, migrate: { dropindexes: true } }, 'migrate: Unrecognized key: "dropindexes"'],
  ])('rejects an invalid config %#', (config, message) => {
    const error = failure(config);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain(SECRET);
  });

  it.each([
    [{ ...base, autoMigrte: true }, 'Invalid ServerORM config: Unrecognized key: "autoMigrte" (did you mean "autoMigrate"?)'],
    [{ ...base, cache: { tll: 5 } }, 'Invalid ServerORM config: cache: Unrecognized key: "tll" (did you mean "ttl"?)'],
    [{ ...base, retry: { attempt: 5 } }, 'Invalid ServerORM config: retry: Unrecognized key: "attempt" (did you mean "attempts"?)'],
    [{ ...base, colour: 'red' }, 'Invalid ServerORM config: Unrecognized key: "colour"'],
    [{ ...base, cache: true }, 'Invalid ServerORM config: cache: must be an object of cache settings ({ ttl, maxEntries, maxBytes, redis, channel, instanceId }), or false to turn caching off'],
    [{ ...base, cache: { redis: 123 } }, 'Invalid ServerORM config: cache.redis: must be a Redis URL (a string such as "redis://127.0.0.1:6379"), ioredis options (an object) or an ioredis client'],
    [{ ...base, cache: { ttl: '5m' } }, 'Invalid ServerORM config: cache.ttl: must be a number of milliseconds (300000 is 5 minutes) or Infinity'],
    [{ ...base, cache: { maxEntries: 1.5 } }, 'Invalid ServerORM config: cache.maxEntries: must be a positive integer'],
    [{ ...base, autoMigrate: 'yes' }, 'Invalid ServerORM config: autoMigrate: must be true or false'],
    [{ ...base, onOperation: 'log' }, 'Invalid ServerORM config: onOperation: must be a function'],
    [{ ...base, tracer: {} }, 'Invalid ServerORM config: tracer: must be an OpenTelemetry Tracer (an object with startSpan())'],
  ])('names the field and the fix %#', (config, message) => {
    expect(failure(config).message).toBe(message);
  });

  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/v1'],
    ['https://cloud.appwrite.io/', 'https://cloud.appwrite.io/v1'],
    ['https://user:pass@example.com/appwrite?key=abc#x', 'https://example.com/appwrite/v1'],
  ])('refuses the endpoint %s without /v1 and gives the URL to use', (endpoint, fixed) => {
    const message = failure({ ...base, endpoint }).message;
    expect(message).toBe(`Invalid ServerORM config: endpoint: endpoint must end in /v1, the path of Appwrite's API: use "${fixed}"`);
    expect(message).not.toMatch(/pass|key=abc/);
  });

  it('accepts an endpoint ending in /v1, with or without a trailing slash, behind a path prefix too', () => {
    expect(resolveConfig({ ...base, endpoint: 'https://example.com/appwrite/v1/' }).endpoint).toBe('https://example.com/appwrite/v1');
  });

  it('never shows the API key: not in errors about it, not in logs of the resolved config', () => {
    expect(failure({ ...base, apiKey: 42 }).message).toBe('Invalid ServerORM config: apiKey: apiKey is required (a non-empty string)');
    expect(failure({ ...base, endpoint: SECRET }).message).not.toContain(SECRET);
    const resolved = resolveConfig(base);
    expect(JSON.stringify(resolved)).not.toContain(SECRET);
    expect(inspect(resolved, { depth: 5 })).not.toContain(SECRET);
    expect({ ...resolved }).not.toHaveProperty('apiKey');
  });

  it('binds a custom logger and defaults the optional levels', () => {
    const lines: string[] = [];
    const logger = { prefix: '>', warn(message: string) { lines.push(`${this.prefix}${message}`); }, error() {} };
    const resolved = resolveConfig({ ...base, logger });
    resolved.logger.warn('careful');
    resolved.logger.debug('ignored');
    expect(lines).toEqual(['>careful']);
  });
});
