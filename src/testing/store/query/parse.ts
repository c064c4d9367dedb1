import { ApiError } from '../../http/api-error.js';
import { parseWire } from '../../http/wire-json.js';
import { isLogical, isQueryMethod, queryInvalid, type ParsedQuery } from './query-types.js';

/** `APP_LIMIT_ARRAY_PARAMS_SIZE` and `APP_LIMIT_ARRAY_ELEMENT_SIZE` of Appwrite 1.9. */
const MAX_QUERIES = 100;
const MAX_QUERY_LENGTH = 4096;

const PARAM_MESSAGE =
  'Invalid `queries` param: Value must a valid array no longer than 100 items and ' +
  'Value must be a valid string and at least 1 chars and no longer than 4096 chars';

/** The name PHP's `gettype()` gives a decoded JSON value, used in Appwrite's parse messages. */
function phpType(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'double';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'object') return 'array';
  return typeof value;
}

function charLength(text: string): number {
  return text.length > MAX_QUERY_LENGTH ? [...text].length : text.length;
}

/**
 * The `queries` param's own validator (`ArrayList(Text(4096), 100)`): at most 100 non-empty strings.
 *
 * @throws ApiError `general_argument_invalid` naming both limits, as Appwrite words it.
 * @example
 * ```ts
 * checkQueriesParam(['{"method":"limit","values":[1]}']); // passes
 * ```
 */
export function checkQueriesParam(raw: readonly unknown[]): void {
  if (raw.length > MAX_QUERIES) throw new ApiError('general_argument_invalid', PARAM_MESSAGE, 400);
  for (const item of raw) {
    if (typeof item !== 'string' || item.length === 0 || charLength(item) > MAX_QUERY_LENGTH) {
      throw new ApiError('general_argument_invalid', PARAM_MESSAGE, 400);
    }
  }
}

function parseObject(input: unknown): ParsedQuery {
  // PHP decodes JSON objects and lists alike to arrays; only scalars fail here. A nested query sent as a
  // string makes PHP throw a TypeError (a 500); the emulator answers the clearer 400 below instead.
  if (input === null || typeof input !== 'object') {
    throw queryInvalid(`Invalid query. Must be an array, got ${phpType(input)}`);
  }
  const record = input as Record<string, unknown>;
  const method = record['method'] ?? '';
  const attribute = record['attribute'] ?? '';
  const rawValues = record['values'] ?? [];
  if (typeof method !== 'string') {
    throw queryInvalid(`Invalid query method. Must be a string, got ${phpType(method)}`);
  }
  if (!isQueryMethod(method)) throw queryInvalid(`Invalid query method: ${method}`);
  if (typeof attribute !== 'string') {
    throw queryInvalid(`Invalid query attribute. Must be a string, got ${phpType(attribute)}`);
  }
  if (rawValues === null || typeof rawValues !== 'object') {
    throw queryInvalid(`Invalid query values. Must be an array, got ${phpType(rawValues)}`);
  }
  const values: unknown[] = Array.isArray(rawValues) ? rawValues : Object.values(rawValues);
  return { method, attribute, values: isLogical(method) ? values.map(parseObject) : values };
}

/**
 * Decodes the `queries[]` strings of a request exactly as Appwrite 1.9 does (utopia-php/database
 * `Query::parse`): each must be a JSON object `{method, attribute?, values?}`; `and`, `or` and `elemMatch`
 * carry nested query objects. Legacy strings such as `equal("a", [1])` are not JSON and fail.
 *
 * @throws ApiError `general_argument_invalid` (more than 100 queries, or one empty or over 4096 chars),
 *   `general_query_invalid` (`Invalid query: Syntax error`, `Invalid query method: x`, ...).
 * @example
 * ```ts
 * const [q] = parseQueries(['{"method":"equal","attribute":"a","values":[1]}']);
 * // q = { method: 'equal', attribute: 'a', values: [1] }
 * ```
 */
export function parseQueries(raw: readonly unknown[]): ParsedQuery[] {
  checkQueriesParam(raw);
  return raw.map((text) => {
    let decoded: unknown;
    try {
      // Integers beyond ±2^53 stay exact (BigInt), as PHP decodes them up to int64.
      decoded = parseWire(text as string);
    } catch {
      throw queryInvalid('Invalid query: Syntax error');
    }
    return parseObject(decoded);
  });
}
