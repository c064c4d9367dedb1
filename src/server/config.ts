import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { z } from 'zod';
import { defaultBridgeChannel } from '../bridge/bridge-channel.js';
import { ConfigError } from '../errors/config-error.js';
import { isAppwriteId } from '../appwrite/appwrite-ids.js';
import type { RetryPolicy } from '../appwrite/read-retry.js';
import type { BridgeSettings } from '../bridge/bridge-attach.js';
import type { L2StoreOptions } from '../cache/l2/l2-store.js';
import type { CacheSettings } from '../cache/query-cache-options.js';
import { DEFAULTS } from './defaults.js';
import { describeConfigIssues } from './config-issues.js';
import type { OperationEvent, OrmTracer } from './operation-observer.js';

/** Where the ORM reports what it does. Only `warn` and `error` are required. */
export interface OrmLogger {
  debug?(message: string, context?: Record<string, unknown>): void;
  info?(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Query cache settings. */
export interface CacheConfig {
  /** Lifetime of a cached query result in ms (`Infinity`: until invalidated; a table's `cache.ttl` overrides it). @default `DEFAULTS.cache.ttl` (300_000) */
  readonly ttl?: number;
  /** Most cached results held; the least recently used go first. @default `DEFAULTS.cache.maxEntries` (10_000) */
  readonly maxEntries?: number;
  /** Most estimated bytes held. @default `DEFAULTS.cache.maxBytes` (67_108_864, 64 MiB) */
  readonly maxBytes?: number;
  /**
   * Redis for the cross-instance invalidation bridge: a URL, ioredis options, or a connected client.
   * Without it each instance invalidates only its own cache. @default undefined (no bridge)
   */
  readonly redis?: string | RedisOptions | Redis | Cluster;
  /** Redis channel of the bridge. @default `appwrite-orm:<projectId>:<databaseId>:invalidate` */
  readonly channel?: string;
  /** This instance's id on the bridge (its own messages are ignored). @default a random UUID */
  readonly instanceId?: string;
  /**
   * How long past its TTL a cached result may still answer a read when Appwrite fails with an error worth
   * retrying (5xx, 429, timeout, no connection), in ms; such reads are marked `STALE`. With `l2`, entries stay
   * in Redis that much longer and stand in as well. A result dropped by a write or an invalidation is never
   * served. @default `DEFAULTS.cache.grace` (0: never)
   */
  readonly grace?: number;
  /**
   * A second cache tier in `redis`, shared by every instance and surviving restarts: a read looks in this
   * process's memory, then in Redis, then asks Appwrite. `true` for the defaults. Needs `redis`.
   * @default `DEFAULTS.cache.l2` (false)
   */
  readonly l2?: boolean | L2Config;
}

/** Settings of the shared cache tier in Redis (`cache.l2`). */
export interface L2Config {
  /** Lifetime of an entry in Redis in ms (a table's shorter `cache.ttl` wins). @default the cache's `ttl` */
  readonly ttl?: number;
  /** Results larger than this once encoded are not written to Redis. @default `DEFAULTS.l2.maxValueBytes` (1_048_576, 1 MiB) */
  readonly maxValueBytes?: number;
  /** Deflate results whose JSON is at least this many bytes (`true`: from `DEFAULTS.l2.compressAbove` (16_384, 16 KiB)). @default `DEFAULTS.l2.compress` (false) */
  readonly compress?: boolean | number;
  /** A Redis command not answered after this many ms is given up and the read goes on to Appwrite. @default `DEFAULTS.l2.timeout` (100) */
  readonly timeout?: number;
  /** Start of every Redis key. @default `appwrite-orm:<projectId>:` */
  readonly prefix?: string;
}

/**
 * {@link L2Config} with every default filled in: the shared tier's store settings, each one given
 * (`compressAbove` is `Infinity` when `compress` is off).
 */
export type ResolvedL2Config = Required<Pick<L2StoreOptions, 'ttl' | 'maxValueBytes' | 'compressAbove' | 'timeout' | 'prefix'>>;

/** How schema migrations behave. */
export interface MigrateConfig {
  /** Drop indexes the schema no longer declares, and recreate changed ones. @default `DEFAULTS.migrate.dropIndexes` (false) */
  readonly dropIndexes?: boolean;
  /** Allow changes that lose data: removing columns and tables, recreating a column whose type changed. @default `DEFAULTS.migrate.allowDestructive` (false) */
  readonly allowDestructive?: boolean;
  /** Schema requests in flight at once. @default `DEFAULTS.migrate.concurrency` (8) */
  readonly concurrency?: number;
  /** Longest wait for one column or index to become available, in ms. @default `DEFAULTS.migrate.timeoutMs` (60_000) */
  readonly timeoutMs?: number;
  /** Id of the migration runner's history table (the CLI's `historyTable`), which migrating never drops. @default `DEFAULTS.migrate.historyTable` ('orm_migrations') */
  readonly historyTable?: string;
  /** Id of the migration runner's lock table (the CLI's `lockTable`), which migrating never drops. @default `DEFAULTS.migrate.lockTable` ('orm_migration_lock') */
  readonly lockTable?: string;
}

/**
 * Retries of failed reads (429, 5xx, no answer): any of the {@link RetryPolicy} settings; `DEFAULTS.retry`
 * fills in the others.
 */
export type RetryConfig = Partial<RetryPolicy>;

/**
 * Settings of a {@link ServerORM}. `endpoint`, `projectId`, `databaseId` and `apiKey` are required.
 *
 * @example
 * ```ts
 * const config: ServerORMConfig = {
 *   endpoint: 'https://cloud.appwrite.io/v1', projectId: 'shop', databaseId: 'main',
 *   apiKey: process.env.APPWRITE_API_KEY!, autoMigrate: true, cache: { ttl: 60_000 },
 * };
 * ```
 */
export interface ServerORMConfig {
  /** Appwrite API endpoint, e.g. `https://cloud.appwrite.io/v1`. */
  readonly endpoint: string;
  readonly projectId: string;
  /** The database the tables live in; created by migrations when missing. */
  readonly databaseId: string;
  /** A server API key with the databases, tables, columns, indexes and rows scopes. Never logged. */
  readonly apiKey: string;
  /** Name given to the database when a migration creates it. @default databaseId */
  readonly databaseName?: string;
  /** `init` migrates Appwrite to the declared schema. @default `DEFAULTS.autoMigrate` (false) */
  readonly autoMigrate?: boolean;
  /** `init` checks that Appwrite matches the schema and throws `SchemaDriftError` if not (when autoMigrate is off). @default true */
  readonly autoValidate?: boolean;
  readonly migrate?: MigrateConfig;
  /** Query cache settings; `false` turns caching off. @default {} (all defaults) */
  readonly cache?: false | CacheConfig;
  readonly retry?: RetryConfig;
  /**
   * Longest wait for one Appwrite answer, in ms; past it the request is aborted and fails with an
   * `AppwriteError` of type `request_timeout` (retried like any request without an answer). Reads and writes
   * take a per-call `timeoutMs` too. Appwrite itself gives up on a database query after 15 s (408), so the
   * default leaves it time to say so. @default `DEFAULTS.timeoutMs` (20_000)
   */
  readonly timeoutMs?: number;
  /**
   * Where the ORM reports what it does: bridge trouble (warn), migrations applied (info), details (debug).
   * @default warnings and errors to the console, nothing else
   */
  readonly logger?: OrmLogger;
  /**
   * Called after every table operation (`find`, `get`, `create`...) with its table, method, duration, cache
   * outcome and number of requests sent to Appwrite. A hook that throws is reported as a process warning.
   * @default undefined (no hook; operations are not timed)
   */
  readonly onOperation?: (event: OperationEvent) => void;
  /**
   * An OpenTelemetry `Tracer` (`trace.getTracer('my-app')` from `@opentelemetry/api`): one client span per
   * table operation. @default undefined (no spans)
   */
  readonly tracer?: OrmTracer;
}

/**
 * {@link CacheConfig} with every default filled in: the query cache's {@link CacheSettings}, the bridge's
 * {@link BridgeSettings} (channel and instance id always set) and the shared tier's settings.
 */
export interface ResolvedCacheConfig extends CacheSettings, BridgeSettings {
  /** `false` when there is no shared tier. */
  readonly l2: false | ResolvedL2Config;
}

/**
 * {@link ServerORMConfig} validated, with every default filled in: the one resolved shape, produced by
 * {@link resolveConfig} and read by the rest of the server (the database, the query cache, the bridge, the
 * shared tier, retries and migrations each take it or a part of it).
 */
export interface ResolvedConfig {
  readonly endpoint: string;
  readonly projectId: string;
  readonly databaseId: string;
  /** Not enumerable: it stays out of `JSON.stringify`, `console.log` and spreads of the config. */
  readonly apiKey: string;
  readonly databaseName: string;
  readonly autoMigrate: boolean;
  readonly autoValidate: boolean;
  readonly migrate: Required<MigrateConfig>;
  /** `false` when caching is off. */
  readonly cache: false | ResolvedCacheConfig;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly logger: Required<OrmLogger>;
  readonly onOperation?: (event: OperationEvent) => void;
  readonly tracer?: OrmTracer;
}

const required = (name: string) => z.string({ error: `${name} is required (a non-empty string)` }).min(1, `${name} is required (a non-empty string)`);
const endpoint = required('endpoint').superRefine((value, context) => {
  const problem = endpointProblem(value);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});
const logFn = z.custom<(message: string, context?: Record<string, unknown>) => void>((value) => typeof value === 'function', 'must be a function');

const count = (what = '') => z.number({ error: `must be a positive integer${what}` }).int({ error: `must be a positive integer${what}` }).positive({ error: `must be a positive integer${what}` });
const ID_RULE = 'must be 1-36 characters of a-z A-Z 0-9 . - _, not starting with . - or _';
const tableId = () => z.string({ error: `must be a table id: ${ID_RULE}` }).refine(isAppwriteId, `must be a table id: ${ID_RULE}`);
const millis = (what = '') => z.number({ error: `must be a number of milliseconds${what}` }).min(0, { error: `must be a number of milliseconds ≥ 0${what}` });

const migrateSchema = z
  .object({
    dropIndexes: z.boolean({ error: 'must be true or false' }).default(DEFAULTS.migrate.dropIndexes),
    allowDestructive: z.boolean({ error: 'must be true or false' }).default(DEFAULTS.migrate.allowDestructive),
    concurrency: count().default(DEFAULTS.migrate.concurrency),
    timeoutMs: count(' of milliseconds').default(DEFAULTS.migrate.timeoutMs),
    historyTable: tableId().default(DEFAULTS.migrate.historyTable),
    lockTable: tableId().default(DEFAULTS.migrate.lockTable),
  })
  .strict();

const l2Schema = z
  .object({
    ttl: z.union([millis(), z.literal(Infinity)], { error: 'must be a number of milliseconds or Infinity' }).optional(),
    maxValueBytes: count(' of bytes').default(DEFAULTS.l2.maxValueBytes),
    compress: z.union([z.boolean(), count(' of bytes')], { error: 'must be true, false or a number of bytes' }).default(DEFAULTS.l2.compress),
    timeout: count(' of milliseconds').default(DEFAULTS.l2.timeout),
    prefix: z.string({ error: 'must be a string without { or }' }).regex(/^[^{}]*$/, 'must be a string without { or }').optional(),
  })
  .strict();

const cacheSchema = z
  .object({
    ttl: z.union([millis(), z.literal(Infinity)], { error: 'must be a number of milliseconds (300000 is 5 minutes) or Infinity' }).default(DEFAULTS.cache.ttl),
    maxEntries: count().default(DEFAULTS.cache.maxEntries),
    maxBytes: count(' of bytes').default(DEFAULTS.cache.maxBytes),
    redis: z.custom<string | RedisOptions | Redis | Cluster>((value) => typeof value === 'string' || (typeof value === 'object' && value !== null), 'must be a Redis URL (a string such as "redis://127.0.0.1:6379"), ioredis options (an object) or an ioredis client').optional(),
    channel: z.string({ error: 'must be a non-empty string' }).min(1, 'must be a non-empty string').optional(),
    instanceId: z.string({ error: 'must be a non-empty string' }).min(1, 'must be a non-empty string').optional(),
    grace: z.number({ error: 'must be a number of milliseconds' }).min(0, { error: 'must be a number of milliseconds ≥ 0' }).finite({ error: 'must be a finite number of milliseconds' }).default(DEFAULTS.cache.grace),
    l2: z.union([z.boolean(), l2Schema], { error: 'must be true, false or an object of shared-tier settings ({ ttl, maxValueBytes, compress, timeout, prefix })' }).default(DEFAULTS.cache.l2),
  })
  .strict()
  .refine((cache) => cache.l2 === false || cache.redis !== undefined, { message: 'l2 needs cache.redis: the shared tier lives in Redis', path: ['l2'] });

const retrySchema = z
  .object({ attempts: count().default(DEFAULTS.retry.attempts), baseDelayMs: millis().default(DEFAULTS.retry.baseDelayMs), maxDelayMs: millis().default(DEFAULTS.retry.maxDelayMs) })
  .strict();

const schema = z.object({
  endpoint,
  projectId: required('projectId'),
  databaseId: required('databaseId').refine(isAppwriteId, `databaseId ${ID_RULE}`),
  apiKey: required('apiKey'),
  databaseName: z.string({ error: 'must be a string of 1 to 128 characters' }).min(1).max(128).optional(),
  autoMigrate: z.boolean({ error: 'must be true or false' }).default(DEFAULTS.autoMigrate),
  autoValidate: z.boolean({ error: 'must be true or false' }).optional(),
  migrate: migrateSchema.default({ ...DEFAULTS.migrate }),
  cache: z
    .union([z.literal(false), cacheSchema], { error: 'must be an object of cache settings ({ ttl, maxEntries, maxBytes, redis, channel, instanceId }), or false to turn caching off' })
    .default({ ...DEFAULTS.cache }),
  retry: retrySchema.default({ ...DEFAULTS.retry }),
  timeoutMs: z.number({ error: 'must be a number of milliseconds' }).positive({ error: 'must be a positive number of milliseconds' }).finite({ error: 'must be a finite number of milliseconds' }).default(DEFAULTS.timeoutMs),
  logger: z.object({ debug: logFn.optional(), info: logFn.optional(), warn: logFn, error: logFn }, { error: 'must be an object with warn and error functions' }).optional(),
  onOperation: z.custom<(event: OperationEvent) => void>((value) => typeof value === 'function', 'must be a function').optional(),
  tracer: z.custom<OrmTracer>((value) => typeof value === 'object' && value !== null && typeof (value as { startSpan?: unknown }).startSpan === 'function', 'must be an OpenTelemetry Tracer (an object with startSpan())').optional(),
}).strict();

/** The option names accepted at each place of the config, for "did you mean" suggestions. */
function knownKeys(path: string): readonly string[] {
  const shapes: Record<string, z.ZodObject | undefined> = { '': schema, migrate: migrateSchema, cache: cacheSchema, 'cache.l2': l2Schema, retry: retrySchema };
  return Object.keys(shapes[path]?.shape ?? {});
}

/**
 * Every option name, nested ones dotted (`cache.ttl`): what the Configuration page of the docs lists (a test
 * compares the two).
 *
 * @example
 * ```ts
 * configOptionNames().includes('retry.attempts'); // true
 * ```
 */
export function configOptionNames(): readonly string[] {
  return knownKeys('').flatMap((key) => [key, ...knownKeys(key).map((nested) => `${key}.${nested}`)]);
}

/** Why an endpoint cannot be Appwrite's API URL, with the fix; `undefined` when it can. Never echoes a non-URL. */
function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'endpoint must be an http:// or https:// URL such as https://cloud.appwrite.io/v1';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'endpoint must be an http:// or https:// URL such as https://cloud.appwrite.io/v1';
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/v1')) return undefined;
  // Credentials, query and fragment stay out of the message: only scheme, host and path are shown.
  return `endpoint must end in /v1, the path of Appwrite's API: use "${url.protocol}//${url.host}${path}/v1"`;
}

const noop = (): void => undefined;

function resolveL2(l2: boolean | z.infer<typeof l2Schema>, ttl: number, projectId: string): false | ResolvedL2Config {
  if (l2 === false) return false;
  const settings = l2 === true ? l2Schema.parse({}) : l2;
  const compressAbove = settings.compress === false ? Infinity : settings.compress === true ? DEFAULTS.l2.compressAbove : settings.compress;
  return { ttl: settings.ttl ?? ttl, maxValueBytes: settings.maxValueBytes, compressAbove, timeout: settings.timeout, prefix: settings.prefix ?? `appwrite-orm:${projectId}:` };
}

/**
 * Validates a {@link ServerORMConfig} and fills in every default: the one place defaults live. Throws a
 * `ConfigError` listing what is wrong; the API key's value never appears in it.
 *
 * @example
 * ```ts
 * const resolved = resolveConfig({ endpoint, projectId, databaseId, apiKey, cache: false });
 * resolved.cache; // false
 * ```
 */
export function resolveConfig(config: ServerORMConfig): ResolvedConfig {
  const parsed = schema.safeParse(config);
  if (!parsed.success) throw new ConfigError(`Invalid ServerORM config: ${describeConfigIssues(parsed.error.issues, knownKeys)}`);
  const { apiKey, cache, logger, onOperation, tracer, ...rest } = parsed.data;
  const resolved: Omit<ResolvedConfig, 'apiKey'> = {
    ...rest,
    endpoint: rest.endpoint.replace(/\/+$/, ''),
    databaseName: rest.databaseName ?? rest.databaseId,
    autoValidate: rest.autoValidate ?? !rest.autoMigrate,
    cache:
      cache === false
        ? false
        : { ...cache, channel: cache.channel ?? defaultBridgeChannel(rest.projectId, rest.databaseId), instanceId: cache.instanceId ?? randomUUID(), l2: resolveL2(cache.l2, cache.ttl, rest.projectId) },
    logger: {
      debug: logger?.debug?.bind(config.logger) ?? noop,
      info: logger?.info?.bind(config.logger) ?? noop,
      warn: logger?.warn.bind(config.logger) ?? ((message: string) => console.warn(`[appwrite-orm] ${message}`)),
      error: logger?.error.bind(config.logger) ?? ((message: string) => console.error(`[appwrite-orm] ${message}`)),
    },
    ...(onOperation === undefined ? {} : { onOperation }),
    ...(tracer === undefined ? {} : { tracer }),
  };
  // A getter, not a value, and a custom rendering without it: even `util.inspect(config, { showHidden: true })`
  // and `console.dir` never print the key.
  Object.defineProperty(resolved, 'apiKey', { get: () => apiKey, enumerable: false });
  Object.defineProperty(resolved, inspect.custom, { value: () => ({ ...resolved }), enumerable: false });
  return Object.freeze(resolved) as ResolvedConfig;
}
