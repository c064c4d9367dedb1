import type { ApiError } from './api-error.js';
import { stringifyWire } from './wire-json.js';

/** A route's answer: JSON `body` (bigint-aware), plain `text`, or neither (empty, e.g. 204). */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly text?: string;
}

/**
 * Bodies passed beside the Fetch objects between the HTTP bridge and the routes: request bodies arrive as
 * text and response bodies leave as text, without building and draining web streams on every request.
 * Requests that do not come from the bridge (msw used directly) carry their bodies as usual.
 */
export const bridgedBodies = new WeakMap<Request, string>();
export const bridgedReplies = new WeakMap<Response, string>();

const JSON_TYPE = 'application/json';

function textResponse(text: string, status: number, contentType: string, bridged: boolean): Response {
  const headers = { 'content-type': contentType };
  if (!bridged) return new Response(text, { status, headers });
  const response = new Response(null, { status, headers });
  bridgedReplies.set(response, text);
  return response;
}

export function errorResponse(error: ApiError, bridged = false): Response {
  return textResponse(JSON.stringify(error.toBody()), error.code, JSON_TYPE, bridged);
}

export function replyResponse(reply: Reply, bridged: boolean): Response {
  if (reply.body !== undefined) return textResponse(stringifyWire(reply.body), reply.status, JSON_TYPE, bridged);
  if (reply.text !== undefined) return textResponse(reply.text, reply.status, 'text/plain; charset=utf-8', bridged);
  return new Response(null, { status: reply.status });
}

