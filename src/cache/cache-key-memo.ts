import { cacheKey, type CacheKeyParts } from './cache-key.js';

interface KeySlot {
  readonly scope: string;
  readonly table: string;
  readonly operation: string;
  readonly key: string;
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
  readonly #byQueries = new WeakMap<readonly string[], KeySlot[]>();

  /** The key of `parts` ({@link cacheKey}), the same string each time for a frozen query list. */
  of(parts: CacheKeyParts): string {
    const queries = parts.queries;
    if (!Object.isFrozen(queries)) return cacheKey(parts);
    let slots = this.#byQueries.get(queries);
    if (slots === undefined) {
      slots = [];
      this.#byQueries.set(queries, slots);
    }
    for (const slot of slots) {
      if (slot.scope === parts.scope && slot.table === parts.table && slot.operation === parts.operation) return slot.key;
    }
    const key = cacheKey(parts);
    if (slots.length === SLOTS_PER_LIST) slots.shift();
    slots.push({ scope: parts.scope, table: parts.table, operation: parts.operation, key });
    return key;
  }
}
