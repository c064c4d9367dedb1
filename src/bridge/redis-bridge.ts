import { openBridgeConnections, type BridgeConnections } from './bridge-connections.js';
import type { RedisConnection, RedisSource } from '../redis/redis-source.js';
import { ALL_TABLES } from './bridge-message.js';
import { BridgePublisher } from './bridge-publisher.js';
import { createBridgeCounters, type BridgeState, type BridgeStats } from './bridge-stats.js';
import { BridgeSubscriber, type SubscriberActions } from './bridge-subscriber.js';

/**
 * The part of the query cache the bridge uses. The bridge drops entries as `'remote'` (a message) or
 * `'resync'` (a reconnect or a gap) and announces the invalidations whose origin is `'local'` or `'webhook'`.
 */
export interface BridgeCache {
  invalidate(table: string, origin: 'remote'): void;
  invalidateAll(origin: 'remote' | 'resync'): void;
  on(event: 'invalidate', listener: InvalidationListener): unknown;
  on(event: 'invalidateAll', listener: InvalidateAllListener): unknown;
  off(event: 'invalidate', listener: InvalidationListener): unknown;
  off(event: 'invalidateAll', listener: InvalidateAllListener): unknown;
  /** Settles once the shared tier in Redis took in the change to `table` (`'*'`: every table); `undefined` when nothing waits. */
  sharedTierSettled?(table: string): Promise<void> | undefined;
}

type InvalidationListener = (event: { readonly table: string; readonly origin: string; readonly all?: boolean }) => void;
type InvalidateAllListener = (event: { readonly origin: string }) => void;

/** Where the bridge reports trouble. */
export interface BridgeLogger {
  warn(message: string): void;
  info?(message: string): void;
}

/** Options of {@link createRedisBridge}. */
export interface RedisBridgeOptions {
  /** The local cache to keep in step with the other instances. */
  readonly cache: BridgeCache;
  /** A URL, ioredis options, or an existing ioredis `Redis` or `Cluster` (duplicated for the subscriber, never closed by the bridge). */
  readonly redis: RedisSource;
  /** The pub/sub channel; see `defaultBridgeChannel()`. */
  readonly channel: string;
  /** This instance's id: its own messages are ignored on receipt. Unique per running process. */
  readonly instanceId: string;
  /** The database whose tables the messages name; messages for another database are ignored. */
  readonly databaseId: string;
  readonly logger: BridgeLogger;
  /** How many distinct tables wait for a reconnect before collapsing into "all tables". @default 1000 */
  readonly pendingLimit?: number;
  /**
   * The table ids this instance declared: messages naming any other table are ignored (counted in
   * `ignoredUnknown`), so that the channel cannot make the cache hold state for tables it never uses.
   * @default every table
   */
  readonly tables?: Iterable<string>;
  /** Names accepted besides `tables` (the cache's tag pseudo-tables). @default none */
  readonly accepts?: (table: string) => boolean;
}

/** A running invalidation bridge between this instance's cache and the others'. */
export interface RedisBridge {
  /**
   * Loads ioredis, connects and subscribes. Resolves once connected and subscribed, or once Redis was
   * found down (warned, retried in the background), or ioredis could not be loaded (warned, bridge off).
   * Never rejects. Calling it again returns the first call's promise.
   */
  start(): Promise<void>;
  /** Stops publishing and receiving, and unsubscribes. Connections stay open until `close()`. */
  closeListeners(): Promise<void>;
  /** `closeListeners()`, then quits the connections the bridge opened. A user's own connection is left open. */
  close(): Promise<void>;
  stats(): BridgeStats;
  readonly state: BridgeState;
}

/**
 * Creates the Redis pub/sub bridge that spreads cache invalidations across application instances.
 * Every local or webhook invalidation is published; other instances' messages invalidate the
 * local table. After a reconnect, or a gap in a sender's numbering, every local table is dropped.
 *
 * @example
 * ```ts
 * const bridge = createRedisBridge({ cache, redis: 'redis://127.0.0.1:6379', channel: defaultBridgeChannel('shop', 'main'),
 *   instanceId: 'web-1', databaseId: 'main', logger: console });
 * await bridge.start();
 * // ...
 * await bridge.close();
 * ```
 */
