import { ValidationError } from '../errors/validation-error.js';

/**
 * Appwrite's rule for ids and keys (utopia-php/database `Validator/UID` and `Validator/Key`): 1 to 36
 * characters of `a-z A-Z 0-9 . - _`, the first one not `.`, `-` or `_`. node-appwrite puts ids into URL
 * paths unescaped for dots, so an id such as `..` or `''` would address another resource (`…/rows/..` is
 * `…/tables/products`): every id is checked before any request.
 */
const APPWRITE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/;

/** What an id names, for the error message. */
export type IdKind = 'row id' | 'table id' | 'database id' | 'column key' | 'index key' | 'transaction id';

/** Where an id is used: the table (or database) it belongs to, and the method that received it. */
export interface IdSite {
  readonly table: string;
  /** The method as the caller wrote it, e.g. `get`, `bulkDelete`, `createColumn`. */
  readonly method: string;
  /** @default 'row id' */
  readonly kind?: IdKind;
  /** Accept Appwrite's `unique()` placeholder (only where Appwrite generates the id: `createRow`). @default false */
  readonly allowUnique?: boolean;
  /** The row's position in a bulk call. */
  readonly rowIndex?: number;
}

/**
 * True for a string Appwrite accepts as an id or key.
 *
 * @example
 * ```ts
 * isAppwriteId('pen-1'); // true
 * isAppwriteId('..');    // false
 * ```
 */
export function isAppwriteId(value: unknown): value is string {
  return typeof value === 'string' && APPWRITE_ID.test(value);
}

/**
 * Returns the id when Appwrite accepts it, else throws a `ValidationError` naming the table, the method and
 * the quoted id.
 *
 * @example
 * ```ts
 * checkId('pen', { table: 'products', method: 'get' });       // 'pen'
 * checkId('..', { table: 'products', method: 'delete' });     // throws: Invalid row id for table "products" in delete(): ".." ...
 * ```
 */
export function checkId(value: unknown, site: IdSite): string {
  if (isAppwriteId(value) || (site.allowUnique === true && value === 'unique()')) return value;
  throw idError(value, site);
}

/**
 * The `ValidationError` for an id Appwrite refuses (for callers that reject rather than throw).
 *
 * @example
 * ```ts
 * if (!isAppwriteId(id)) return Promise.reject(idError(id, { table: 'products', method: 'get' }));
 * ```
 */
export function idError(value: unknown, site: IdSite): ValidationError {
  const kind = site.kind ?? 'row id';
  const field = kind === 'row id' ? '$id' : kind;
  const reason = `${describe(value)} is not a valid Appwrite ${kind}: ids are 1-36 characters of a-z A-Z 0-9 . - _ ` +
    `and cannot start with . - or _${site.allowUnique === true ? " (or 'unique()')" : ''}`;
  return new ValidationError(site.table, [{ field, reason }], site.rowIndex, { subject: `Invalid ${kind} in ${site.method}()` });
}

const SHOWN = 40;

/** The id quoted as a JSON string (control characters escaped), cut after 40 characters; other values by type. */
function describe(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
  const shown = value.length > SHOWN ? `${JSON.stringify(value.slice(0, SHOWN))}… (${value.length} characters)` : JSON.stringify(value);
  return shown;
}
