import { QueryError } from '../errors/query-error.js';
import { describeInput, filterNodes, orderNodes, type FilterObject } from './filter-object.js';
import { parseLegacyQuery } from './legacy-query-parser.js';
import { parseExact } from '../schema/exact-json.js';
import { CanonicalQuery, KIND_ORDER, type CanonicalPart } from './canonical-query.js';
import { canonicalString } from './query-canonical.js';
import { BoundedMemo, memoKey } from './query-memo.js';
import type { QueryKind, QueryNode } from './query-node.js';
import { validateNode, type ValidationTarget } from './query-validation.js';

/**
 * What every query-taking method accepts: node-appwrite `Query` strings, legacy strings such as
 * `'equal("active", true)'`, one string or a list of them, or a plain equality filter object.
 */
export type QueryInput = string | readonly string[] | FilterObject;

/** Order, paging and projection added to a query by `query()`. */
export interface QueryShape {
  readonly orderBy?: string | readonly string[];
  readonly limit?: number;
  readonly offset?: number;
  readonly select?: readonly string[];
}

interface Parsed extends CanonicalPart {
  /** The query of this one string, built on first use and shared so that a one-query read allocates nothing. */
  alone?: CanonicalQuery;
  /** Short and unique among the parses of one normaliser: lists of parses are memoised by their tags. */
  readonly tag: string;
}

const MEMO_LIMIT = 10_000;
/** Appwrite's limit on one query string (APP_LIMIT_ARRAY_ELEMENT_SIZE). */
const MAX_QUERY_LENGTH = 4_096;

/**
 * Turns any accepted query spelling into one frozen {@link CanonicalQuery}, so that two spellings of the
 * same query share a cache entry and Appwrite never sees a legacy string. Canonical lists hold the filters
 * sorted and without duplicates (they are AND-ed), then selects, orders (in the caller's order: it is
 * their priority), cursor, limit and offset. Canonicalising a canonical list returns it unchanged.
 *
 * @example
 * ```ts
 * const normalizer = new QueryNormalizer({ table: 'products', columns: new Set(['price']) });
 * normalizer.canonical(['greaterThan("price", 5)']).strings; // ['{"method":"greaterThan","attribute":"price","values":[5]}']
 * ```
 */
export class QueryNormalizer {
  // Parsing JSON or legacy text costs microseconds; a cache hit must cost well under one, so each distinct
  // string is parsed once. Bounded: cleared when full, since a few hot queries refill it at once.
  readonly #memo = new BoundedMemo<Parsed>(MEMO_LIMIT);
  // Filter objects, by a key of their plain values, for the same reason.
  readonly #objects = new BoundedMemo<CanonicalQuery>(MEMO_LIMIT);
  // query() calls, by a key of their filters and shape: a memo of its own, so that a filter object can
  // never be answered with the query of a query() call whose key happens to spell the same.
  readonly #shapes = new BoundedMemo<CanonicalQuery>(MEMO_LIMIT);
  // Lists of query strings, by the tags of their parses: the same queries give the same value.
  readonly #lists = new BoundedMemo<CanonicalQuery>(MEMO_LIMIT);
  // `get(id)` reads, by id, for the same reason.
  readonly #rowIds = new BoundedMemo<CanonicalQuery>(MEMO_LIMIT);
  readonly #empty = new CanonicalQuery([]);
  #parses = 0;

  readonly #target: ValidationTarget;

  constructor(target: ValidationTarget = {}) {
    this.#target = target;
  }

