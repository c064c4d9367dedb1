import { deepFreeze } from './deep-freeze.js';

/**
 * Heap bytes one entry costs beside its key and value: the entry wrapper, its slots in lru-cache's key map
 * and in the table's key set, and the key's rope. Measured on Node 20 over 100,000 entries: an entry holding
 * `null` under a 112-character key takes about 420 bytes.
 */
const ENTRY_OVERHEAD_BYTES = 320;

/**
 * Heap bytes per character of the value's JSON form (as approximated below). Parsed Appwrite rows measured at
 * about 1.3 times their JSON length (numbers and short strings cost more on the heap than in JSON, repeated
 * field names less); `bench/heap.ts` checks that the heap stays within `maxBytes` + 20%.
 */
const BYTES_PER_JSON_CHAR = 1.5;

/**
 * Characters counted for a number that is not an integer. A price such as `12.34` takes 5 in JSON, a computed
 * ratio up to 19; on the heap each is a 16-byte box plus its slot, whatever its digits.
 */
const NON_INTEGER_CHARS = 10;

/**
 * Approximate heap bytes of a cache entry: a fixed overhead, the key, and 1.5 times the length of the value's
 * JSON text. That length is approximated without building the text: strings by their length (escapes not
 * counted), integers (and BigInts) by their digits, other numbers as ten characters, and one character more per object or
 * array than JSON spends. Values that are not plain objects or arrays (a Date, a Map, a class instance, a typed
 * array) are measured by `JSON.stringify` itself. Meant for plain JSON data as read from Appwrite. A value
 * JSON cannot serialize (a cycle) gets `Infinity`, so it is returned to its caller but never stored.
 *
 * @example
 * ```ts
 * estimateEntrySize('key|products|get|', { name: 'Pen' }); // 320 + 17 + 1.5 * 15 = 360 (the JSON has 14 characters)
 * ```
 */
export function estimateEntrySize(key: string, value: unknown): number {
  return entrySize(key, walk(value, false, []));
}

/**
 * Deep-freezes `value` in place, as `deepFreeze` does, and measures it as {@link estimateEntrySize} does, in
 * one walk; returns the approximate length of its JSON text, for {@link entrySize}.
 *
 * @example
 * ```ts
 * const size = entrySize(key, freezeAndMeasure(rows)); // rows now frozen; size === estimateEntrySize(key, rows)
 * ```
 */
export function freezeAndMeasure(value: unknown): number {
  return walk(value, true, []);
}

/**
 * The {@link estimateEntrySize} of an entry under `key` whose value measured `valueLength`.
 *
 * @example
 * ```ts
 * entrySize('key|products|get|', freezeAndMeasure({ name: 'Pen' })); // 360
 * ```
 */
export function entrySize(key: string, valueLength: number): number {
  return Math.ceil(ENTRY_OVERHEAD_BYTES + key.length + BYTES_PER_JSON_CHAR * valueLength);
}

/** `path`: the objects the walk is inside of, as JSON.stringify keeps them, to tell a cycle from a shared value. */
function walk(value: unknown, freeze: boolean, path: object[]): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return numberLength(value);
    case 'boolean':
      return value ? 4 : 5;
    case 'bigint':
      // A bigint field's value: cached like a number, its digits counted as the L2 codec writes them.
      return value.toString().length + 6;
    case 'object':
      return value === null ? 4 : walkObject(value, freeze, path);
    default:
      return 0;
  }
}

function walkObject(value: object, freeze: boolean, path: object[]): number {
  const isArray = Array.isArray(value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (!(isArray || proto === Object.prototype || proto === null)) return exactLength(value, freeze);
  if (path.includes(value)) return Number.POSITIVE_INFINITY;
  // deepFreeze takes a frozen object as deeply frozen and leaves what is inside it alone; so does this walk,
  // but it still measures what is inside.
  const freezeInside = freeze && !Object.isFrozen(value);
  if (freezeInside) Object.freeze(value);
  path.push(value);
  let length = 2;
  if (isArray) {
    const list = value as readonly unknown[];
    for (let i = 0; i < list.length; i++) length += 1 + (omittedByJson(list[i]) ? 4 : walk(list[i], freezeInside, path));
  } else {
    const record = value as Readonly<Record<string, unknown>>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (!omittedByJson(item)) length += key.length + 4 + walk(item, freezeInside, path);
    }
  }
  path.pop();
  return length;
}

/** JSON leaves such a property out, and writes such an element as `null`. */
function omittedByJson(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function numberLength(value: number): number {
  if (!Number.isInteger(value)) return NON_INTEGER_CHARS;
  let digits = value < 0 ? 2 : 1;
  for (let rest = Math.abs(value); rest >= 10; rest /= 10) digits++;
  return digits;
}

function exactLength(value: object, freeze: boolean): number {
  if (freeze) deepFreeze(value);
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
