import { createHmac, randomBytes } from 'node:crypto';
import { APPWRITE_VERSION } from '../http/api-error.js';
import { stringifyWire } from '../http/wire-json.js';
import type { RowEvent } from '../emulator-state.js';
import { rawUrlDecode } from './raw-url-decode.js';

/** A webhook to register: Appwrite calls `url` for every event matching one of `events`. */
export interface WebhookSpec {
  readonly url: string;
  /** Event patterns such as `databases.*.tables.products.rows.*` or `databases.main.tables.*.rows.*.create`. */
  readonly events: readonly string[];
  /** Signature key; a random one is made when omitted. */
  readonly secret?: string;
  readonly name?: string;
}

/** A registered webhook. */
export interface WebhookHandle {
  readonly id: string;
  readonly secret: string;
  remove(): void;
}

/** One call the emulator made to a webhook. */
export interface WebhookDelivery {
  readonly webhookId: string;
  readonly url: string;
  /** The first generated event name (the concrete one, e.g. `databases.main.tables.t.rows.r1.create`). */
  readonly event: string;
  readonly body: string;
  /** HTTP status of the receiver's answer; null when the call failed (`error` says why). */
  readonly status: number | null;
  readonly error?: string;
}

/**
 * Webhook registration and delivery records of an emulator.
 *
 * @example
 * ```ts
 * const hook = emu.webhooks.add({ url: 'http://127.0.0.1:3000/hooks', events: ['databases.*.tables.*.rows.*'] });
 * await emu.webhooks.idle();
 * hook.remove();
 * ```
 */
export interface WebhooksView {
  add(spec: WebhookSpec): WebhookHandle;
  /** Calls made so far, oldest first. */
  deliveries(): readonly WebhookDelivery[];
  /** Resolves when every call started so far has finished. */
  idle(): Promise<void>;
  clear(): void;
}

interface Webhook extends WebhookSpec {
  readonly id: string;
  readonly secret: string;
  chain: Promise<void>;
}

/**
 * Every event name Appwrite generates for a row event (Event::generateEvents): the concrete name, every
 * wildcard combination and every shorter prefix, in both the tables/rows and collections/documents vocabularies.
 */
function rowEventNames(databaseId: string, tableId: string, rowId: string, action: string): string[] {
  const names = new Set<string>();
  for (const [tables, rows] of [['tables', 'rows'], ['collections', 'documents']] as const) {
    for (const row of [rowId, '*']) {
      for (const table of [tableId, '*']) {
        for (const db of [databaseId, '*']) names.add(`databases.${db}.${tables}.${table}.${rows}.${row}.${action}`);
      }
    }
    for (const row of [rowId, '*']) {
      for (const table of [tableId, '*']) {
        for (const db of [databaseId, '*']) names.add(`databases.${db}.${tables}.${table}.${rows}.${row}`);
      }
    }
    for (const table of [tableId, '*']) for (const db of [databaseId, '*']) names.add(`databases.${db}.${tables}.${table}`);
    for (const db of [databaseId, '*']) names.add(`databases.${db}`);
  }
  return [...names];
}

/** PHP `json_encode` defaults: `/` escaped, non-ASCII as `\uXXXX`, int64 exact. The signature covers these exact bytes. */
function phpJson(value: unknown): string {
  return stringifyWire(value, { bigints: true })
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `base64(HMAC-SHA1(secret, rawurldecode(url) + body))`, Appwrite's `X-Appwrite-Webhook-Signature`.
 *
 * @example
 * ```ts
 * const valid = req.headers['x-appwrite-webhook-signature'] === webhookSignature(secret, 'https://app.test/hooks', rawBody);
 * ```
 */
export function webhookSignature(secret: string, url: string, body: string): string {
  return createHmac('sha1', secret).update(rawUrlDecode(url)).update(body, 'utf8').digest('base64');
}

/** Sends row events to registered webhooks the way Appwrite's webhooks worker does. */
export class WebhookDispatcher implements WebhooksView {
  #hooks: Webhook[] = [];
  #log: WebhookDelivery[] = [];
  readonly #pending = new Set<Promise<void>>();

  add(spec: WebhookSpec): WebhookHandle {
    const hook: Webhook = { ...spec, id: randomBytes(10).toString('hex'), secret: spec.secret ?? randomBytes(32).toString('hex'), chain: Promise.resolve() };
    this.#hooks.push(hook);
    return { id: hook.id, secret: hook.secret, remove: () => { this.#hooks = this.#hooks.filter((item) => item !== hook); } };
  }

  deliveries(): readonly WebhookDelivery[] {
    return [...this.#log];
  }

  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  clear(): void {
    this.#hooks = [];
    this.#log = [];
  }

  dispatch(event: RowEvent, projectId: string): void {
    if (this.#hooks.length === 0) return;
    for (const row of event.rows) {
      const names = rowEventNames(event.databaseId, event.tableId, String(row.$id), event.action);
      for (const hook of this.#hooks) {
        if (!hook.events.some((pattern) => names.includes(pattern))) continue;
        // Calls to one webhook are chained, so a receiver sees its events in the order they happened.
        const call = hook.chain.then(() => this.#deliver(hook, names, phpJson(row), event.userId, projectId));
        hook.chain = call;
        this.#pending.add(call);
        void call.finally(() => this.#pending.delete(call));
      }
    }
  }

  async #deliver(hook: Webhook, names: readonly string[], body: string, userId: string, projectId: string): Promise<void> {
    const record = { webhookId: hook.id, url: hook.url, event: names[0] ?? '', body };
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(15_000),
        headers: {
          'content-type': 'application/json',
          'user-agent': `Appwrite-Server v${APPWRITE_VERSION}. Please report abuse at security@appwrite.io`,
          'x-appwrite-webhook-id': hook.id,
          'x-appwrite-webhook-events': names.join(','),
          'x-appwrite-webhook-name': hook.name ?? '',
          'x-appwrite-webhook-user-id': userId,
          'x-appwrite-webhook-project-id': projectId,
          'x-appwrite-webhook-signature': webhookSignature(hook.secret, hook.url, body),
        },
      });
      await response.arrayBuffer();
      this.#log.push({ ...record, status: response.status });
    } catch (error) {
      this.#log.push({ ...record, status: null, error: String(error) });
    }
  }
}
