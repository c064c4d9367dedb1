/** Appwrite's date format: ISO 8601 with milliseconds and a numeric offset (`2020-10-15T06:38:00.000+00:00`). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** The current time in Appwrite's date format. */
export function isoNow(): string {
  return formatInstant(Date.now());
}

/**
 * A monotonic "now" for `$updatedAt`: never earlier than `previous`, so two writes in the same millisecond
 * still order correctly.
 */
export function isoAfter(previous: string | undefined): string {
  const now = Date.now();
  const before = previous === undefined ? Number.NaN : Date.parse(previous);
  return formatInstant(Number.isNaN(before) || now > before ? now : before);
}
