import { openBridgeConnections, type BridgeConnections } from './bridge-connections.js';
import type { RedisConnection, RedisSource } from '../redis/redis-source.js';
import { ALL_TABLES } from './bridge-message.js';
import { BridgePublisher } from './bridge-publisher.js';
import { BridgePubSub } from './bridge-pubsub.js';
import { BridgeStateMachine, type BridgeStateChange } from './bridge-state.js';
import { createBridgeCounters, type BridgeCounters, type BridgeState, type BridgeStats } from './bridge-stats.js';
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

/** Options of {@link RedisBridge}. */
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

/** The states in which the bridge listens to the cache and to its connections. */
const LISTENING: ReadonlySet<BridgeState> = new Set(['connecting', 'connected', 'reconnecting']);

/**
 * The Redis pub/sub bridge that spreads cache invalidations across application instances. Every local or
 * webhook invalidation is published; other instances' messages invalidate the local table. After a
 * reconnect, or a gap in a sender's numbering, every local table is dropped and the shared tier's
 * generations are read again (`invalidateAll('resync')`). On a Redis Cluster it uses sharded pub/sub
 * (SPUBLISH / SSUBSCRIBE): the channel lives in one slot, so its messages travel only to the node serving
 * that slot instead of to every node; a Cluster before Redis 7 makes it use plain pub/sub.
 *
 * Its connection state ({@link RedisBridge.state}) changes only along the table in `bridge-state.ts`, and
 * each state does one thing on entry:
 * - `connecting` (`start()`): listens to the cache (what changes from now on waits to be announced), loads
 *   ioredis and connects both connections; ioredis missing: warned, `closed`.
 * - `connected` (publisher ready and channel subscription active): settles `start()`; after an outage,
 *   says so. Whenever the subscription (re)takes, before this state is entered, every table held was
 *   invalidated, since messages sent while there was no subscription are lost.
 * - `reconnecting` (a connection dropped after `connected`): nothing; ioredis reconnects in the
 *   background, announcements wait in a bounded set, one warning per outage.
 * - `stopped` (`closeListeners()`): settles `start()`, stops listening to the cache and the channel, unsubscribes.
 * - `closed` (`close()`): as `stopped`, then quits the connections it opened.
 *
 * @example
 * ```ts
 * const bridge = new RedisBridge({ cache, redis: 'redis://127.0.0.1:6379', channel: defaultBridgeChannel('shop', 'main'),
 *   instanceId: 'web-1', databaseId: 'main', logger: console });
 * bridge.onStateChange(({ from, to }) => console.log(`bridge: ${from} -> ${to}`));
 * await bridge.start();
 * // ...
 * await bridge.close();
 * ```
 */
export class RedisBridge {
  readonly #machine = new BridgeStateMachine();
  readonly #counters: BridgeCounters = createBridgeCounters();
  readonly #publisher: BridgePublisher;
  readonly #options: RedisBridgeOptions;
  readonly #declared: ReadonlySet<string> | undefined;
  #connections: BridgeConnections | undefined;
  #subscriber: BridgeSubscriber | undefined;
  #outageWarned = false;
  /** Whether a resync ran since the bridge was last `connected`. */
  #resynced = false;
  #malformedWarned = false;
  #starting: Promise<void> | undefined;
  /** Settles `start()`: on `connected`, on the first failed connection attempt, or on `closed`. */
  #settleStart: (() => void) | undefined;

  constructor(options: RedisBridgeOptions) {
    this.#options = options;
    this.#declared = options.tables === undefined ? undefined : new Set(options.tables);
    this.#publisher = new BridgePublisher({ channel: options.channel, instanceId: options.instanceId, databaseId: options.databaseId }, this.#counters, options.pendingLimit);
  }

  /** Where the bridge stands; see {@link BridgeState}. */
  get state(): BridgeState {
    return this.#machine.state;
  }

  /**
   * Loads ioredis, connects and subscribes. Resolves once connected and subscribed, or once Redis was
   * found down (warned, retried in the background), or ioredis could not be loaded (warned, bridge off).
   * Never rejects. Calling it again returns the first call's promise.
   */
  start(): Promise<void> {
    this.#starting ??= this.#startOnce();
    return this.#starting;
  }

