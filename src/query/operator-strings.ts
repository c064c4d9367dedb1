import { ValidationError } from '../errors/validation-error.js';

/** Appwrite's operator names (utopia-php/database `Operator::TYPES`; node-appwrite's `Operator`). */
const OPERATOR_METHODS: ReadonlySet<string> = new Set([
  'increment', 'decrement', 'multiply', 'divide', 'modulo', 'power',
  'arrayAppend', 'arrayPrepend', 'arrayInsert', 'arrayRemove', 'arrayUnique', 'arrayIntersect', 'arrayDiff', 'arrayFilter',
  'stringConcat', 'stringReplace', 'toggle', 'dateAddDays', 'dateSubDays', 'dateSetNow',
]);

/**
 * True for a string Appwrite would execute as an Operator rather than store: JSON of an object whose `method`
 * is an operator name, e.g. `{"method":"stringReplace","values":["a","b"]}`.
 *
 * @example
 * ```ts
 * isOperatorString('{"method":"toggle","values":[]}'); // true
 * isOperatorString('{"method":"other"}');              // false: Appwrite stores it as text
 * ```
 */
export function isOperatorString(value: string): boolean {
  // Cheap test first: every operator's JSON is an object naming "method".
  if (!value.includes('"method"') || !value.trimStart().startsWith('{')) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  const method = (parsed as { method?: unknown }).method;
  return typeof method === 'string' && OPERATOR_METHODS.has(method);
}

/**
 * Refuses data for update, upsert, updateRows and upsertRows that holds operator-shaped text in any column
 * (array items included): on those routes Appwrite parses every such string as an Operator and runs it
 * (reference §15), with no way to escape it. Create routes store the text as it is, so they are not checked,
 * except in a transaction: its commit parses every staged write, creates included.
 * Throws a `ValidationError` naming the table, the method and the field.
 *
 * @example
 * ```ts
 * rejectOperatorStrings('products', 'update', { name: '{"method":"stringReplace","values":["a","b"]}' }); // throws
 * ```
 */
export function rejectOperatorStrings(table: string, method: string, data: Readonly<Record<string, unknown>>, rowIndex?: number): void {
  for (const [field, value] of Object.entries(data)) {
    if (field.startsWith('$') || !holdsOperator(value, 0)) continue;
    throw new ValidationError(table, [{
      field,
      reason: 'the text has the shape of an Appwrite operator (JSON with an operator "method"); on this route Appwrite would ' +
        'execute it instead of storing it, so it is refused. To apply an operator, use Operator from appwrite-orm ' +
        "(node-appwrite's Operator returns plain strings like this one)",
    }], rowIndex, { subject: `Operator-shaped value in ${method}()` });
  }
}

/** Arrays nest at most a few levels in a row; the bound keeps a hostile value from recursing deeply. */
const MAX_DEPTH = 8;

function holdsOperator(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return isOperatorString(value);
  if (!Array.isArray(value) || depth >= MAX_DEPTH) return false;
  return value.some((item) => holdsOperator(item, depth + 1));
}
