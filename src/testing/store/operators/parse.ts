import { badRequest } from '../../http/errors.js';
import { isOperatorMethod, Operator, phpType } from './operator.js';
import { parseWire } from '../../http/wire-json.js';

type Data = Record<string, unknown>;

function isObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** utopia `Operator::parseOperator`: method, attribute and values checked; the message names the fault. */
function toOperator(key: string, spec: Data): Operator {
  const attribute = spec.attribute ?? '';
  const values = spec.values ?? [];
  let problem: string | undefined;
  if (typeof attribute !== 'string') problem = `Invalid operator attribute. Must be a string, got ${phpType(attribute)}`;
  else if (!Array.isArray(values)) problem = `Invalid operator values. Must be an array, got ${phpType(values)}`;
  if (problem !== undefined) throw badRequest(`Invalid operator for attribute "${key}": ${problem}`);
  return new Operator(spec.method as Operator['method'], values as unknown[]);
}

/** The operator a JSON string spells, or undefined when it is plain text (not an object with a known method). */
function fromString(key: string, value: string): Operator | undefined {
  if (!value.trimStart().startsWith('{')) return undefined;
  let decoded: unknown;
  try {
    // Integers beyond ±2^53 stay exact (BigInt), as PHP decodes them up to int64.
    decoded = parseWire(value);
  } catch {
    return undefined;
  }
  return isObject(decoded) && isOperatorMethod(decoded.method) ? toOperator(key, decoded) : undefined;
}

function walkList(list: readonly unknown[], relationships: ReadonlySet<string>): unknown[] {
  return list.map((item) => {
    if (Array.isArray(item)) return walkList(item, relationships);
    return isObject(item) ? parseOperators(item, relationships) : item;
  });
}

/**
 * Replaces operator-shaped values in request `data` by `Operator`s, as Appwrite's `parseOperators` does on
 * updateRow, upsertRow, updateRows and upsertRows (never on create): a string whose JSON is an object with a
 * known `method`, or such an object itself. `$` keys and relationship keys are skipped; nested objects are
 * walked; user text shaped like an operator is executed, there is no escape.
 *
 * @throws ApiError 400 `general_bad_request` `Invalid operator for attribute "x": ...` for a known method with
 * malformed fields.
 */
export function parseOperators(data: Readonly<Data>, relationships: ReadonlySet<string> = new Set()): Data {
  const out: Data = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('$') || relationships.has(key)) {
      out[key] = value;
    } else if (typeof value === 'string') {
      out[key] = fromString(key, value) ?? value;
    } else if (isObject(value)) {
      out[key] = isOperatorMethod(value.method) ? toOperator(key, value) : parseOperators(value, relationships);
    } else {
      out[key] = Array.isArray(value) ? walkList(value, relationships) : value;
    }
  }
  return out;
}
