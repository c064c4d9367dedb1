import { permissionsProblem } from '../auth/permission-rules.js';
import { datetimeProblem, formatProblem, integerDescription, rangeDescription } from '../store/column-values.js';
import { isValidKey, KEY_DESCRIPTION, UID_DESCRIPTION } from '../store/ids.js';
import { isNumeric } from '../store/operators/operator.js';
import { paramInvalid, paramMissing } from './errors.js';

/** A utopia validator: whether a value passes, and the description a failure reports. */
export interface Validator {
  readonly description: string;
  isValid(value: unknown): boolean;
}

/**
 * One declared param of a route, as an Appwrite action's `->param(name, default, validator, ..., optional)`.
 * `check` throws the param's error; `pathName` names the route's `:segment` holding the value when it differs,
 * or is null for a request param whose name a segment of the route also uses.
 */
export interface ParamRule {
  readonly name: string;
  readonly optional: boolean;
  readonly pathName?: string | null;
  check(value: unknown): void;
}

/** A param checked by `validator`: a failure is 400 `general_argument_invalid` "Invalid `name` param: ...". */
export function param(name: string, validator: Validator, options: { optional?: boolean; pathName?: string | null } = {}): ParamRule {
  return {
    name,
    optional: options.optional === true,
    ...(options.pathName === undefined ? {} : { pathName: options.pathName }),
    check: (value) => {
      if (!validator.isValid(value)) throw paramInvalid(name, validator.description);
    },
  };
}

/** The same param, optional. */
export const optional = (name: string, validator: Validator): ParamRule => param(name, validator, { optional: true });

/**
 * Checks a route's declared params in declaration order, as utopia-php/framework 0.33 `Http::getArguments`
 * does before the action runs: an absent required param is `Param "x" is not optional.`; a present one
 * (null included, unless the param is optional) must pass its validator. Path params are params too.
 *
 * @example
 * ```ts
 * checkParams([param('databaseId', uid)], { databaseId: 'main' }, {});
 * ```
 */
export function checkParams(rules: readonly ParamRule[], path: Readonly<Record<string, string>>, raw: Readonly<Record<string, unknown>>): void {
  for (const rule of rules) {
    const pathName = rule.pathName === undefined ? rule.name : rule.pathName;
    const inPath = pathName !== null && Object.hasOwn(path, pathName);
    const value = inPath && pathName !== null ? path[pathName] : raw[rule.name];
    if (!inPath && value === undefined) {
      if (!rule.optional) throw paramMissing(rule.name);
      continue;
    }
    if (rule.optional && value === null) continue;
    rule.check(value);
  }
}

const validator = (description: string, isValid: (value: unknown) => boolean): Validator => ({ description, isValid });

/** utopia-php/database `Key` (at most 36 chars). */
export const key: Validator = validator(KEY_DESCRIPTION, isValidKey);

/** utopia-php/database `UID`: the rule of `Key`, with its own description. */
export const uid: Validator = validator(UID_DESCRIPTION, isValidKey);

/** utopia-php/database `Key(true)`: a key, or one of the internal attributes `$id`, `$createdAt`, `$updatedAt`. */
export const internalKey: Validator = validator(KEY_DESCRIPTION, (value) => value === '$id' || value === '$createdAt' || value === '$updatedAt' || isValidKey(value));

/** Appwrite `CustomId`: a key, or `unique()`. */
export const customId: Validator = validator(KEY_DESCRIPTION, (value) => value === 'unique()' || isValidKey(value));

/** utopia `Text(length, min = 1)`: a string of `min` to `length` characters (0: no limit). */
export function text(length: number, min = 1): Validator {
  let description = 'Value must be a valid string';
  if (min === length) description += ` and exactly ${length} chars`;
  else description += `${min !== 0 ? ` and at least ${min} chars` : ''}${length !== 0 ? ` and no longer than ${length} chars` : ''}`;
  return validator(description, (value) => {
    if (typeof value !== 'string') return false;
    const chars = [...value].length;
    return chars >= min && (length === 0 || chars <= length);
  });
}

/** utopia `Boolean`; `loose` also takes `'true'`, `'false'`, `'1'`, `'0'`, 1 and 0 (query strings). */
export function boolean(loose = false): Validator {
  return validator('Value must be a valid boolean', (value) =>
    typeof value === 'boolean' || (loose && (value === 'true' || value === 'false' || value === '1' || value === '0' || value === 1 || value === 0)));
}

