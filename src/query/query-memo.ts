/**
 * A string that identifies a query input built from plain values (strings, finite numbers, booleans, null,
 * arrays and plain objects of them), or `undefined` when the input holds anything else (a Date, a bigint,
 * NaN, a class instance, `undefined` inside a list) and must not be memoised. On such values JSON is
 * injective up to key order and omitted `undefined` properties, neither of which changes a query.
 *
 * @example
 * ```ts
 * memoKey({ category: 'office' }); // '{"category":"office"}'
 * memoKey({ since: new Date() });  // undefined
 * ```
 */
export function memoKey(value: unknown): string | undefined {
  // Checking first and serialising natively costs a fraction of building the key by hand.
  return plain(value, false) ? JSON.stringify(value) : undefined;
}

function plain(value: unknown, inList: boolean): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'undefined':
      return !inList;
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((item) => plain(item, true));
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) if (!plain((value as Record<string, unknown>)[key], false)) return false;
      return true;
    default:
      return false;
  }
}

/** A memo that forgets everything when full: hot inputs refill it at once, and memory stays bounded. */
export class BoundedMemo<V> {
  readonly #entries = new Map<string, V>();

  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.#entries.size >= this.#limit) this.#entries.clear();
    this.#entries.set(key, value);
  }
}
