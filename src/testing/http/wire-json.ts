import { randomBytes } from 'node:crypto';

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

/** A BigInt column value, written as the exact integer. */
export function wireBigInt(value: bigint): WireInt64 {
  return new WireInt64(value.toString());
}

/** `JSON.stringify`, except that `WireInt64` values (and, with `bigints`, BigInt values) become bare integers. */
export function stringifyWire(value: unknown, options: { bigints?: boolean } = {}): string {
  const text = options.bigints === true
    ? JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? MARK + item.toString() : item))
    : JSON.stringify(value);
  return text.includes('\\u0000int64:') ? text.replace(MARKED, '$1') : text;
}

// Marks the integer literals of the request text; a per-process nonce keeps user strings from posing as one.
const NONCE = `big:${randomBytes(6).toString('hex')}:`;
const BIG = `\u0000${NONCE}`;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

function markBigIntegers(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
    } else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (match === null) continue;
      const literal = match[0];
      if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(from, i)}"\\u0000${NONCE}${literal}"`;
        from = i + literal.length;
      }
      i += literal.length - 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * `JSON.parse` without losing integers beyond ±2^53: they become BigInt, as node-appwrite's json-bigint reads
 * them (so `9007199254740993` stays exact). Other numbers are JS numbers.
 */
export function parseWire(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  return JSON.parse(markBigIntegers(text), (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(BIG) ? BigInt(value.slice(BIG.length)) : value,
  );
}
