import type { RedisConnection } from '../redis/redis-source.js';
import { encodeBridgeMessage } from './bridge-message.js';
import type { BridgePubSub } from './bridge-pubsub.js';
import { PendingTables } from './bridge-pending.js';
import type { BridgeCounters } from './bridge-stats.js';

/** Which instance of which database talks on which channel. */
export interface BridgeIdentity {
  readonly channel: string;
  readonly instanceId: string;
  readonly databaseId: string;
}

/**
 * Announces local invalidations on the channel, numbering them 1, 2, 3... Whatever cannot be sent
 * (connection down, PUBLISH failed) waits in a bounded, deduplicated set and goes out on the next
 * `flush()`, which the bridge calls when the publisher is ready again.
 *
 * @example
 * ```ts
 * const publisher = new BridgePublisher({ channel, instanceId: 'web-1', databaseId: 'main' }, counters);
 * publisher.use(redis, new BridgePubSub(false));
 * publisher.announce('products');
 * ```
 */
export class BridgePublisher {
  #seq = 0;
  readonly #pending: PendingTables;
  #connection: RedisConnection | undefined;
  #pubsub: BridgePubSub | undefined;

  readonly #identity: BridgeIdentity;
  readonly #counters: BridgeCounters;

  constructor(
    identity: BridgeIdentity,
    counters: BridgeCounters,
    pendingLimit = 1_000,
  ) {
    this.#identity = identity;
    this.#counters = counters;
    this.#pending = new PendingTables(pendingLimit);
  }

  /** Publishes through `connection` with `pubsub`'s commands from now on; until then everything waits in the pending set. */
  use(connection: RedisConnection, pubsub: BridgePubSub): void {
    this.#connection = connection;
    this.#pubsub = pubsub;
  }

  /** Tables still waiting to be announced. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Announces that `table` (or '*', every table) changed on this instance. */
  announce(table: string): void {
    // Not ready: keep it for the reconnect rather than consume a sequence number on a message that
    // cannot leave; receivers would see a gap and resynchronise for nothing.
    const connection = this.#connection;
    const pubsub = this.#pubsub;
    if (connection?.status !== 'ready' || pubsub === undefined) {
      this.#counters.publishFailures += 1;
      this.#pending.add(table);
      return;
    }
    this.flush();
    this.#send(connection, pubsub, table);
  }

  /** Publishes every waiting table, if the connection is ready. */
  flush(): void {
    const connection = this.#connection;
    const pubsub = this.#pubsub;
    if (connection?.status !== 'ready' || pubsub === undefined || this.#pending.size === 0) return;
    for (const table of this.#pending.drain()) this.#send(connection, pubsub, table);
  }

  #send(connection: RedisConnection, pubsub: BridgePubSub, table: string): void {
    this.#seq += 1;
    const payload = encodeBridgeMessage({ v: 1, origin: this.#identity.instanceId, db: this.#identity.databaseId, table, seq: this.#seq });
    pubsub.commands.publish(connection, this.#identity.channel, payload).then(
      () => {
        this.#counters.published += 1;
      },
      () => {
        // The message may or may not have left: announce the table again after the reconnect. A
        // receiver that missed this number sees a gap and resynchronises; a duplicate is harmless.
        this.#counters.publishFailures += 1;
        this.#pending.add(table);
      },
    );
  }
}