  /** Stops publishing and receiving, and unsubscribes. Connections stay open until `close()`. */
  async closeListeners(): Promise<void> {
    if (LISTENING.has(this.state)) await this.#enter('stopped');
  }

  /** `closeListeners()`, then quits the connections the bridge opened. A user's own connection is left open. */
  async close(): Promise<void> {
    if (this.state !== 'closed') await this.#enter('closed');
  }

  /** A snapshot of the counters, the announcements still waiting, the state and each connection's ioredis status. */
  stats(): BridgeStats {
    return {
      ...this.#counters,
      pending: this.#publisher.pendingCount,
      state: this.state,
      connections: { publisher: this.#connections?.publisher.status ?? 'wait', subscriber: this.#connections?.subscriber.status ?? 'wait' },
    };
  }

  /** Calls `listener` on every state change from now on, in order; returns the function that stops it. */
  onStateChange(listener: (change: BridgeStateChange) => void): () => void {
    return this.#machine.onChange(listener);
  }

  async #startOnce(): Promise<void> {
    // close() ran first: the bridge never starts.
    if (this.state !== 'idle') return;
    const settled = new Promise<void>((resolve) => (this.#settleStart = resolve));
    await this.#enter('connecting');
    await settled;
  }

  /** The single way the state changes: checks the change against the table, then runs the new state's entry action. */
  async #enter(to: BridgeState): Promise<void> {
    const { from } = this.#machine.move(to);
    switch (to) {
      case 'connecting':
        return this.#onConnecting();
      case 'connected':
        return this.#onConnected();
      case 'reconnecting':
        return undefined;
      case 'stopped':
        return this.#onStopped();
      case 'closed':
        return this.#onClosed(from);
      case 'idle':
        return undefined;
    }
  }

  async #onConnecting(): Promise<void> {
    // Listening before Redis is reached: what changes meanwhile waits in the pending set.
    this.#options.cache.on('invalidate', this.#onInvalidate);
    this.#options.cache.on('invalidateAll', this.#onInvalidateAll);
    const opened = await this.#open();
    if (opened === undefined) {
      await this.#enter('closed');
      return;
    }
    // closeListeners() or close() ran while ioredis was loading: these connections never start.
    if (this.state !== 'connecting') {
      await Promise.all(opened.owned.map(quit));
      return;
    }
    this.#wire(opened);
  }