export function createRedisBridge(options: RedisBridgeOptions): RedisBridge {
  const { cache, channel, instanceId, databaseId, logger } = options;
  const identity = { channel, instanceId, databaseId };
  const counters = createBridgeCounters();
  const publisher = new BridgePublisher(identity, counters, options.pendingLimit);
  let connections: BridgeConnections | undefined;
  let subscriber: BridgeSubscriber | undefined;
  let phase: 'idle' | 'started' | 'stopped' | 'closed' = 'idle';
  let everConnected = false;
  let outageWarned = false;
  let malformedWarned = false;
  let firstAttempt: (() => void) | undefined;
  let starting: Promise<void> | undefined;

  const declared = options.tables === undefined ? undefined : new Set(options.tables);
  const actions: SubscriberActions = {
    knows: (table) => declared === undefined || declared.has(table) || options.accepts?.(table) === true,
    invalidate: (table) => (table === ALL_TABLES ? cache.invalidateAll('remote') : cache.invalidate(table, 'remote')),
    resync: (reason) => {
      if (reason !== 'first') counters.resyncs += 1;
      cache.invalidateAll('resync');
    },
    malformed: (raw) => {
      if (malformedWarned) return;
      malformedWarned = true;
      logger.warn(`Ignored a malformed message on Redis channel "${channel}": ${JSON.stringify(raw.slice(0, 120))} (further ones are only counted in stats().malformed)`);
    },
    subscribed: () => {
      if (outageWarned) logger.info?.(`The Redis invalidation bridge on "${channel}" is connected again; every local table was invalidated`);
      outageWarned = false;
      noteConnected();
    },
  };

  // Only changes made here are announced: 'remote' and 'resync' came from the bridge itself.
  const announced = (origin: string): boolean => origin === 'local' || origin === 'webhook';
  // A receiver reads the table's generation in Redis on receipt: announce once the shared tier's bump is in.
  const announce = (table: string): void => {
    const settled = cache.sharedTierSettled?.(table);
    if (settled === undefined) publisher.announce(table);
    else void settled.then(() => publisher.announce(table));
  };
  const onInvalidate: InvalidationListener = (event) => {
    // The tables of an invalidateAll() go out as one '*' message (onInvalidateAll), not one per table.
    if (announced(event.origin) && event.all !== true) announce(event.table);
  };
  const onInvalidateAll: InvalidateAllListener = (event) => {
    if (announced(event.origin)) announce(ALL_TABLES);
  };
  const onPublisherReady = (): void => {
    publisher.flush();
    noteConnected();
  };
  // One warning per outage, however many connections fail and however often ioredis retries.
  const warnOutage = (reason: string): void => {
    firstAttempt?.();
    if (outageWarned || phase !== 'started') return;
    outageWarned = true;
    logger.warn(`The Redis invalidation bridge ${reason}; the cache keeps serving (stale for at most its TTL) and reconnects in the background`);
  };
  const onError = (error: Error): void => warnOutage(`cannot reach Redis (${error.message})`);
  const onClose = (): void => warnOutage('lost its connection to Redis');

  async function open(): Promise<BridgeConnections | undefined> {
    try {
      return await openBridgeConnections(options.redis);
    } catch (error) {
      logger.warn(`The Redis invalidation bridge is off: ioredis could not be loaded (${error instanceof Error ? error.message : String(error)}); install it with \`npm i ioredis\``);
      return undefined;
    }
  }

  function wire(opened: BridgeConnections): Promise<void> {
    connections = opened;
    publisher.use(opened.publisher);
    opened.publisher.on('ready', onPublisherReady);
    for (const connection of opened.owned) connection.on('error', onError).on('close', onClose);
    const settled = new Promise<void>((resolve) => (firstAttempt = resolve));
    subscriber = new BridgeSubscriber(opened.subscriber, identity, counters, actions);
    subscriber.attach();
    // Connection errors arrive as 'error' events (handled above); the promises only repeat them.
    for (const connection of opened.owned) connection.connect().catch(() => undefined);
    if (opened.publisher.status === 'wait') opened.publisher.connect().catch(() => undefined);
    return settled;
  }

  async function stopListening(): Promise<void> {
    cache.off('invalidate', onInvalidate);
    cache.off('invalidateAll', onInvalidateAll);
    connections?.publisher.off('ready', onPublisherReady);
    await subscriber?.detach();
  }

  async function startOnce(): Promise<void> {
    if (phase !== 'idle') return;
    phase = 'started';
    // Listening before Redis is reached: what changes meanwhile waits in the pending set.
    cache.on('invalidate', onInvalidate);
    cache.on('invalidateAll', onInvalidateAll);
    const opened = await open();
    if (opened === undefined) {
      phase = 'closed';
      cache.off('invalidate', onInvalidate);
      cache.off('invalidateAll', onInvalidateAll);
      return;
    }
    // closeListeners() or close() ran while ioredis was loading: these connections never start.
    if (phase !== 'started') {
      await Promise.all(opened.owned.map(quit));
      return;
    }
    await wire(opened);
    firstAttempt = undefined;
  }

  return {
    start() {
      starting ??= startOnce();
      return starting;
    },
    async closeListeners() {
      if (phase !== 'started') return;
      phase = 'stopped';
      await stopListening();
    },
    async close() {
      if (phase === 'closed') return;
      const wasStarted = phase === 'started';
      phase = 'closed';
      if (wasStarted) await stopListening();
      // Only what the bridge opened: a connection the user handed in stays theirs.
      await Promise.all((connections?.owned ?? []).map(quit));
      firstAttempt?.();
    },
    stats() {
      return {
        ...counters,
        pending: publisher.pendingCount,
        state: currentState(),
        connections: { publisher: connections?.publisher.status ?? 'wait', subscriber: connections?.subscriber.status ?? 'wait' },
      };
    },
    get state(): BridgeState {
      return currentState();
    },
  };

  function currentState(): BridgeState {
    if (phase !== 'started') return phase;
    if (subscriber?.isSubscribed === true && connections?.publisher.status === 'ready') return 'connected';
    return everConnected ? 'reconnecting' : 'connecting';
  }

  function noteConnected(): void {
    if (currentState() !== 'connected') return;
    everConnected = true;
    firstAttempt?.();
  }
}

async function quit(connection: RedisConnection): Promise<void> {
  if (connection.status === 'ready') await connection.quit().catch(() => undefined);
  // Ended (a quit that went through): nothing is left to stop. Otherwise disconnect() also cancels a
  // pending reconnection timer, so nothing keeps the process alive.
  if (connection.status !== 'end') connection.disconnect();
}
