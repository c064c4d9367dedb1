import type { RedisConnection } from '../redis/redis-source.js';
import { encodeBridgeMessage } from './bridge-message.js';
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
 * publisher.use(redis);
 * publisher.announce('products');
 * ```
 */
export class BridgePublisher {
  private seq = 0;
  private readonly pending: PendingTables;
  private connection: RedisConnection | undefined;

  constructor(
    private readonly identity: BridgeIdentity,
    private readonly counters: BridgeCounters,
    pendingLimit = 1_000,
  ) {
    this.pending = new PendingTables(pendingLimit);
  }

  /** Publishes through `connection` from now on; until then everything waits in the pending set. */
  use(connection: RedisConnection): void {
    this.connection = connection;
  }

  /** Tables still waiting to be announced. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Announces that `table` (or '*', every table) changed on this instance. */
  announce(table: string): void {
    // Not ready: keep it for the reconnect rather than consume a sequence number on a message that
    // cannot leave; receivers would see a gap and resynchronise for nothing.
    const connection = this.connection;
    if (connection?.status !== 'ready') {
      this.counters.publishFailures += 1;
      this.pending.add(table);
      return;
    }
    this.flush();
    this.send(connection, table);
  }

  /** Publishes every waiting table, if the connection is ready. */
  flush(): void {
    const connection = this.connection;
    if (connection?.status !== 'ready' || this.pending.size === 0) return;
    for (const table of this.pending.drain()) this.send(connection, table);
  }

  private send(connection: RedisConnection, table: string): void {
    this.seq += 1;
    const payload = encodeBridgeMessage({ v: 1, origin: this.identity.instanceId, db: this.identity.databaseId, table, seq: this.seq });
    connection.publish(this.identity.channel, payload).then(
      () => {
        this.counters.published += 1;
      },
      () => {
        // The message may or may not have left: announce the table again after the reconnect. A
        // receiver that missed this number sees a gap and resynchronises; a duplicate is harmless.
        this.counters.publishFailures += 1;
        this.pending.add(table);
      },
    );
  }
}
