import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '../../src/express/webhook-signature.js';
import { rawUrlDecode } from '../../src/testing/control/raw-url-decode.js';
import { webhookSignature } from '../../src/testing/index.js';

/** URLs as configured, and the bytes PHP's rawurldecode makes of them (Appwrite signs those). */
const CASES: readonly (readonly [string, Buffer])[] = [
  ['https://a.test/hooks?x=%', Buffer.from('https://a.test/hooks?x=%')],
  ['https://a.test/caf%E9', Buffer.concat([Buffer.from('https://a.test/caf'), Buffer.from([0xe9])])],
  ['https://a.test/caf%C3%A9/é', Buffer.from('https://a.test/café/é')],
  ['https://a.test/a b/a%20b', Buffer.from('https://a.test/a b/a b')],
  ['https://a.test/?q=a+b%2Bc', Buffer.from('https://a.test/?q=a+b+c')],
  ['https://a.test/%zz%4%%41%2', Buffer.from('https://a.test/%zz%4%A%2')],
  ['https://a.test/%2f%2F%00', Buffer.concat([Buffer.from('https://a.test///'), Buffer.from([0])])],
];

const BODY = '{"$id":"r1","title":"Caf\\u00e9 \\/ menu"}';
const expected = (bytes: Buffer): string => createHmac('sha1', 'whsec').update(Buffer.concat([bytes, Buffer.from(BODY)])).digest('base64');

describe('webhook signature: one formula for the local server and the library', () => {
  it.each(CASES)('decodes %s as PHP rawurldecode does', (url, bytes) => {
    expect(rawUrlDecode(url).equals(bytes)).toBe(true);
  });

  it.each(CASES)('signs and verifies %s identically', (url, bytes) => {
    const fromServer = webhookSignature('whsec', url, BODY);
    expect(fromServer).toBe(expected(bytes));
    expect(signWebhook({ secret: 'whsec', url, body: BODY })).toBe(fromServer);
    expect(verifyWebhookSignature({ secret: 'whsec', url, body: Buffer.from(BODY) }, fromServer)).toBe(true);
  });
});
