import { fold } from './collation.js';

/** InnoDB's default full-text stopwords (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD). */
const STOPWORDS = new Set(['a', 'about', 'an', 'are', 'as', 'at', 'be', 'by', 'com', 'de', 'en', 'for', 'from',
  'how', 'i', 'in', 'is', 'it', 'la', 'of', 'on', 'or', 'that', 'the', 'this', 'to', 'was', 'what', 'when',
  'where', 'who', 'will', 'with', 'und', 'www']);
/** `innodb_ft_min_token_size`: shorter words are not indexed. */
const MIN_TOKEN = 3;
const WORD = /[\p{L}\p{N}_]+/gu;
const RESERVED = /[@+\-*)(<>~"]/g;

function tokens(text: string): string[] {
  return fold(text).toLowerCase().match(WORD) ?? [];
}

function indexed(token: string): boolean {
  return token.length >= MIN_TOKEN && !STOPWORDS.has(token);
}

function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start += 1) {
    if (phrase.every((word, i) => words[start + i] === word)) return true;
  }
  return false;
}

/**
 * A matcher approximating `MATCH(col) AGAINST(:v IN BOOLEAN MODE)` with the value prepared as
 * utopia-php/database `SQL::getFulltextValue` does: operator characters become spaces; a value wrapped in
 * double quotes is an exact phrase, otherwise any word matches and the last word matches as a prefix.
 * Words shorter than three characters and InnoDB stopwords are not indexed, so they never match.
 */
export function searchMatcher(value: string): (text: unknown) => boolean {
  const exact = value.length > 0 && value.startsWith('"') && value.endsWith('"');
  const terms = tokens(value.replace(RESERVED, ' '));
  if (terms.length === 0) return () => false;
  if (exact) {
    return (text) => typeof text === 'string' && containsPhrase(tokens(text), terms);
  }
  const prefix = terms[terms.length - 1] ?? '';
  const words = new Set(terms.slice(0, -1).filter(indexed));
  return (text) => {
    if (typeof text !== 'string') return false;
    return tokens(text).some((token) => indexed(token) && (words.has(token) || token.startsWith(prefix)));
  };
}
