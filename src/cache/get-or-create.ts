/**
 * The value `map` holds under `key`, made by `create` and stored there the first time it is asked for.
 *
 * @example
 * ```ts
 * const keysByTable = new Map<string, Set<string>>();
 * getOrCreate(keysByTable, 'products', () => new Set<string>()).add('key|products|get|');
 * ```
 */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
