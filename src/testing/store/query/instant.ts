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

/** The dates a datetime filter value may take (utopia `Validator/Datetime` min and max, in UTC). */
export interface DateRange {
  readonly min: number;
  readonly max: number;
}

/** The MariaDB adapter's range (`getMinDateTime`/`getMaxDateTime`), which row queries are checked against. */
const ADAPTER_DATES: DateRange = {
  min: parseInstant('1000-01-01T00:00:00Z'),
  max: parseInstant('9999-12-31T23:59:59Z'),
};

/** utopia's `Validator/Query/Filter` defaults, used by Appwrite's metadata list validators (`Queries/Base.php`). */
export const FILTER_DEFAULT_DATES: DateRange = {
  min: parseInstant('0000-01-01T00:00:00Z'),
  max: parseInstant('9999-12-31T00:00:00Z'),
};

const yearOf = (instant: number): number => new Date(instant).getUTCFullYear();

/**
 * Whether a query value is a datetime Appwrite accepts (utopia-php/database `Validator/Datetime`): a
 * non-empty parseable string whose first four-digit number (its year) lies within the range's years, and
 * whose instant lies within the range.
 */
export function isValidDatetime(value: unknown, range: DateRange = ADAPTER_DATES): boolean {
  if (typeof value !== 'string' || value === '') return false;
  const instant = parseInstant(value);
  if (Number.isNaN(instant)) return false;
  const year = /(?<!\d)(\d{4})(?!\d)/.exec(value);
  if (year === null) return false;
  const number = Number(year[1]);
  if (number < yearOf(range.min) || number > yearOf(range.max)) return false;
  return instant >= range.min && instant <= range.max;
}
