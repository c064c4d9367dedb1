import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '../../../src/express/webhook-signature.js';

const secret = 'whsec-test';
const url = 'https://api.example.com/webhooks/appwrite';
const body = '{"$id":"r1","$databaseId":"shop","$tableId":"products","name":"Caf\\u00e9 \\/ bar"}';

// Appwrite: base64_encode(hash_hmac('sha1', rawurldecode($url) . $payload, $signatureKey, true))
const appwriteSignature = (key: string, message: string): string => createHmac('sha1', key).update(message).digest('base64');

describe('webhook signature', () => {
  it('signs the URL followed by the body, as Appwrite does', () => {
    expect(signWebhook({ secret, url, body })).toBe(appwriteSignature(secret, url + body));
  });

  it('percent-decodes the URL like rawurldecode, leaving + and malformed escapes alone', () => {
    const encoded = 'https://x.test/hook?a=%2Fb+c&d=%zz&e=%C3%A9';
    expect(signWebhook({ secret, url: encoded, body })).toBe(appwriteSignature(secret, `https://x.test/hook?a=/b+c&d=%zz&e=é${body}`));
  });

  it('accepts the right signature over the same bytes, as a string or a buffer', () => {
    const signature = appwriteSignature(secret, url + body);
    expect(verifyWebhookSignature({ secret, url, body }, signature)).toBe(true);
    expect(verifyWebhookSignature({ secret, url, body: Buffer.from(body) }, signature)).toBe(true);
  });

  it('refuses a missing, empty, malformed, truncated or foreign signature', () => {
    const signature = appwriteSignature(secret, url + body);
    expect(verifyWebhookSignature({ secret, url, body }, undefined)).toBe(false);
    expect(verifyWebhookSignature({ secret, url, body }, '')).toBe(false);
    expect(verifyWebhookSignature({ secret, url, body }, 'not base64 at all!')).toBe(false);
    expect(verifyWebhookSignature({ secret, url, body }, signature.slice(0, 10))).toBe(false);
    expect(verifyWebhookSignature({ secret: 'other', url, body }, signature)).toBe(false);
  });

  it('refuses a tampered body or another URL', () => {
    const signature = appwriteSignature(secret, url + body);
    expect(verifyWebhookSignature({ secret, url, body: body.replace('r1', 'r2') }, signature)).toBe(false);
    expect(verifyWebhookSignature({ secret, url: `${url}/x`, body }, signature)).toBe(false);
  });
});
