import { badRequest } from './errors.js';
import { Params, parseSearchParams } from './params.js';
import { parseWire } from './wire-json.js';

/** What the server needs of a request to read its params. */
export interface ParamSource {
  readonly method: string;
  header(name: string): string | null;
  readonly body: string;
}

/** The methods whose params utopia reads from the body (`Request::generateInput`); every other one reads the query string. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a decoded JSON value holds a string (or key) with an unpaired UTF-16 surrogate. */
function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => LONE_SURROGATE.test(key) || hasLoneSurrogate(item));
}

/**
 * The body as PHP's `json_decode` reads it: null where it fails (not JSON, or an escaped surrogate without
 * its pair, JSON_ERROR_UTF16). Integers beyond ±2^53 stay exact (BigInt), as the SDK sends them.
 */
function decodeJson(text: string): unknown {
  if (text.trim() === '') return null;
  let body: unknown;
  try {
    body = parseWire(text);
  } catch {
    return null;
  }
  // A body decoded from UTF-8 has no lone surrogate of its own: only a `\uD800`-style escape makes one.
  return text.includes('\\u') && hasLoneSurrogate(body) ? null : body;
}

/** The text fields of a form body, as Swoole fills PHP's `$_POST` (uploaded files go to `$_FILES`, not params). */
async function formFields(contentType: string, text: string): Promise<Record<string, unknown>> {
  try {
    const form = await new Response(text, { headers: { 'content-type': contentType } }).formData();
    const fields: [string, string][] = [];
    form.forEach((value, key) => {
      if (typeof value === 'string') fields.push([key, value]);
    });
    return parseSearchParams(fields);
  } catch {
    // A multipart body without a readable boundary has no fields.
    return {};
  }
}

/**
 * The payload of a body method, read by its `Content-Type` as utopia's Swoole request does: the media type
 * (the header up to any `;`, compared as it is written) `application/json` goes through `json_decode`;
 * otherwise the form fields Swoole parsed, which it does for a type starting, in any case, with
 * `application/x-www-form-urlencoded` or `multipart/form-data`; any other body gives no params. A payload
 * that fails to decode or is empty is an empty one.
 */
async function payload(request: ParamSource): Promise<unknown> {
  const contentType = request.header('content-type') ?? '';
  const semicolon = contentType.indexOf(';');
  const mediaType = semicolon > 0 ? contentType.slice(0, semicolon) : contentType;
  if (mediaType === 'application/json') return decodeJson(request.body);
  const lower = contentType.toLowerCase();
  if (lower.startsWith('application/x-www-form-urlencoded')) return parseSearchParams(new URLSearchParams(request.body));
  if (lower.startsWith('multipart/form-data')) return formFields(contentType, request.body);
  return null;
}

/**
 * A request's params, from one place only, as Appwrite reads them: POST, PUT, PATCH and DELETE from the body
 * (a query string on them is ignored), any other method from the query string (a body on it is ignored).
 * `body` is what the request log shows: the payload a body method sent, null for the others.
 *
 * @example
 * ```ts
 * const { params } = await readParams({ method: 'POST', header: () => 'application/json', body: '{"name":"Main"}' }, 'name=ignored');
 * params.string('name'); // 'Main'
 * ```
 */
export async function readParams(request: ParamSource, search: string): Promise<{ params: Params; body: unknown }> {
  if (!BODY_METHODS.has(request.method)) return { params: new Params(parseSearchParams(new URLSearchParams(search))), body: null };
  const decoded = await payload(request);
  // A JSON list has no named params: as good as empty.
  const body = decoded === null || Array.isArray(decoded) ? {} : decoded;
  if (typeof body !== 'object') throw badRequest('The request body must be a JSON object.');
  return { params: new Params(body as Record<string, unknown>), body };
}
