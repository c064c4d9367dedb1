import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BridgePubSub, isUnknownCommand, PLAIN_PUBSUB, SHARDED_PUBSUB } from '../../../src/bridge/bridge-pubsub.js';

describe('the pub/sub commands of the bridge', () => {
  it('are sharded for a Cluster and plain otherwise, and fall back to plain once, for good', () => {
    expect(new BridgePubSub(false).commands).toBe(PLAIN_PUBSUB);
    const pubsub = new BridgePubSub(true);
    expect(pubsub.commands).toBe(SHARDED_PUBSUB);
    expect(pubsub.fallBackToPlain()).toBe(true);
    expect(pubsub.commands).toBe(PLAIN_PUBSUB);
    expect(pubsub.fallBackToPlain()).toBe(false);
    expect(pubsub.commands).toBe(PLAIN_PUBSUB);
  });

  it('name the channel messages arrive under: a sharded channel carries the keyPrefix, a plain one does not', () => {
    const prefixed = new Redis({ lazyConnect: true, keyPrefix: 'app:' });
    const bare = new Redis({ lazyConnect: true });
    expect(SHARDED_PUBSUB.receivedName(prefixed, 'c')).toBe('app:c');
    expect(SHARDED_PUBSUB.receivedName(bare, 'c')).toBe('c');
    expect(PLAIN_PUBSUB.receivedName(prefixed, 'c')).toBe('c');
    expect([PLAIN_PUBSUB.messageEvent, SHARDED_PUBSUB.messageEvent]).toEqual(['message', 'smessage']);
  });

  it('recognise a server\'s unknown-command answer and nothing else', () => {
    expect(isUnknownCommand(new Error("ERR unknown command 'ssubscribe', with args beginning with: 'c' "))).toBe(true);
    expect(isUnknownCommand(new Error('ERR unknown command `spublish`, with args beginning with: `c`, `x`, '))).toBe(true);
    expect(isUnknownCommand(new Error('Connection is closed.'))).toBe(false);
    expect(isUnknownCommand('ERR unknown command')).toBe(false);
  });
});
