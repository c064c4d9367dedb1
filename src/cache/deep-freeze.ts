/**
 * `T` with every nested property and element read-only.
 *
 * @example
 * ```ts
 * type Row = DeepReadonly<{ tags: string[] }>; // { readonly tags: readonly string[] }
 * ```
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/**
 * Freezes `value` and everything reachable from it through own enumerable properties, in place, and returns
 * it. Objects that are already frozen are taken as deeply frozen and not walked again, which makes freezing
 * a value assembled from cached values cheap and ends cycles. Typed arrays and other buffer views cannot be
 * frozen and are left as they are.
 *
 * @example
 * ```ts
 * const row = deepFreeze({ name: 'Pen', tags: ['office'] });
 * Object.isFrozen(row.tags); // true
 * ```
 */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  freeze(value);
  return value as DeepReadonly<T>;
}

function freeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const element of value) freeze(element);
    return;
  }
  for (const key of Object.keys(value)) freeze((value as Record<string, unknown>)[key]);
}
