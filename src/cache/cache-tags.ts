import { ConfigError } from '../errors/config-error.js';

/**
 * A tag is kept as a pseudo-table named `#tag:<tag>`: a tagged read depends on it like on a related table,
 * and invalidating the tag bumps it (in memory, in the shared tier, and on the bridge). `#` is not allowed
 * in Appwrite ids, so no table can be named like a tag.
 */
const TAG_PREFIX = '#tag:';
const TAG = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The pseudo-table of `tag`; throws a `ConfigError` (`E_CONFIG`) for a tag that is not 1-100 characters of A-Z a-z 0-9 . _ : -.
 *
 * @example
 * ```ts
 * tagTable('featured'); // '#tag:featured'
 * ```
 */
export function tagTable(tag: string): string {
  if (typeof tag !== 'string' || !TAG.test(tag)) throw new ConfigError(`Invalid cache tag ${JSON.stringify(tag)}: a tag is 1-100 characters of A-Z a-z 0-9 . _ : -`);
  return TAG_PREFIX + tag;
}

/**
 * Whether a table name names a tag's pseudo-table (the bridge accepts these besides the declared tables).
 *
 * @example
 * ```ts
 * isTagTable('#tag:featured'); // true
 * ```
 */
export function isTagTable(table: string): boolean {
  return table.startsWith(TAG_PREFIX) && TAG.test(table.slice(TAG_PREFIX.length));
}
