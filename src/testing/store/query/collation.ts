import { bigintOf } from '../column-values.js';
import type { AttributeKind } from './attributes.js';
import { parseInstant } from './instant.js';

/**
 * String comparison follows MariaDB's default utf8mb4 collation (tables are created without an explicit
 * COLLATE): case- and accent-insensitive, trailing spaces ignored by `=` and `<` but not by LIKE. The
 * reference marks the exact collation on Appwrite Cloud UNVERIFIED; this models `utf8mb4_general_ci`,
 * which weighs each letter as its unaccented upper case (so `_` sorts after letters), by folding text that
 * way and comparing code points.
 */
const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /\p{M}/gu;

/** Case- and accent-folded text, as the collation sees it. */
export function fold(text: string): string {
  return ASCII.test(text) ? text.toUpperCase() : text.normalize('NFD').replace(MARKS, '').toUpperCase();
}

/** The text SQL would compare for a stored value (objects and arrays as their JSON). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

/** A comparable key (number, exact integer of a bigint column, or folded string) for a value; null for SQL NULL. */
export type SortKey = number | bigint | string | null;

/** The comparable key of a value of an attribute of the given kind. */
export function keyOf(kind: AttributeKind, value: unknown): SortKey {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return JSON.stringify(value);
  switch (kind) {
    case 'string':
      return fold(textOf(value)).replace(/ +$/, '');
    case 'boolean':
      return value === true || value === 1 ? 1 : 0;
    case 'datetime':
      return parseInstant(textOf(value));
    case 'bigint':
      // Compared exactly, as MariaDB compares BIGINT values.
      return bigintOf(value) ?? Number(value);
    default:
      return Number(value);
  }
}

/** Three-way comparison of two non-null keys of the same attribute. */
export function compareKeys(a: number | bigint | string, b: number | bigint | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Converts a LIKE pattern (`%`, `_`, backslash escapes) to an anchored regular expression. */
function likeRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern.charAt(i);
    if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else {
      const literal = char === '\\' && i + 1 < pattern.length ? pattern.charAt(++i) : char;
      source += literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'su');
}

/** The LIKE matcher for a pattern, under the collation. */
export function likeMatcher(pattern: string): (value: string) => boolean {
  const regex = likeRegExp(fold(pattern));
  return (value) => regex.test(fold(value));
}

const WILDCARDS = /[%_[\]^\-.*+?(){}|]/g;

/** utopia-php/database `SQL::escapeWildcards`: a backslash before each LIKE and regex special character. */
export function escapeWildcards(value: string): string {
  return value.replace(WILDCARDS, '\\$&');
}
