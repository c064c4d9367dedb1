import { QueryError } from '../errors/query-error.js';
import { MAX_QUERY_DEPTH, NO_ATTRIBUTE, queryKind, type QueryNode, type QueryValue } from './query-node.js';

type Arg = QueryValue;

/** SDK helpers that are not Appwrite methods, expanded the way node-appwrite expands them (a Map: names come from callers). */
const ALIASES: ReadonlyMap<string, (args: readonly Arg[]) => QueryNode> = new Map([
  ['createdBefore', (args: readonly Arg[]) => ({ method: 'lessThan', attribute: '$createdAt', values: args })],
  ['createdAfter', (args: readonly Arg[]) => ({ method: 'greaterThan', attribute: '$createdAt', values: args })],
  ['createdBetween', (args: readonly Arg[]) => ({ method: 'between', attribute: '$createdAt', values: args })],
  ['updatedBefore', (args: readonly Arg[]) => ({ method: 'lessThan', attribute: '$updatedAt', values: args })],
  ['updatedAfter', (args: readonly Arg[]) => ({ method: 'greaterThan', attribute: '$updatedAt', values: args })],
  ['updatedBetween', (args: readonly Arg[]) => ({ method: 'between', attribute: '$updatedAt', values: args })],
]);

/**
 * Parses the legacy string form of a query (Appwrite 1.4 and older docs), e.g. `equal("active", true)`,
 * `greaterThanEqual("ts", "2024-01-01")`, `equal("a", ["x", "y"])`, `limit(10)`, `orderDesc("price")`,
 * `or([equal("a", 1), equal("b", 2)])`, into the query object that node-appwrite's `Query` helpers build.
 * Appwrite 1.9 rejects the string form, so it is converted before anything is sent.
 *
 * @throws QueryError naming the query when it cannot be parsed.
 * @example
 * ```ts
 * parseLegacyQuery('equal("a", ["x","y"])'); // { method: 'equal', attribute: 'a', values: ['x', 'y'] }
 * ```
 */
export function parseLegacyQuery(text: string, table?: string): QueryNode {
  const parser = new Parser(text, table);
  const node = parser.call();
  parser.end();
  return node;
}

class Parser {
  #pos = 0;
  #depth = 0;

  readonly #text: string;
  readonly #table: string | undefined;

  constructor(text: string, table: string | undefined) {
    this.#text = text;
    this.#table = table;
  }

  call(): QueryNode {
    const start = this.#pos;
    const name = this.#identifier();
    // Known before the arguments are read, so that an unknown name fails at once, naming where it starts.
    if (!ALIASES.has(name) && queryKind(name) === undefined) this.#fail(`unknown method "${name}"`, start);
    this.#expect('(');
    const args = this.#nested(() => (this.#peek() === ')' ? [] : this.#list(')')));
    this.#expect(')');
    return this.#toNode(name, args, start);
  }

  /** Reads one level of nesting (a call's arguments or an array); bounded so deep input fails cleanly. */
  #nested<R>(read: () => R): R {
    if (this.#depth >= MAX_QUERY_DEPTH) this.#fail(`nested deeper than ${MAX_QUERY_DEPTH} levels`);
    this.#depth += 1;
    const result = read();
    this.#depth -= 1;
    return result;
  }

  end(): void {
    this.#skipSpace();
    if (this.#pos < this.#text.length) this.#fail(`unexpected "${this.#text.slice(this.#pos, this.#pos + 10)}"`);
  }

  #toNode(method: string, args: readonly Arg[], start: number): QueryNode {
    const alias = ALIASES.get(method);
    if (alias !== undefined) return alias(args);
    if (method.startsWith('distance') || method.startsWith('vector')) {
      this.#fail(`${method} has no string form; use node-appwrite's Query.${method}`, start);
    }
    if (NO_ATTRIBUTE.has(method)) return withValues({ method }, spread(args));
    const [attribute, ...rest] = args;
    return withValues({ method, attribute: this.#attribute(attribute, method, start) }, spread(rest));
  }

  #attribute(arg: Arg | undefined, method: string, start: number): string {
    if (typeof arg !== 'string') this.#fail(`${method} needs a column name as its first argument`, start);
    return arg;
  }

  #list(close: string): Arg[] {
    const items: Arg[] = [this.#value()];
    while (this.#peek() === ',') {
      this.#pos += 1;
      if (this.#peek() === close) break;
      items.push(this.#value());
    }
    return items;
  }

  #value(): Arg {
    const c = this.#peek();
    if (c === '"' || c === "'") return this.#string(c);
    if (c === '[') {
      this.#pos += 1;
      const items = this.#nested(() => (this.#peek() === ']' ? [] : this.#list(']')));
      this.#expect(']');
      return items;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.#number();
    const start = this.#pos;
    const word = this.#identifier();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    this.#pos = start;
    return this.call();
  }

  #string(quote: string): string {
    const start = this.#pos;
    let out = '';
    this.#pos += 1;
    while (this.#pos < this.#text.length) {
      const c = this.#text[this.#pos] as string;
      if (c === quote) {
        this.#pos += 1;
        return out;
      }
      if (c === '\\') {
        const next = this.#text[this.#pos + 1];
        if (next === undefined) break;
        if (next === 'u') {
          const hex = this.#text.slice(this.#pos + 2, this.#pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.#fail('bad \\u escape', this.#pos);
          out += String.fromCharCode(parseInt(hex, 16));
          this.#pos += 6;
          continue;
        }
        out += ESCAPES.get(next) ?? next;
        this.#pos += 2;
        continue;
      }
      out += c;
      this.#pos += 1;
    }
    return this.#fail('unterminated string', start);
  }

  #number(): number | bigint {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.#text.slice(this.#pos));
    if (match === null) return this.#fail('bad number');
    this.#pos += match[0].length;
    const value = Number(match[0]);
    // Integers beyond 2^53 keep their precision as bigint, as node-appwrite's json-bigint does.
    return Number.isSafeInteger(value) || !/^-?\d+$/.test(match[0]) ? value : BigInt(match[0]);
  }

  #identifier(): string {
    this.#skipSpace();
    const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.#text.slice(this.#pos));
    if (match === null) return this.#fail('expected a method name or a value');
    this.#pos += match[0].length;
    return match[0];
  }

  #expect(c: string): void {
    if (this.#peek() !== c) this.#fail(`expected "${c}"`);
    this.#pos += 1;
  }

  #peek(): string | undefined {
    this.#skipSpace();
    return this.#text[this.#pos];
  }

  #skipSpace(): void {
    while (this.#pos < this.#text.length && /\s/.test(this.#text[this.#pos] as string)) this.#pos += 1;
  }

  #fail(reason: string, at = this.#pos): never {
    throw new QueryError(this.#table, this.#text, `${reason} at position ${at}`);
  }
}

const ESCAPES: ReadonlyMap<string, string> = new Map([['n', '\n'], ['t', '\t'], ['r', '\r'], ['b', '\b'], ['f', '\f']]);

/** `equal("a", ["x","y"])` and `equal("a", "x", "y")` both mean values ["x","y"]; a lone non-array is one value. */
function spread(args: readonly Arg[]): readonly Arg[] {
  const only = args[0];
  return args.length === 1 && Array.isArray(only) ? (only as readonly Arg[]) : args;
}

function withValues(node: QueryNode, values: readonly Arg[]): QueryNode {
  return values.length === 0 ? node : { ...node, values };
}
