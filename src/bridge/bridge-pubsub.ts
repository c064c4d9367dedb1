import type { RedisConnection } from '../redis/redis-source.js';

/** The commands the bridge talks on its channel with. */
export interface PubSubCommands {
  /**
   * `'plain'`: PUBLISH / SUBSCRIBE (on a Cluster every message is copied to every node). `'sharded'`:
   * SPUBLISH / SSUBSCRIBE (Redis 7): the channel is hashed to one Cluster slot, and only the nodes serving
   * that slot carry its messages.
   */
  readonly kind: 'plain' | 'sharded';
  /** The ioredis event a message arrives with. */
  readonly messageEvent: 'message' | 'smessage';
  publish(connection: RedisConnection, channel: string, payload: string): Promise<unknown>;
  subscribe(connection: RedisConnection, channel: string): Promise<unknown>;
  unsubscribe(connection: RedisConnection, channel: string): Promise<unknown>;
  /** The channel name messages arrive under: a sharded channel is a key, so ioredis adds the `keyPrefix`. */
  receivedName(connection: RedisConnection, channel: string): string;
}

/** PUBLISH / SUBSCRIBE. */
export const PLAIN_PUBSUB: PubSubCommands = {
  kind: 'plain',
  messageEvent: 'message',
  publish: (connection, channel, payload) => connection.publish(channel, payload),
  subscribe: (connection, channel) => connection.subscribe(channel),
  unsubscribe: (connection, channel) => connection.unsubscribe(channel),
  receivedName: (_connection, channel) => channel,
};

/** SPUBLISH / SSUBSCRIBE; on a Cluster, the subscriber needs `shardedSubscribers: true`. */
export const SHARDED_PUBSUB: PubSubCommands = {
  kind: 'sharded',
  messageEvent: 'smessage',
  publish: (connection, channel, payload) => connection.spublish(channel, payload),
  subscribe: (connection, channel) => connection.ssubscribe(channel),
  unsubscribe: (connection, channel) => connection.sunsubscribe(channel),
  receivedName: (connection, channel) => `${connection.options.keyPrefix ?? ''}${channel}`,
};

/**
 * Whether `error` is a server's answer to a command it does not know (Redis before 7 to SSUBSCRIBE or
 * SPUBLISH).
 *
 * @example
 * ```ts
 * isUnknownCommand(new Error("ERR unknown command 'ssubscribe', with args beginning with: 'c'")); // true
 * ```
 */
export function isUnknownCommand(error: unknown): boolean {
  return error instanceof Error && /\bunknown command\b/i.test(error.message);
}

/**
 * The commands a bridge's publisher and subscriber share: sharded on a Redis Cluster, plain otherwise, and
 * plain for good once the Cluster turned out not to know sharded pub/sub.
 *
 * @example
 * ```ts
 * const pubsub = new BridgePubSub(connections.sharded);
 * await pubsub.commands.subscribe(connections.subscriber, channel);
 * ```
 */
export class BridgePubSub {
  #commands: PubSubCommands;

  constructor(sharded: boolean) {
    this.#commands = sharded ? SHARDED_PUBSUB : PLAIN_PUBSUB;
  }

  get commands(): PubSubCommands {
    return this.#commands;
  }

  /** Switches to plain pub/sub; returns whether it was sharded until now. */
  fallBackToPlain(): boolean {
    const wasSharded = this.#commands.kind === 'sharded';
    this.#commands = PLAIN_PUBSUB;
    return wasSharded;
  }
}
