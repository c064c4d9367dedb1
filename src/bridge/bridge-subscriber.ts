import type { RedisConnection } from '../redis/redis-source.js';
import type { BridgeIdentity } from './bridge-publisher.js';
import { ALL_TABLES, decodeBridgeMessage } from './bridge-message.js';
import { isUnknownCommand, PLAIN_PUBSUB, SHARDED_PUBSUB, type BridgePubSub, type PubSubCommands } from './bridge-pubsub.js';
import { SequenceTracker } from './bridge-sequence.js';
import type { BridgeCounters } from './bridge-stats.js';

/** What the subscriber does with what it hears. */
export interface SubscriberActions {
  /** Whether `table` (never '*') is one this instance declared; messages naming any other are ignored. */
  knows(table: string): boolean;
  /** Invalidate one table, or every table for '*', because another instance changed it. */
  invalidate(table: string): void;
  /**
   * Invalidate every table because messages may have been missed: after a reconnect, a gap in a
   * sender's numbers, or (`'first'`) on the first subscription, for whatever was cached before it.
   */
  resync(reason: 'reconnect' | 'gap' | 'first'): void;
  /** A payload that is not a valid message arrived. */
  malformed(raw: string): void;
  /** The subscription is (again) active; the resynchronisation it calls for has run. */
  subscribed(): void;
  /** The connection dropped: the subscription is gone until the next 'ready'. */
  lost(): void;
  /** The server does not know sharded pub/sub (Redis before 7): the bridge changed to plain pub/sub. */
  fellBackToPlain(): void;
}

/**
 * Listens on the channel and applies other instances' invalidations. It subscribes on every
 * 'ready' of its connection and then resynchronises, as it does on a gap in a sender's sequence
 * numbers (the .NET FusionCache auto-recovery, applied to the receiver). It subscribes with the
 * commands of `pubsub` (SSUBSCRIBE on a Cluster); a server that does not know SSUBSCRIBE moves the
 * bridge to plain pub/sub for good.
 *
 * @example
 * ```ts
 * const subscriber = new BridgeSubscriber(connection, new BridgePubSub(false), { channel, instanceId: 'web-2', databaseId: 'main' }, counters, actions);
 * subscriber.attach();
 * ```
 */
export class BridgeSubscriber {
  readonly #sequences = new SequenceTracker();
  #listening = false;
  #hadSubscription = false;
  #lostConnection = false;
  #subscribing = false;

  readonly #connection: RedisConnection;
  readonly #pubsub: BridgePubSub;
  readonly #identity: BridgeIdentity;
  readonly #counters: BridgeCounters;
  readonly #actions: SubscriberActions;

  constructor(
    connection: RedisConnection,
    pubsub: BridgePubSub,
    identity: BridgeIdentity,
    counters: BridgeCounters,
    actions: SubscriberActions,
  ) {
    this.#connection = connection;
    this.#pubsub = pubsub;
    this.#identity = identity;
    this.#counters = counters;
    this.#actions = actions;
  }

  /** Whether the channel subscription is currently active. */
  get isSubscribed(): boolean {
    return this.#listening && this.#hadSubscription && !this.#lostConnection && this.#connection.status === 'ready';
  }

