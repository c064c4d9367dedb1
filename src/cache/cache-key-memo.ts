import { cacheKey, type CacheKeyParts } from './cache-key.js';

/** One remembered key; slots of one list form a chain, newest first (lighter than an array per list). */
interface KeySlot {
  readonly scope: string;
  readonly table: string;
  readonly operation: string;
  readonly key: string;
  next: KeySlot | undefined;
}

/**
 * Keys remembered per query list. A list is shared by few (scope, table, operation) triples at once (most by
 * one); past this many, the oldest is forgotten, so that a list read by many identities holds few keys.
 */
const SLOTS_PER_LIST = 8;

/**
 * Hands out the same key string for the same parts, as long as their query list is the same frozen array.
 *
 * A key is some 130 characters; building it on every read, and hashing it again in lru-cache's map, costs
 * about half of a hit. V8 keeps a string's hash on the string, so returning the very string the entry was
 * stored under makes the lookup hash nothing and compare one pointer. The query normaliser returns one
 * frozen array per distinct canonical query list, which is what this memo is keyed by.
 *
 * Only frozen lists are memoised: a list that can change could be given again with other queries. The
 * memo is a `WeakMap`, so it holds keys only while their list is alive elsewhere (in the normaliser's
 * bounded memos), and at most eight keys per list.
 *
 * @example
 * ```ts
 * const keys = new CacheKeyMemo();
 * const queries = Object.freeze(['{"method":"limit","values":[10]}']);
 * const parts = { scope: 'key', table: 'products', operation: 'list', queries };
 * keys.of(parts) === keys.of({ ...parts }); // true: one string
 * ```
 */
export class CacheKeyMemo {
  readonly #byQueries = new WeakMap<readonly string[], KeySlot>();

  /** The key of `parts` ({@link cacheKey}), the same string each time for a frozen query list. */
  of(parts: CacheKeyParts): string {
    const queries = parts.queries;
    if (!Object.isFrozen(queries)) return cacheKey(parts);
    const newest = this.#byQueries.get(queries);
    let last: KeySlot | undefined;
    let count = 0;
    for (let slot = newest; slot !== undefined; slot = slot.next) {
      if (slot.scope === parts.scope && slot.table === parts.table && slot.operation === parts.operation) return slot.key;
      if (++count === SLOTS_PER_LIST - 1) last = slot;
    }
    if (last !== undefined) last.next = undefined;
    const key = cacheKey(parts);
    this.#byQueries.set(queries, { scope: parts.scope, table: parts.table, operation: parts.operation, key, next: newest });
    return key;
  }
}
