/** A route found for a request: the declaration and its decoded `:name` path params. */
export interface RouteMatch<T> {
  readonly route: T;
  readonly path: Readonly<Record<string, string>>;
}

interface Leaf<T> {
  readonly route: T;
  readonly names: readonly string[];
}

interface Node<T> {
  readonly statics: Map<string, Node<T>>;
  param: Node<T> | undefined;
  leaf: Leaf<T> | undefined;
}

const newNode = <T>(): Node<T> => ({ statics: new Map(), param: undefined, leaf: undefined });

function segmentsOf(path: string): string[] {
  const segments = path.split('/');
  segments.shift();
  // A trailing slash names the same route (`/v1/tablesdb/` is `/v1/tablesdb`).
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  return segments;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Routes compiled once into one segment tree per HTTP method. A static segment is tried before a `:param`
 * at the same place (so `/v1/tablesdb/transactions` never reads as a database ID), whatever the order the
 * routes were declared in; a param branch is tried when the static one leads nowhere.
 *
 * @example
 * ```ts
 * const router = new Router([{ method: 'GET', path: '/v1/tablesdb/:databaseId' }]);
 * router.match('GET', '/v1/tablesdb/main'); // { route, path: { databaseId: 'main' } }
 * ```
 */
export class Router<T extends { readonly method: string; readonly path: string }> {
  readonly #roots = new Map<string, Node<T>>();

  constructor(routes: Iterable<T>) {
    for (const route of routes) this.#add(route);
  }

  /** The route for a method and a URL path (without the query string), or undefined. */
  match(method: string, urlPath: string): RouteMatch<T> | undefined {
    const root = this.#roots.get(method);
    if (root === undefined) return undefined;
    const values: string[] = [];
    const leaf = this.#walk(root, segmentsOf(urlPath), 0, values);
    if (leaf === undefined) return undefined;
    const path: Record<string, string> = {};
    leaf.names.forEach((name, index) => {
      path[name] = decode(values[index] ?? '');
    });
    return { route: leaf.route, path };
  }

  #walk(node: Node<T>, segments: readonly string[], index: number, values: string[]): Leaf<T> | undefined {
    if (index === segments.length) return node.leaf;
    const segment = segments[index] ?? '';
    const exact = node.statics.get(segment);
    const found = exact === undefined ? undefined : this.#walk(exact, segments, index + 1, values);
    if (found !== undefined || node.param === undefined || segment === '') return found;
    values.push(segment);
    const viaParam = this.#walk(node.param, segments, index + 1, values);
    if (viaParam === undefined) values.pop();
    return viaParam;
  }

  #add(route: T): void {
    let node = this.#roots.get(route.method);
    if (node === undefined) {
      node = newNode<T>();
      this.#roots.set(route.method, node);
    }
    const names: string[] = [];
    for (const segment of segmentsOf(route.path)) {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        node.param ??= newNode<T>();
        node = node.param;
      } else {
        let next = node.statics.get(segment);
        if (next === undefined) {
          next = newNode<T>();
          node.statics.set(segment, next);
        }
        node = next;
      }
    }
    if (node.leaf !== undefined) throw new Error(`Two routes for ${route.method} ${route.path}`);
    node.leaf = { route, names };
  }
}