  attach(): void {
    this.#listening = true;
    this.#connection.on('ready', this.#onReady);
    this.#connection.on('close', this.#onClose);
    this.#connection.on('message', this.#onPlainMessage);
    this.#connection.on('smessage', this.#onShardedMessage);
    this.#connection.on('subscribersReady', this.#onShardsReplaced);
    if (this.#connection.status === 'ready') this.#onReady();
  }

  /** Stops listening and unsubscribes; the connection stays open. */
  async detach(): Promise<void> {
    this.#listening = false;
    this.#connection.off('ready', this.#onReady);
    this.#connection.off('close', this.#onClose);
    this.#connection.off('message', this.#onPlainMessage);
    this.#connection.off('smessage', this.#onShardedMessage);
    this.#connection.off('subscribersReady', this.#onShardsReplaced);
    if (this.#connection.status === 'ready') await this.#pubsub.commands.unsubscribe(this.#connection, this.#identity.channel).catch(() => undefined);
  }

  readonly #onClose = (): void => {
    this.#lostConnection = true;
    this.#actions.lost();
  };

  /**
   * A Cluster's sharded subscriber connections are ioredis' own: when the node serving the channel's slot
   * drops one (restart, failover, CLIENT KILL), ioredis opens another and subscribes again without the
   * Cluster leaving 'ready', then reports 'subscribersReady'. Messages sent in between are lost, so this
   * counts as a lost connection: subscribe again, then resynchronise.
   */
  readonly #onShardsReplaced = (): void => {
    if (this.#pubsub.commands.kind !== 'sharded' || !this.#hadSubscription || this.#subscribing || !this.#listening) return;
    this.#lostConnection = true;
    this.#actions.lost();
    this.#onReady();
  };

  readonly #onReady = (): void => {
    const commands = this.#pubsub.commands;
    this.#subscribing = true;
    this.#subscribe(commands).finally(() => (this.#subscribing = false)).then(
      () => {
        // closeListeners() ran while this subscription was on its way: undo it.
        if (!this.#listening) {
          commands.unsubscribe(this.#connection, this.#identity.channel).catch(() => undefined);
          return;
        }
        // Messages sent while there was no subscription are lost, so every table is dropped once the
        // subscription is active (subscribing first means nothing slips in between). Before the first
        // one that is only what the cache filled in the moments before; after an outage, everything.
        const reason = this.#hadSubscription || this.#lostConnection ? 'reconnect' : 'first';
        this.#hadSubscription = true;
        this.#lostConnection = false;
        this.#sequences.reset();
        this.#actions.resync(reason);
        this.#actions.subscribed();
      },
      (error: unknown) => {
        // Redis before 7 on a Cluster: subscribe again the plain way.
        if (this.#listening && commands.kind === 'sharded' && isUnknownCommand(error) && this.#pubsub.fallBackToPlain()) {
          this.#actions.fellBackToPlain();
          this.#onReady();
        }
        // Otherwise the connection dropped again before the subscription took: the next 'ready' retries.
      },
    );
  };

  async #subscribe(commands: PubSubCommands): Promise<void> {
    // ioredis keeps a Cluster's sharded channels and subscribes to them again itself after a reconnect; adding
    // the channel again would list it twice, so it is first dropped (the resynchronisation that follows the
    // subscription covers anything sent in between).
    if (commands.kind === 'sharded' && this.#hadSubscription) await commands.unsubscribe(this.#connection, this.#identity.channel).catch(() => undefined);
    await commands.subscribe(this.#connection, this.#identity.channel);
  }

  readonly #onPlainMessage = (channel: string, raw: string): void => {
    this.#receive(PLAIN_PUBSUB, channel, raw);
  };

  readonly #onShardedMessage = (channel: string, raw: string): void => {
    this.#receive(SHARDED_PUBSUB, channel, raw);
  };

  #receive(via: PubSubCommands, channel: string, raw: string): void {
    const commands = this.#pubsub.commands;
    if (via !== commands || channel !== commands.receivedName(this.#connection, this.#identity.channel) || !this.#listening) return;
    this.#counters.received += 1;
    const message = decodeBridgeMessage(raw);
    if (message === undefined) {
      this.#counters.malformed += 1;
      this.#actions.malformed(raw);
      return;
    }
    if (message.origin === this.#identity.instanceId) {
      this.#counters.ignoredOwn += 1;
      return;
    }
    if (message.db !== this.#identity.databaseId) {
      this.#counters.ignoredForeign += 1;
      return;
    }
    // The number is noted even for a table this instance does not have, so that skipping such messages
    // never looks like a gap; an unknown table is then ignored before anything is applied or created.
    const order = this.#sequences.observe(message.origin, message.seq);
    if (order === 'gap' || order === 'overflow') {
      this.#counters.applied += 1;
      this.#actions.resync('gap');
      return;
    }
    if (message.table !== ALL_TABLES && !this.#actions.knows(message.table)) {
      this.#counters.ignoredUnknown += 1;
      return;
    }
    this.#counters.applied += 1;
    this.#actions.invalidate(message.table);
  }
}
