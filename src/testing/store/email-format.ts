import { isIPv6 } from 'node:net';

/*
 * Appwrite's email format is utopia-php/emails `Validator\Email`: the address is trimmed and lower-cased,
 * split on `@` (exactly two non-empty parts), then checked with PHP's FILTER_VALIDATE_EMAIL. Its rules:
 * - the local part is dot-separated words, each a run of atext characters or a quoted string, at most 64
 *   characters, no empty word (so no leading, trailing or doubled dot);
 * - the domain is dot-separated labels (letters, digits, inner hyphens, an optional `xn--` prefix) ending in a
 *   label that starts with a letter (or is `xn--...`), without a run of 64 characters or more between dots;
 *   or an address literal, `[1.2.3.4]` or `[IPv6:...]`;
 * - at most 254 characters in all; only ASCII.
 */
const ATEXT_WORD = "[a-z0-9!#$%&'*+\\-/=?^_`{|}~]+";
const QUOTED_WORD = '"(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x21\\x23-\\x5b\\x5d-\\x7f]|\\\\[\\x00-\\x7f])*"';
const WORD = `(?:${ATEXT_WORD}|${QUOTED_WORD})`;
const LOCAL_PART = new RegExp(`^${WORD}(?:\\.${WORD})*$`);
const LABEL = '(?:xn--)?[a-z0-9]+(?:-+[a-z0-9]+)*';
const HOST = new RegExp(`^(?:${LABEL}\\.)+(?:[a-z][a-z0-9]*|xn--[a-z0-9]+)(?:-+[a-z0-9]+)*$`);
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4_LITERAL = new RegExp(`^\\[${OCTET}(?:\\.${OCTET}){3}\\]$`);
/** Characters PHP's `trim` removes. */
const PHP_TRIM = /^[ \t\n\r\0\x0b]+|[ \t\n\r\0\x0b]+$/g;

function isDomain(domain: string): boolean {
  if (IPV4_LITERAL.test(domain)) return true;
  if (domain.startsWith('[ipv6:')) return domain.endsWith(']') && isIPv6(domain.slice(6, -1));
  return HOST.test(domain) && !/[^.]{64,}/.test(domain);
}

/**
 * Whether Appwrite 1.9 takes `value` as an email address (email columns, their defaults, and
 * `format: 'email'` inline columns).
 *
 * @example
 * ```ts
 * isAppwriteEmail(' Team@Example.com '); // true: trimmed and lower-cased first
 * isAppwriteEmail('a..b@example.com');   // false: empty word in the local part
 * isAppwriteEmail('a@localhost');        // false: the domain needs a dot
 * ```
 */
export function isAppwriteEmail(value: string): boolean {
  const email = value.replace(PHP_TRIM, '').toLowerCase();
  const parts = email.split('@');
  if (parts.length !== 2) return false;
  const [local = '', domain = ''] = parts;
  if (local === '' || domain === '' || email.length > 254 || local.length > 64) return false;
  return LOCAL_PART.test(local) && isDomain(domain);
}
