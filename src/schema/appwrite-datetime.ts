const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
// `March 7, 2024`, `Thu, 7 Mar 2024 10:00:00 GMT`, `7 March 2024 10:00`: a month name and a four-digit year.
const TEXTUAL = /^(?:([A-Za-z]{3,9}),?\s+)?(?:([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?|(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?)\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?$/i;

/** The MariaDB adapter's range (`getMinDateTime`, `getMaxDateTime`): 1000-01-01 00:00:00 to 9999-12-31 23:59:59 UTC. */
const APPWRITE_MIN_DATETIME = Date.UTC(1000, 0, 1);
const APPWRITE_MAX_DATETIME = Date.UTC(9999, 11, 31, 23, 59, 59);

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || /^(?:Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

function monthIndex(name: string): number {
  const lower = name.toLowerCase();
  // The full name, its three-letter abbreviation, or `sept`; 'Marchh' is no month.
  return MONTHS.findIndex((month) => month === lower || month.slice(0, 3) === lower || (month === 'september' && lower === 'sept'));
}

function instant(numbers: readonly (string | undefined)[], month: number, fraction: string | undefined, zone: string | undefined): number {
  const [year = 0, day = 0, hour = 0, minute = 0, second = 0] = numbers.map((part) => Number(part ?? 0));
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)));
  const real = date.getUTCMonth() === month && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return real ? date.getTime() - offsetMinutes(zone) * 60_000 : Number.NaN;
}

/**
 * Milliseconds since the epoch of a datetime text in a form both the ORM and Appwrite read the same way,
 * or NaN. Forms: ISO 8601 (`2024-03-07`, `2024-03-07T10:00:00.000+02:00`, a space for the `T`) and dates
 * that spell the month (`March 7, 2024`, `7 Mar 2024 10:00`, `Thu, 07 Mar 2024 10:00:00 GMT`). Without a
 * zone the time is UTC, Appwrite's timezone. Only real calendar dates (PHP would roll `2024-02-30` over to
 * March 1st; this refuses it). Free text PHP also reads (`tomorrow`, `+1 day`) is not a date here.
 *
 * @example
 * ```ts
 * parseAppwriteDatetime('March 7, 2024') === Date.UTC(2024, 2, 7); // true
 * Number.isNaN(parseAppwriteDatetime('tomorrow'));                 // true
 * ```
 */
export function parseAppwriteDatetime(text: string): number {
  const value = text.trim();
  const iso = ISO.exec(value);
  if (iso !== null) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    return instant([year, day, hour, minute, second], Number(month) - 1, fraction, zone);
  }
  const textual = TEXTUAL.exec(value);
  if (textual === null) return Number.NaN;
  const [, weekday, nameFirst, dayAfter, dayFirst, nameAfter, year, hour, minute, second, zone] = textual;
  if (weekday !== undefined && !WEEKDAYS.test(weekday)) return Number.NaN;
  const month = monthIndex((nameFirst ?? nameAfter) as string);
  if (month === -1) return Number.NaN;
  return instant([year, dayAfter ?? dayFirst, hour, minute, second], month, undefined, zone);
}

/**
 * Whether Appwrite stores `value` in a datetime column: a Date or a text {@link parseAppwriteDatetime}
 * reads, between 1000-01-01 00:00:00 and 9999-12-31 23:59:59 UTC (utopia's `Datetime` validator with the
 * MariaDB adapter's bounds).
 *
 * @example
 * ```ts
 * isAppwriteDatetime('2024-03-07T10:00:00Z'); // true
 * isAppwriteDatetime(new Date('+010000-01-01T00:00:00Z')); // false: year 10000
 * ```
 */
export function isAppwriteDatetime(value: unknown): value is string | Date {
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? parseAppwriteDatetime(value) : Number.NaN;
  return time >= APPWRITE_MIN_DATETIME && time <= APPWRITE_MAX_DATETIME;
}