/** utopia `Integer(false, bits)`: a JSON integer within the signed range. */
export function integer(bits: 32 | 64 = 32): Validator {
  const limit = 2n ** BigInt(bits - 1);
  return validator(integerDescription(bits), (value) => {
    if (typeof value === 'bigint') return value >= -limit && value < limit;
    return typeof value === 'number' && Number.isInteger(value) && BigInt(value) >= -limit && BigInt(value) < limit;
  });
}

/** utopia `FloatValidator`: a JSON number (integers included). */
export const float: Validator = validator('Value must be a valid float', (value) => typeof value === 'number' || typeof value === 'bigint');

/** utopia `Numeric`: PHP's `is_numeric` (numbers and numeric strings). */
export const numeric: Validator = validator('Value must be a valid number', isNumeric);

/** utopia `Range(min, max)` of integers: a numeric value (or numeric string) that is an integer within the bounds. */
export function range(min: number, max: number): Validator {
  return validator(rangeDescription(min, max), (value) => {
    if (!isNumeric(value) || typeof value === 'boolean') return false;
    // PHP's `$value + 0` keeps "60" an int but makes "60.0" and "6e1" floats.
    if (typeof value === 'string' && !/^\s*[+-]?\d+\s*$/.test(value)) return false;
    const number = Number(value);
    return Number.isInteger(number) && number >= min && number <= max;
  });
}

/** utopia `WhiteList`; when not `strict` the list and the value compare lower-cased (so the description is too). */
export function whiteList(list: readonly string[], strict: boolean): Validator {
  const allowed = strict ? list : list.map((item) => item.toLowerCase());
  return validator(`Value must be one of (${allowed.join(', ')})`, (value) => {
    if (typeof value === 'object' && value !== null) return false;
    if (strict) return typeof value === 'string' && allowed.includes(value);
    return allowed.includes(phpString(value).toLowerCase());
  });
}

/** PHP's string conversion of a scalar. */
function phpString(value: unknown): string {
  if (value === true) return '1';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return '';
}

/** utopia `Nullable(validator)`. */
export function nullable(inner: Validator): Validator {
  return validator(`${inner.description} or null`, (value) => value === null || inner.isValid(value));
}

/** utopia `ArrayList(validator, length)`: a list of valid items, at most `length` of them (0: no limit). */
export function arrayList(inner: Validator, length = 0): Validator {
  const description = `Value must a valid array${length > 0 ? ` no longer than ${length} items` : ''}${inner.description === '' ? '' : ` and ${inner.description}`}`;
  return validator(description, (value) => isPhpArray(value) && listOf(value).every((item) => inner.isValid(item)) && (length === 0 || listOf(value).length <= length));
}

/** A decoded JSON value PHP reads as an array: a list or an object. */
function isPhpArray(value: unknown): value is unknown[] | Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function listOf(value: unknown[] | Record<string, unknown>): unknown[] {
  return Array.isArray(value) ? value : Object.values(value);
}

/** utopia `JSON`: an array (list or object), or a string holding valid JSON. */
export const json: Validator = validator('Value must be a valid JSON string', (value) => {
  if (isPhpArray(value)) return true;
  if (typeof value !== 'string') return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
});

/** utopia `Datetime` over MariaDB's range. */
export const datetime: Validator = validator(datetimeProblem('') ?? '', (value) => datetimeProblem(value) === null);

/** utopia `Email`, `URL` or `IP`. */
export function format(kind: 'email' | 'url' | 'ip'): Validator {
  return validator(formatProblem(kind, '') ?? '', (value) => formatProblem(kind, value) === null);
}

/**
 * utopia-php/database `Permissions(100, allowed)` wrapped in `Nullable`: its description is the message of
 * the last failure, so the param's check names the problem found.
 */
export function permissions(name: string, allowed: readonly string[]): ParamRule {
  return {
    name,
    optional: true,
    check: (value) => {
      const problem = Array.isArray(value) ? permissionsProblem(value, allowed) : 'Permissions must be an array of strings.';
      if (problem !== null) throw paramInvalid(name, `${problem} or null`);
    },
  };
}

/** A param checked by a function that throws the route's own error (query validators, operations). */
export function custom(name: string, isOptional: boolean, check: (value: unknown) => void): ParamRule {
  return { name, optional: isOptional, check };
}
