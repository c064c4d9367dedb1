const MARK = '\u0000int64:';
const MARKED = /"\\u0000int64:(-?\d+)"/g;

/**
 * A 64-bit integer to be written as a bare JSON number (Appwrite sends an integer column's default bounds as
 * ±9223372036854775807, which `JSON.stringify` cannot produce from a JS number).
 */
class WireInt64 {
  constructor(readonly digits: string) {}

  toJSON(): string {
    return MARK + this.digits;
  }
}

export const INT64_MAX = new WireInt64('9223372036854775807');
export const INT64_MIN = new WireInt64('-9223372036854775808');

/** `JSON.stringify`, except that `WireInt64` values become bare integers. */
export function stringifyWire(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\u0000int64:') ? text.replace(MARKED, '$1') : text;
}