  #onConnected(): void {
    if (this.#outageWarned) {
      const resynced = this.#resynced ? '; every local table was invalidated' : '; no message was missed';
      this.#options.logger.info?.(`The Redis invalidation bridge on "${this.#options.channel}" is connected again${resynced}`);
    }
    this.#outageWarned = false;
    this.#resynced = false;
    this.#settle();
  }

  async #onStopped(): Promise<void> {
    this.#settle();
    await this.#stopListening();
  }

  async #onClosed(from: BridgeState): Promise<void> {
    if (LISTENING.has(from)) await this.#stopListening();
    // Only what the bridge opened: a connection the user handed in stays theirs.
    await Promise.all((this.#connections?.owned ?? []).map(quit));
    this.#settle();
  }

  #settle(): void {
    this.#settleStart?.();
    this.#settleStart = undefined;
  }

  async #open(): Promise<BridgeConnections | undefined> {
    try {
      return await openBridgeConnections(this.#options.redis);
    } catch (error) {
      this.#options.logger.warn(`The Redis invalidation bridge is off: ioredis could not be loaded (${error instanceof Error ? error.message : String(error)}); install it with \`npm i ioredis\``);
      return undefined;
    }
  }

  #wire(opened: BridgeConnections): void {
    this.#connections = opened;
    const pubsub = new BridgePubSub(opened.sharded);
    this.#publisher.use(opened.publisher, pubsub);
    opened.publisher.on('ready', this.#onPublisherReady).on('close', this.#reassess);
    for (const connection of opened.owned) connection.on('error', this.#onError).on('close', this.#onClose);
    this.#subscriber = new BridgeSubscriber(opened.subscriber, pubsub, this.#options, this.#counters, this.#actions);
    this.#subscriber.attach();
    // Connection errors arrive as 'error' events (handled above); the promises only repeat them.
    for (const connection of opened.owned) connection.connect().catch(() => undefined);
    if (opened.publisher.status === 'wait') opened.publisher.connect().catch(() => undefined);
    // A user's connection that was up already.
    this.#reassess();
  }

  async #stopListening(): Promise<void> {
    this.#options.cache.off('invalidate', this.#onInvalidate);
    this.#options.cache.off('invalidateAll', this.#onInvalidateAll);
    this.#connections?.publisher.off('ready', this.#onPublisherReady).off('close', this.#reassess);
    await this.#subscriber?.detach();
  }

  /** Moves between `connecting`/`reconnecting` and `connected` as the two connections come and go. */
  readonly #reassess = (): void => {
    const up = this.#subscriber?.isSubscribed === true && this.#connections?.publisher.status === 'ready';
    const state = this.state;
    if (up && (state === 'connecting' || state === 'reconnecting')) void this.#enter('connected');
    else if (!up && state === 'connected') void this.#enter('reconnecting');
  };

  readonly #actions: SubscriberActions = {
    knows: (table) => this.#declared === undefined || this.#declared.has(table) || this.#options.accepts?.(table) === true,
    invalidate: (table) => (table === ALL_TABLES ? this.#options.cache.invalidateAll('remote') : this.#options.cache.invalidate(table, 'remote')),
    resync: (reason) => {
      if (reason !== 'first') this.#counters.resyncs += 1;
      this.#resynced = true;
      this.#options.cache.invalidateAll('resync');
    },
    malformed: (raw) => {
      if (this.#malformedWarned) return;
      this.#malformedWarned = true;
      this.#options.logger.warn(`Ignored a malformed message on Redis channel "${this.#options.channel}": ${JSON.stringify(raw.slice(0, 120))} (further ones are only counted in stats().malformed)`);
    },
    subscribed: () => {
      // What failed to go out before the subscription took (a sharded publish on a server that lacks it) goes now.
      this.#publisher.flush();
      this.#reassess();
    },
    lost: this.#reassess,
    fellBackToPlain: () => {
      this.#options.logger.warn(`The Redis Cluster behind the invalidation bridge does not know sharded pub/sub (SSUBSCRIBE, Redis 7); channel "${this.#options.channel}" uses PUBLISH / SUBSCRIBE instead`);
    },
  };

  // A receiver reads the table's generation in Redis on receipt: announce once the shared tier's bump is in.
  #announce(table: string): void {
    const settled = this.#options.cache.sharedTierSettled?.(table);
    if (settled === undefined) this.#publisher.announce(table);
    else void settled.then(() => this.#publisher.announce(table));
  }

  // Only changes made here are announced: 'remote' and 'resync' came from the bridge itself.
  readonly #onInvalidate: InvalidationListener = (event) => {
    // The tables of an invalidateAll() go out as one '*' message (onInvalidateAll), not one per table.
    if (announced(event.origin) && event.all !== true) this.#announce(event.table);
  };

  readonly #onInvalidateAll: InvalidateAllListener = (event) => {
    if (announced(event.origin)) this.#announce(ALL_TABLES);
  };

  readonly #onPublisherReady = (): void => {
    this.#publisher.flush();
    this.#reassess();
  };

  // One warning per outage, however many connections fail and however often ioredis retries.
  #warnOutage(reason: string): void {
    // A first attempt that failed settles start(): the bridge keeps trying in the background.
    this.#settle();
    if (this.#outageWarned || !LISTENING.has(this.state)) return;
    this.#outageWarned = true;
    this.#options.logger.warn(`The Redis invalidation bridge ${reason}; the cache keeps serving (stale for at most its TTL) and reconnects in the background`);
  }

  readonly #onError = (error: Error): void => this.#warnOutage(`cannot reach Redis (${error.message})`);
  readonly #onClose = (): void => {
    this.#warnOutage('lost its connection to Redis');
    this.#reassess();
  };
}

function announced(origin: string): boolean {
  return origin === 'local' || origin === 'webhook';
}

async function quit(connection: RedisConnection): Promise<void> {
  if (connection.status === 'ready') await connection.quit().catch(() => undefined);
  // Ended (a quit that went through): nothing is left to stop. Otherwise disconnect() also cancels a
  // pending reconnection timer, so nothing keeps the process alive.
  if (connection.status !== 'end') connection.disconnect();
}
