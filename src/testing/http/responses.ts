import type { ApiError } from './api-error.js';
import { stringifyWire } from './wire-json.js';

/** A route's answer: JSON `body` (bigint-aware), plain `text`, or neither (empty, e.g. 204). */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly text?: string;
}

/** What the server writes back: a status, the body as text and its content type (none when empty). */
export interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

const JSON_TYPE = 'application/json';

export function errorAnswer(error: ApiError): Answer {
  return { status: error.code, contentType: JSON_TYPE, body: JSON.stringify(error.toBody()) };
}

export function replyAnswer(reply: Reply): Answer {
  if (reply.body !== undefined) return { status: reply.status, contentType: JSON_TYPE, body: stringifyWire(reply.body, { bigints: true }) };
  if (reply.text !== undefined) return { status: reply.status, contentType: 'text/plain; charset=utf-8', body: reply.text };
  return { status: reply.status, contentType: undefined, body: '' };
}
