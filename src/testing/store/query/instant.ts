const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/**
 * Milliseconds since the epoch of a date string, NaN when it does not parse. A date without a zone is
 * read as UTC, the server's timezone (JavaScript's own parser would read it as local time).
 */
export function parseInstant(text: string): number {
  const match = ISO.exec(text.trim());
  if (match === null) {
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? Number.NaN : parsed;
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return Number.NaN;
  return date.getTime() - offsetMinutes(zone) * 60_000;
}

/** Bounds of the MariaDB adapter (`getMinDateTime` 0000-01-01, `getMaxDateTime` 9999-12-31). */
const MIN_INSTANT = parseInstant('0000-01-01T00:00:00Z');
const MAX_INSTANT = parseInstant('9999-12-31T00:00:00Z');

/**
 * Whether a query value is a datetime Appwrite accepts (utopia-php/database `Validator/Datetime`): a
 * non-empty parseable string with a four-digit year, within the adapter's range.
 */
export function isValidDatetime(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  const instant = parseInstant(value);
  if (Number.isNaN(instant)) return false;
  const year = /(?<!\d)(\d{4})(?!\d)/.exec(value);
  if (year === null) return false;
  return instant >= MIN_INSTANT && instant <= MAX_INSTANT;
}
