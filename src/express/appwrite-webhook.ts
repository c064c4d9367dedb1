import express, { type Request, type Router } from 'express';
import { ConfigError } from '../errors/config-error.js';
import type { ExpressDatabase } from './express-database.js';
import { tablesNamedByWebhook } from './webhook-events.js';
import { verifyWebhookSignature } from './webhook-signature.js';

/** Options of {@link appwriteWebhook}. */
export interface AppwriteWebhookOptions {
  /** The webhook's signature key, from the Appwrite console (Webhooks, your webhook, "Signature key"). */
  readonly secret: string;
  /**
   * The webhook URL exactly as configured in Appwrite; it is part of what Appwrite signs. By default it is
   * rebuilt from the request (protocol, Host header and path), which differs from the configured URL behind
   * a proxy that rewrites any of them: then pass it here.
   */
  readonly url?: string | ((req: Request) => string);
  /**
   * Largest body accepted.
   * @default '1mb'
   */
  readonly limit?: string | number;
}

/** The JSON answer to an accepted delivery. */
export interface WebhookResult {
  /** Table ids of this database that were invalidated. */
  readonly invalidated: readonly string[];
  /** Tables named by the delivery that are not this database's, as `databaseId.tableId`. */
  readonly ignored: readonly string[];
}

/**
 * A router receiving Appwrite webhooks for row events: it verifies `X-Appwrite-Webhook-Signature`
 * (constant time, over the raw body), then invalidates the tables the events name, with origin `'webhook'`
 * so that the Redis bridge tells the other instances. Answers 200 with a {@link WebhookResult}, 401 for a
 * missing or wrong signature, 400 for a body that is not JSON. It reads the raw body itself, so mount it
 * before `express.json()` (or on a path that parser does not cover).
 *
 * @example
 * ```ts
 * const app = express();
 * app.use('/webhooks/appwrite', appwriteWebhook(db, { secret: process.env.WEBHOOK_SECRET! }));
 * app.use(express.json());
 * ```
 */
export function appwriteWebhook(db: ExpressDatabase, options: AppwriteWebhookOptions): Router {
  if (typeof options.secret !== 'string' || options.secret === '') {
    throw new ConfigError('appwriteWebhook: a non-empty secret (the webhook signature key) is required');
  }
  const router = express.Router();
  // Any content type: the signature covers the bytes as sent, whatever the sender declared.
  router.post('/', express.raw({ type: () => true, limit: options.limit ?? '1mb' }), (req, res) => {
    // No body at all arrives as undefined: an empty body, refused below like any malformed one.
    const body: unknown = req.body ?? Buffer.alloc(0);
    if (!Buffer.isBuffer(body)) {
      res.status(500).json({ message: 'appwriteWebhook needs the raw body: mount it before express.json() or any other body parser' });
      return;
    }
    const url = resolveUrl(options.url, req);
    if (!verifyWebhookSignature({ secret: options.secret, url, body }, req.get('x-appwrite-webhook-signature'))) {
      res.status(401).json({ message: 'missing or invalid X-Appwrite-Webhook-Signature' });
      return;
    }
    const payload = parseJsonObject(body);
    if (payload === undefined) {
      res.status(400).json({ message: 'the webhook body is not a JSON object or array' });
      return;
    }
    const events = req.get('x-appwrite-webhook-events');
    res.json(invalidateNamedTables(db, tablesNamedByWebhook(events, payload), /\.delete(?:,|$)/.test(events ?? '') ? 'delete' : 'write'));
  });
  return router;
}

/**
 * Invalidates the named tables of this database and the tables their change reaches through relationships
 * (cascaded and unlinked rows change without a webhook of their own).
 */
function invalidateNamedTables(db: ExpressDatabase, refs: ReturnType<typeof tablesNamedByWebhook>, action: 'write' | 'delete'): WebhookResult {
  const known = new Set(db.tableIds());
  const invalidated: string[] = [];
  const ignored: string[] = [];
  for (const { databaseId, tableId } of refs) {
    if (databaseId === db.databaseId && known.has(tableId)) {
      for (const table of db.affectedTables?.(tableId, action) ?? [tableId]) {
        if (invalidated.includes(table)) continue;
        db.invalidate(table, 'webhook');
        invalidated.push(table);
      }
    } else {
      ignored.push(`${databaseId}.${tableId}`);
    }
  }
  return { invalidated, ignored };
}

function parseJsonObject(body: Buffer): object | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function resolveUrl(url: AppwriteWebhookOptions['url'], req: Request): string {
  if (typeof url === 'function') return url(req);
  return url ?? `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`;
}
