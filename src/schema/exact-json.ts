import { randomBytes } from 'node:crypto';

// A per-process nonce: a user's string can never pose as a marked integer.
const NONCE = `int:${randomBytes(6).toString('hex')}:`;
const MARK = `\u0000${NONCE}`;
// JSON.stringify writes the NUL of a marked string as \u0000.
const MARKED = new RegExp(`"\\\\u0000${NONCE}(-?\\d+)"`, 'g');
const INTEGER = /-?\d+(?:(\.\d+)|([eE][+-]?\d+))?/y;

/**
 * `JSON.stringify` that writes `bigint` values as bare JSON integers (`9223372036854775807`), as node-appwrite's
 * json-bigint does, instead of throwing.
 *
 * @example
 * ```ts
 * stringifyExact({ values: [2n ** 63n - 1n] }); // '{"values":[9223372036854775807]}'
 * ```
 */
export function stringifyExact(value: unknown): string {
  let marked = false;
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'bigint') return item;
    marked = true;
    return MARK + item.toString();
  }) ?? 'null';
  return marked ? text.replace(MARKED, '$1') : text;
}

/** Wraps each integer literal beyond ±2^53 (outside strings) in a marked string. */
function markIntegers(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char === '"') {
      for (i += 1; i < text.length && text.charAt(i) !== '"'; i += 1) if (text.charAt(i) === '\\') i += 1;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      INTEGER.lastIndex = i;
      const match = INTEGER.exec(text);
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
 * `JSON.parse` that keeps integers beyond ±2^53 exact, as `bigint`s (as node-appwrite's json-bigint reads
 * answers); every other number is a JS number.
 *
 * @throws SyntaxError as `JSON.parse` does.
 * @example
 * ```ts
 * parseExact('{"values":[9007199254740993]}'); // { values: [9007199254740993n] }
 * ```
 */
export function parseExact(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  return JSON.parse(markIntegers(text), (_key, value: unknown) =>
    (typeof value === 'string' && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value));
}