  /**
   * The canonical query of `input`, the same frozen value for the same input while it is remembered.
   *
   * @throws QueryError naming the first query that cannot be parsed or is invalid.
   */
  canonical(input: QueryInput | undefined): CanonicalQuery {
    if (input === undefined) return this.#empty;
    if (typeof input === 'string') return alone(this.#parse(input));
    if (!Array.isArray(input)) return this.#fromObject(input as FilterObject);
    const list = input as readonly unknown[];
    if (list.length === 0) return this.#empty;
    if (list.length === 1) return alone(this.#parse(this.#text(list[0])));
    return this.#fromParses(list.map((item) => this.#parse(this.#text(item))));
  }

  /**
   * The canonical strings of `input` (those of {@link QueryNormalizer.canonical}).
   *
   * @throws QueryError naming the first query that cannot be parsed or is invalid.
   */
  normalize(input: QueryInput | undefined): readonly string[] {
    return this.canonical(input).strings;
  }

  /**
   * The query of `get(rowId)`: the id as a JSON string (what a get's cache key holds in place of queries;
   * it counts as its one filter), one frozen value per id.
   */
  row(rowId: string): CanonicalQuery {
    const known = this.#rowIds.get(rowId);
    if (known !== undefined) return known;
    const result = new CanonicalQuery([{ kind: 'filter', text: JSON.stringify(rowId) }]);
    this.#rowIds.set(rowId, result);
    return result;
  }

  /** The cache queries of `get(rowId)` (the strings of {@link QueryNormalizer.row}). */
  rowId(rowId: string): readonly string[] {
    return this.row(rowId).strings;
  }

  /**
   * The canonical query of `query(filters, { orderBy, limit, offset, select })`.
   *
   * @throws QueryError for an invalid filter, order, limit, offset or column.
   */
  shaped(input: QueryInput, shape: QueryShape): CanonicalQuery {
    const key = memoKey({ i: input, o: shape.orderBy, l: shape.limit, f: shape.offset, s: shape.select });
    const known = key === undefined ? undefined : this.#shapes.get(key);
    if (known !== undefined) return known;
    const nodes: QueryNode[] = [];
    if (shape.orderBy !== undefined) nodes.push(...orderNodes(shape.orderBy, this.#target.table));
    if (shape.limit !== undefined) nodes.push({ method: 'limit', values: [shape.limit] });
    if (shape.offset !== undefined) nodes.push({ method: 'offset', values: [shape.offset] });
    if (shape.select !== undefined) nodes.push({ method: 'select', values: shape.select });
    const result = this.combine(this.canonical(input), nodes);
    if (key !== undefined) this.#shapes.set(key, result);
    return result;
  }

  /**
   * The canonical strings of `query(filters, { orderBy, limit, offset, select })` (those of {@link QueryNormalizer.shaped}).
   *
   * @throws QueryError for an invalid filter, order, limit, offset or column.
   */
  withShape(input: QueryInput, shape: QueryShape): readonly string[] {
    return this.shaped(input, shape).strings;
  }

  /** The canonical query of a canonical query and query nodes built by the ORM itself (orders, paging). */
  combine(query: CanonicalQuery, nodes: readonly QueryNode[]): CanonicalQuery {
    return new CanonicalQuery(compose([...query.strings.map((text) => this.#parse(text)), ...nodes.map((node) => this.#fromNode(node))]));
  }

  #fromParses(items: readonly Parsed[]): CanonicalQuery {
    let key = '';
    for (const item of items) key += item.tag + ',';
    const known = this.#lists.get(key);
    if (known !== undefined) return known;
    const result = new CanonicalQuery(compose(items));
    this.#lists.set(key, result);
    return result;
  }

  #fromObject(filters: FilterObject): CanonicalQuery {
    const key = memoKey(filters);
    const known = key === undefined ? undefined : this.#objects.get(key);
    if (known !== undefined) return known;
    const result = new CanonicalQuery(compose(filterNodes(filters, this.#target.table).map((node) => this.#fromNode(node))));
    if (key !== undefined) this.#objects.set(key, result);
    return result;
  }

  #fromNode(node: QueryNode): Parsed {
    // These nodes come from filter objects and list options: one level deep, so serialising first is safe.
    const text = canonicalString(node);
    return this.#parsed(validateNode(node, text, this.#target), this.#sized(text));
  }

  /** Appwrite refuses a query longer than 4096 characters (the `queries` param's element size). */
  #sized(text: string): string {
    if (text.length > MAX_QUERY_LENGTH) {
      throw new QueryError(this.#target.table, `${text.slice(0, 120)}...`, `longer than ${MAX_QUERY_LENGTH} characters, which Appwrite refuses`);
    }
    return text;
  }

  #text(item: unknown): string {
    if (typeof item !== 'string') {
      throw new QueryError(this.#target.table, describeInput(item), 'a query must be a string (use Query helpers or a filter object)');
    }
    return item;
  }

  #parsed(kind: QueryKind, text: string): Parsed {
    // Tags are never reused, so a list memoised before the memo was last cleared cannot be mistaken for another.
    return { kind, text, tag: (this.#parses++).toString(36) };
  }

  #parse(raw: string): Parsed {
    const known = this.#memo.get(raw);
    if (known !== undefined) return known;
    // Bounds the parsing work; the legacy form may be longer than its JSON (spaces), hence the margin.
    if (raw.length > 4 * MAX_QUERY_LENGTH) this.#sized(raw);
    const node = raw.trimStart().startsWith('{') ? parseJson(raw, this.#target.table) : parseLegacyQuery(raw, this.#target.table);
    const result = this.#parsed(validateNode(node, raw, this.#target), this.#sized(canonicalString(node)));
    this.#memo.set(raw, result);
    return result;
  }
}

function parseJson(raw: string, table: string | undefined): QueryNode {
  let value: unknown;
  try {
    // Integers beyond ±2^53 (a bigint column's values) stay exact, as node-appwrite's Query wrote them.
    value = parseExact(raw);
  } catch (error) {
    throw new QueryError(table, raw, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as QueryNode).method !== 'string') {
    throw new QueryError(table, raw, 'a query object needs a "method"');
  }
  return value as QueryNode;
}

function alone(parsed: Parsed): CanonicalQuery {
  return (parsed.alone ??= new CanonicalQuery([parsed]));
}

function compose(items: readonly Parsed[]): readonly CanonicalPart[] {
  if (inCanonicalOrder(items)) return items;
  const sorted = [...items].sort((a, b) => {
    const byKind = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    if (byKind !== 0) return byKind;
    return a.kind === 'filter' || a.kind === 'select' ? compareText(a.text, b.text) : 0;
  });
  const out: CanonicalPart[] = [];
  let previous: Parsed | undefined;
  for (const item of sorted) {
    const duplicate = previous !== undefined && previous.text === item.text && (item.kind === 'filter' || item.kind === 'select');
    if (!duplicate) out.push(item);
    previous = item;
  }
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `items` are already ordered and free of duplicates, as most hand-written lists are. */
function inCanonicalOrder(items: readonly Parsed[]): boolean {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1] as Parsed;
    const b = items[i] as Parsed;
    const byKind = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    if (byKind > 0) return false;
    if (byKind === 0 && (a.kind === 'filter' || a.kind === 'select') && !(a.text < b.text)) return false;
  }
  return true;
}
