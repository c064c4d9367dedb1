import { createHmac, timingSafeEqual } from 'node:crypto';

/** What Appwrite signs for one webhook delivery. */
export interface WebhookSignatureInput {
  /** The webhook's signature key, as shown in the Appwrite console (the model's `secret`). */
  readonly secret: string;
  /** The webhook URL exactly as configured in Appwrite. */
  readonly url: string;
  /** The request body, byte for byte as received. */
  readonly body: Buffer | string;
}

/**
 * Computes `X-Appwrite-Webhook-Signature` the way Appwrite does: standard base64 of the raw
 * HMAC-SHA1, keyed with the webhook's secret, over the percent-decoded webhook URL followed by the body.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ $id: 'r1', $databaseId: 'shop', $tableId: 'products' });
 * const signature = signWebhook({ secret, url: 'https://api.example.com/webhooks/appwrite', body });
 * await fetch(url, { method: 'POST', body, headers: { 'X-Appwrite-Webhook-Signature': signature } });
 * ```
 */
export function signWebhook(input: WebhookSignatureInput): string {
  return digest(input).toString('base64');
}

/**
 * Checks a received `X-Appwrite-Webhook-Signature` in constant time. Returns false for a missing,
 * malformed or wrong signature; never throws.
 *
 * @example
 * ```ts
 * if (!verifyWebhookSignature({ secret, url, body: rawBody }, req.get('x-appwrite-webhook-signature'))) {
 *   res.status(401).end();
 * }
 * ```
 */
export function verifyWebhookSignature(input: WebhookSignatureInput, signature: string | undefined): boolean {
  if (signature === undefined || signature === '') return false;
  const expected = digest(input);
  const received = Buffer.from(signature.trim(), 'base64');
  // timingSafeEqual needs equal lengths; the length of an HMAC-SHA1 digest is public, so checking it first leaks nothing.
  return received.length === expected.length && timingSafeEqual(received, expected);
}

function digest({ secret, url, body }: WebhookSignatureInput): Buffer {
  return createHmac('sha1', secret).update(rawUrlDecode(url)).update(body).digest();
}

/** PHP's rawurldecode: every `%XX` becomes that byte; `+` stays a plus; malformed escapes stay as they are. */
function rawUrlDecode(url: string): Buffer {
  const bytes: Buffer[] = [];
  let plainStart = 0;
  for (let index = url.indexOf('%'); index !== -1; index = url.indexOf('%', index + 1)) {
    const hex = url.slice(index + 1, index + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) continue;
    bytes.push(Buffer.from(url.slice(plainStart, index), 'utf8'), Buffer.from([Number.parseInt(hex, 16)]));
    plainStart = index + 3;
    index += 2;
  }
  bytes.push(Buffer.from(url.slice(plainStart), 'utf8'));
  return Buffer.concat(bytes);
}
