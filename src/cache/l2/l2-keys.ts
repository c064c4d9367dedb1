import { createHash } from 'node:crypto';

/** Longest cache key kept as it is inside a Redis key; longer ones are replaced by their SHA-256. */
const LONGEST_PLAIN_KEY = 200;

/**
 * Redis key names of the shared tier. Every key of one table carries the hash tag `{database:table}`, so
 * that in a Redis Cluster a table's generation counter and all its entries live in one slot.
 *
 * @example
 * ```ts
 * const keys = new L2Keys('awo:', 'main');
 * keys.generation('products');  // 'awo:{main:products}:gen'
 * keys.entry('products', [['products', 7]], 'key|products|list|'); // 'awo:{main:products}:e:7:key|products|list|'
 * ```
 */
export class L2Keys {
  readonly #prefix: string;
  readonly #databaseId: string;

  constructor(prefix: string, databaseId: string) {
    this.#prefix = prefix;
    this.#databaseId = databaseId;
  }

  /** The counter holding `table`'s generation. */
  generation(table: string): string {
    return `${this.#tag(table)}:gen`;
  }

  /**
   * The entry of `cacheKey` under the generations a read saw: its own table's first, then those of the
   * tables it also read from. A later invalidation of any of them changes the name, so the entry is never
   * found again and expires with its TTL.
   */
  entry(table: string, generations: readonly (readonly [string, number])[], cacheKey: string): string {
    let name = `${this.#tag(table)}:e`;
    for (const [other, generation] of generations) name += other === table ? `:${generation}` : `:${other}=${generation}`;
    const tail = cacheKey.length <= LONGEST_PLAIN_KEY ? cacheKey : `#${createHash('sha256').update(cacheKey).digest('base64url')}`;
    return `${name}:${tail}`;
  }

  #tag(table: string): string {
    return `${this.#prefix}{${this.#databaseId}:${table}}`;
  }
}
