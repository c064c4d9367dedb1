import { describe, expect, it } from 'vitest';
import { defaultBridgeChannel } from '../../../src/bridge/bridge-channel.js';
import { decodeBridgeMessage, encodeBridgeMessage, type BridgeMessage } from '../../../src/bridge/bridge-message.js';

const message: BridgeMessage = { v: 1, origin: 'web-1', db: 'main', table: 'products', seq: 7 };

describe('bridge message codec', () => {
  it('round-trips a version 1 message as small JSON', () => {
    const raw = encodeBridgeMessage(message);
    expect(raw).toBe('{"v":1,"origin":"web-1","db":"main","table":"products","seq":7}');
    expect(decodeBridgeMessage(raw)).toEqual(message);
  });

  it.each([
    ['not JSON', 'hello'],
    ['empty', ''],
    ['JSON null', 'null'],
    ['an array', '[1,2]'],
    ['an unknown version', JSON.stringify({ ...message, v: 2 })],
    ['a missing table', JSON.stringify({ v: 1, origin: 'a', db: 'main', seq: 1 })],
    ['an empty table', JSON.stringify({ ...message, table: '' })],
    ['a string seq', JSON.stringify({ ...message, seq: '7' })],
    ['a zero seq', JSON.stringify({ ...message, seq: 0 })],
    ['a fractional seq', JSON.stringify({ ...message, seq: 1.5 })],
    ['an extra field', JSON.stringify({ ...message, extra: true })],
    ['an overlong origin', JSON.stringify({ ...message, origin: 'x'.repeat(201) })],
  ])('rejects %s', (_label, raw) => {
    expect(decodeBridgeMessage(raw)).toBeUndefined();
  });
});

describe('defaultBridgeChannel', () => {
  it('names the project and the database', () => {
    expect(defaultBridgeChannel('shop', 'main')).toBe('appwrite-orm:shop:main:invalidate');
    expect(defaultBridgeChannel('shop', 'main')).not.toBe(defaultBridgeChannel('shop', 'archive'));
    expect(defaultBridgeChannel('shop', 'main')).not.toBe(defaultBridgeChannel('blog', 'main'));
  });
});
