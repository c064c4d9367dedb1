const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Whether `text` is well-formed UTF-16: no lone surrogate (half of a pair, as left by cutting an emoji in
 * two). Appwrite cannot take one: its JSON decoder refuses an unpaired `\uD83D` escape, which is how
 * node-appwrite sends it, so such a value never reaches a row or a query.
 *
 * @example
 * ```ts
 * isWellFormedText('café 👍');       // true
 * isWellFormedText('👍'.slice(0, 1)); // false
 * ```
 */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The reason given when a value holds a lone surrogate. */
export const LONE_SURROGATE_REASON = 'contains a lone UTF-16 surrogate (half of a character such as an emoji), which Appwrite cannot store or match';
