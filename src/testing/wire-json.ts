/**
 * A 64-bit integer to be written as a bare JSON number (Appwrite sends an integer column's default bounds as
 * ±9223372036854775807, which `JSON.stringify` cannot produce from a JS number).
 */
export class WireInt64 {
  constructor(readonly digits: string) {}
}

export const INT64_MAX = new WireInt64('9223372036854775807');
export const INT64_MIN = new WireInt64('-9223372036854775808');

const MARK = '\u0000int64:';
const MARKED = /"\\u0000int64:(-?\d+)"/g;

/** `JSON.stringify`, except that `WireInt64` and `bigint` values become bare integers. */
export function stringifyWire(value: unknown): string {
  let marked = false;
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof WireInt64) {
      marked = true;
      return MARK + item.digits;
    }
    if (typeof item === 'bigint') {
      marked = true;
      return MARK + item.toString();
    }
    return item;
  });
  return marked ? text.replace(MARKED, '$1') : text;
}
