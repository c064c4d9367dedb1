import { cacheKey, type CacheKeyParts } from '../cache/cache-key.js';
import { canonicalString } from './query-canonical.js';
import type { QueryKind } from './query-node.js';

/** One canonical Appwrite query string and what kind of query it is. */
export interface CanonicalPart {
  readonly kind: QueryKind;
  readonly text: string;
}

/** Canonical order of the kinds: filters, selects, orders, cursor, limit, offset. */
export const KIND_ORDER: Readonly<Record<QueryKind, number>> = { filter: 0, select: 1, order: 2, cursor: 3, limit: 4, offset: 5 };

const PAGING: ReadonlySet<QueryKind> = new Set<QueryKind>(['cursor', 'limit', 'offset']);
/** Derived queries kept per value (`withLimit`): past this many, the oldest are forgotten. */
const DERIVED_LIMIT = 8;

/**
 * One query in canonical form, frozen: its Appwrite query strings (filters sorted and without duplicates,
 * then selects, orders, cursor, limit, offset), the part of the cache key they make, the kind of each, and
 * the queries derived from it (its filters alone, another limit, another select). The query normaliser
 * builds one value per distinct input, so that a repeated read reuses the strings and their key.
 *
 * @example
 * ```ts
 * const query = normalizer.canonical([Query.equal('category', 'office'), Query.limit(10)]);
 * query.strings;               // ['{"method":"equal",...}', '{"method":"limit","values":[10]}']
 * query.paging;                // '{"method":"limit","values":[10]}'
 * query.filters().strings;     // ['{"method":"equal",...}']
 * query.withLimit(1).strings;  // ['{"method":"equal",...}', '{"method":"limit","values":[1]}']
 * ```
 */
export class CanonicalQuery {
  /** The canonical Appwrite query strings, in canonical order. */
  readonly strings: readonly string[];
  /** The strings joined by `|`: the queries' part of a cache key. */
  readonly key: string;
  /** The kind of each string, in the same order. */
  readonly kinds: readonly QueryKind[];
  /** The first paging query (limit, offset or cursor), if any. */
  readonly paging: string | undefined;
  /** True when at least one query is a filter. */
  readonly filtered: boolean;
  readonly #parts: readonly CanonicalPart[];
  #filters: CanonicalQuery | undefined;
  readonly #limits = new Map<number, CanonicalQuery>();
  #lastKey: { readonly parts: KeyHead; readonly key: string } | undefined;

  /** @param parts already in canonical order, without duplicate filters or selects. */
  constructor(parts: readonly CanonicalPart[]) {
    this.#parts = parts;
    this.strings = Object.freeze(parts.map((part) => part.text));
    this.key = this.strings.join('|');
    this.kinds = Object.freeze(parts.map((part) => part.kind));
    this.paging = parts.find((part) => PAGING.has(part.kind))?.text;
    this.filtered = this.kinds.includes('filter');
    Object.freeze(this);
  }

  /**
   * The cache key of this query read as `head` ({@link cacheKey}). The last key is kept and handed out
   * again while the same database, scope, table and operation ask: V8 keeps a string's hash on the string,
   * so a repeated hit hashes nothing and its lookup compares one pointer.
   *
   * @example
   * ```ts
   * query.cacheKey({ database: 'shop', scope: 'key', table: 'products', operation: 'list' });
   * // 'shop|key|products|list|{"method":"equal",...}|{"method":"limit","values":[10]}'
   * ```
   */
  cacheKey(head: KeyHead): string {
    const last = this.#lastKey;
    if (last !== undefined && last.parts.operation === head.operation && last.parts.scope === head.scope &&
      last.parts.table === head.table && last.parts.database === head.database) return last.key;
    const key = cacheKey({ ...head, queries: this.strings, queryKey: this.key });
    this.#lastKey = { parts: { database: head.database, scope: head.scope, table: head.table, operation: head.operation }, key };
    return key;
  }

  /**
   * The filters alone (what a count depends on: orders, selects and paging do not change it).
   *
   * @example
   * ```ts
   * normalizer.canonical([Query.equal('a', 1), Query.limit(5)]).filters().strings; // ['{"method":"equal",...}']
   * ```
   */
  filters(): CanonicalQuery {
    if (this.#filters !== undefined) return this.#filters;
    const filters = this.kinds.every((kind) => kind === 'filter') ? this : new CanonicalQuery(this.#parts.filter((part) => part.kind === 'filter'));
    this.#filters = filters;
    return filters;
  }

  /**
   * The same queries with their limit, if any, replaced by `limit(n)`.
   *
   * @example
   * ```ts
   * normalizer.canonical([Query.limit(10)]).withLimit(1).strings; // ['{"method":"limit","values":[1]}']
   * ```
   */
  withLimit(n: number): CanonicalQuery {
    const known = this.#limits.get(n);
    if (known !== undefined) return known;
    const limit: CanonicalPart = { kind: 'limit', text: canonicalString({ method: 'limit', values: [n] }) };
    const result = new CanonicalQuery(placed(this.#parts.filter((part) => part.kind !== 'limit'), limit));
    if (this.#limits.size >= DERIVED_LIMIT) this.#limits.clear();
    this.#limits.set(n, result);
    return result;
  }

  /**
   * The columns of the `select` query, or `undefined` when there is none.
   *
   * @example
   * ```ts
   * normalizer.canonical([Query.select(['name'])]).selected(); // ['name']
   * ```
   */
  selected(): readonly string[] | undefined {
    const select = this.#parts.find((part) => part.kind === 'select');
    return select === undefined ? undefined : (JSON.parse(select.text) as { values: string[] }).values;
  }

  /**
   * The same queries with their `select` replaced by one of `columns`, placed last (as relationship loading
   * has always sent it, so that its cache keys stay the same).
   *
   * @example
   * ```ts
   * normalizer.canonical([Query.limit(5)]).withSelect(['name', 'author.*']).strings; // [limit, select]
   * ```
   */
  withSelect(columns: readonly string[]): CanonicalQuery {
    const select: CanonicalPart = { kind: 'select', text: canonicalString({ method: 'select', values: columns }) };
    return new CanonicalQuery([...this.#parts.filter((part) => part.kind !== 'select'), select]);
  }
}

/** The parts of a cache key that come before the queries. */
export type KeyHead = Omit<CacheKeyParts, 'queries' | 'queryKey'>;

/** `parts` with `part` inserted after every part of a kind that sorts before it or alongside it. */
function placed(parts: readonly CanonicalPart[], part: CanonicalPart): CanonicalPart[] {
  const at = parts.findIndex((other) => KIND_ORDER[other.kind] > KIND_ORDER[part.kind]);
  return at < 0 ? [...parts, part] : [...parts.slice(0, at), part, ...parts.slice(at)];
}
