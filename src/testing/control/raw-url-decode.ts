const isHex = (byte: number): boolean => (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);

/**
 * PHP's `rawurldecode` over the URL's UTF-8 bytes, as Appwrite applies it to a webhook URL before signing:
 * each `%XX` becomes that byte, `+` stays a plus, and a `%` not followed by two hex digits stays as it is.
 * The result may be invalid UTF-8 (`%E9` alone), so it is bytes, not a string.
 *
 * The library's webhook verifier (`appwrite-orm/express`) has its own copy: `testing` shares no code with the
 * library, so that the local server checks the library instead of agreeing with it by construction.
 * test/unit/webhook-url-decode.test.ts holds both to the same bytes.
 *
 * @example
 * ```ts
 * rawUrlDecode('https://a.test/x%20y+z%'); // bytes of 'https://a.test/x y+z%'
 * ```
 */
export function rawUrlDecode(url: string): Buffer {
  const source = Buffer.from(url, 'utf8');
  const decoded = Buffer.allocUnsafe(source.length);
  let length = 0;
  for (let index = 0; index < source.length; index++) {
    const byte = source[index] ?? 0;
    const high = source[index + 1] ?? 0;
    const low = source[index + 2] ?? 0;
    if (byte === 0x25 && index + 2 < source.length && isHex(high) && isHex(low)) {
      decoded[length++] = Number.parseInt(String.fromCharCode(high, low), 16);
      index += 2;
    } else {
      decoded[length++] = byte;
    }
  }
  return decoded.subarray(0, length);
}
