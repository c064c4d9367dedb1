import { ConfigError } from '../errors/config-error.js';
import { VARCHAR_LIMIT } from './appwrite-limits.js';
import { DEFAULT_STRING_SIZE, FIELD_TYPES, TEXT_TYPES, type FieldDefinition, type FieldType } from './field-definition.js';
import { scalarSchema } from './field-validator.js';
import { bigintProblem, exactInteger } from './bigint-value.js';

/** Column keys and table ids Appwrite accepts: up to 36 of `[A-Za-z0-9._-]`, not starting with `. _ -`. */
export const APPWRITE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/;

const MAX_STRING_SIZE = 1_073_741_824;
/** Appwrite refuses an encrypted string or varchar column under 150 characters (`APP_DATABASE_ENCRYPT_SIZE_MIN`). */
const ENCRYPT_SIZE_MIN = 150;
const COMMON_KEYS = ['type', 'required', 'array', 'default', 'renamedFrom'];
const TEXT_KEYS = [...COMMON_KEYS, 'encrypt'];
const KEYS_BY_TYPE: Record<FieldType, readonly string[]> = {
  string: [...TEXT_KEYS, 'size'],
  varchar: [...TEXT_KEYS, 'size'],
  text: TEXT_KEYS,
  mediumtext: TEXT_KEYS,
  longtext: TEXT_KEYS,
  integer: [...COMMON_KEYS, 'min', 'max'],
  bigint: [...COMMON_KEYS, 'min', 'max'],
  float: [...COMMON_KEYS, 'min', 'max'],
  boolean: COMMON_KEYS,
  datetime: COMMON_KEYS,
  email: COMMON_KEYS,
  url: COMMON_KEYS,
  ip: COMMON_KEYS,
  enum: [...COMMON_KEYS, 'enum'],
  relationship: ['type', 'table', 'relation', 'twoWay', 'twoWayKey', 'onDelete', 'renamedFrom', 'twoWayKeyRenamedFrom'],
};
const RELATIONS = ['oneToOne', 'oneToMany', 'manyToOne', 'manyToMany'];
const ON_DELETE = ['restrict', 'cascade', 'setNull'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkBounds(fail: (reason: string) => never, field: Record<string, unknown>, integer: boolean): void {
  for (const bound of ['min', 'max'] as const) {
    const value = field[bound];
    if (value === undefined) continue;
    const valid = typeof value === 'number' && (integer ? Number.isSafeInteger(value) : Number.isFinite(value));
    if (!valid) fail(`${bound} must be ${integer ? 'a safe integer' : 'a finite number'}`);
  }
  if (typeof field.min === 'number' && typeof field.max === 'number' && field.min > field.max) {
    fail(`min ${field.min} is greater than max ${field.max}`);
  }
}

/** A bigint field's bounds: each a bigint or a safe integer within int64, min not above max. */
function checkBigintBounds(fail: (reason: string) => never, field: Record<string, unknown>): void {
  for (const bound of ['min', 'max'] as const) {
    const value = field[bound];
    if (value === undefined) continue;
    const problem = bigintProblem(value, {});
    if (problem !== null) fail(`${bound} must be a bigint or a safe integer within -2^63..2^63-1: ${problem}`);
  }
  const [min, max] = [exactInteger(field.min), exactInteger(field.max)];
  if (min !== undefined && max !== undefined && min > max) fail(`min ${min} is greater than max ${max}`);
}

function checkText(fail: (reason: string) => never, field: Record<string, unknown>, type: FieldType): void {
  const size = field.size;
  const limit = type === 'varchar' ? VARCHAR_LIMIT : MAX_STRING_SIZE;
  if (size !== undefined && (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > limit)) {
    fail(`size must be an integer from 1 to ${limit}`);
  }
  if (field.encrypt === undefined) return;
  if (typeof field.encrypt !== 'boolean') fail('encrypt must be true or false');
  const length = type === 'string' || type === 'varchar' ? (size ?? DEFAULT_STRING_SIZE) : ENCRYPT_SIZE_MIN;
  if (field.encrypt && length < ENCRYPT_SIZE_MIN) fail(`an encrypted ${type} needs size >= ${ENCRYPT_SIZE_MIN} (Appwrite refuses smaller ones), got ${length}`);
}

function checkTypeSpecific(fail: (reason: string) => never, field: Record<string, unknown>, type: FieldType): void {
  if (TEXT_TYPES.has(type)) checkText(fail, field, type);
  if (type === 'integer' || type === 'float') checkBounds(fail, field, type === 'integer');
  if (type === 'bigint') checkBigintBounds(fail, field);
  if (type === 'relationship') {
    if (typeof field.table !== 'string' || field.table === '') fail('table must be the name of a declared table');
    if (typeof field.relation !== 'string' || !RELATIONS.includes(field.relation)) fail(`relation must be one of ${RELATIONS.join(', ')}`);
    if (field.twoWay !== undefined && typeof field.twoWay !== 'boolean') fail('twoWay must be true or false');
    if (field.twoWayKey !== undefined && (typeof field.twoWayKey !== 'string' || !APPWRITE_KEY.test(field.twoWayKey))) {
      fail('twoWayKey must be 1-36 characters of A-Z a-z 0-9 . _ - and start with a letter or digit');
    }
    if (field.onDelete !== undefined && (typeof field.onDelete !== 'string' || !ON_DELETE.includes(field.onDelete))) fail(`onDelete must be one of ${ON_DELETE.join(', ')}`);
    const former = field.twoWayKeyRenamedFrom;
    if (former !== undefined) {
      if (field.twoWay !== true) fail('twoWayKeyRenamedFrom needs twoWay: true (a one-way relationship has no key on the related table to rename)');
      if (typeof former !== 'string' || !APPWRITE_KEY.test(former) || former === field.twoWayKey) {
        fail('twoWayKeyRenamedFrom must be the former twoWayKey: 1-36 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, other than twoWayKey');
      }
    }
  }
  if (type === 'enum') {
    const values = field.enum;
    if (!Array.isArray(values) || values.length === 0) fail('enum must be a non-empty list of strings');
    if (values.some((value) => typeof value !== 'string' || value === '')) fail('enum values must be non-empty strings');
    if (new Set(values).size !== values.length) fail('enum values must be unique');
  }
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

/**
 * Checks one field declaration; throws a {@link ConfigError} naming the table and the field when Appwrite
 * could not create it or it could never hold a valid row (a default outside min/max, a required field with
 * a default, an unknown property...).
 */
export function checkField(table: string, key: string, field: unknown): asserts field is FieldDefinition {
  const fail = (reason: string): never => {
    throw new ConfigError(`Table "${table}", field "${key}": ${reason}`, { table, field: key });
  };
  if (!APPWRITE_KEY.test(key)) fail('the key must be 1-36 characters of A-Z a-z 0-9 . _ - and start with a letter or digit');
  if (!isRecord(field)) return fail('the declaration must be an object such as { type: "string" }');
  const type = field.type;
  if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) {
    fail(`unknown type ${describe(type)}; expected one of ${FIELD_TYPES.join(', ')}`);
  }
  const fieldType = type as FieldType;
  const unknown = Object.keys(field).filter((name) => !KEYS_BY_TYPE[fieldType].includes(name));
  if (unknown.length > 0) fail(`unknown propert${unknown.length === 1 ? 'y' : 'ies'} ${unknown.join(', ')} for a ${fieldType} field`);
  for (const flag of ['required', 'array'] as const) {
    if (field[flag] !== undefined && typeof field[flag] !== 'boolean') fail(`${flag} must be true or false`);
  }
  const renamedFrom = field.renamedFrom;
  if (renamedFrom !== undefined && (typeof renamedFrom !== 'string' || !APPWRITE_KEY.test(renamedFrom) || renamedFrom === key)) {
    fail('renamedFrom must be the former key of this field: 1-36 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, other than the key');
  }
  checkTypeSpecific(fail, field, fieldType);
  const fallback = field.default;
  if (fallback === undefined || fallback === null) return;
  if (field.required === true) fail('a required field cannot have a default (Appwrite rejects it); drop one of the two');
  if (field.array === true) fail('an array field cannot have a default (Appwrite rejects it)');
  const parsed = scalarSchema(field as unknown as FieldDefinition).safeParse(fallback);
  if (!parsed.success) fail(`default ${describe(fallback)} is invalid: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
}
