/** Appwrite's date format: ISO 8601 with milliseconds and a numeric offset (`2020-10-15T06:38:00.000+00:00`). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

let offsetMs = 0;

/** Milliseconds since the epoch on the local servers' clock: the real clock, moved forward by `advanceClock`. */
export function nowMs(): number {
  return Date.now() + offsetMs;
}

/** Moves the local servers' clock forward by `ms` milliseconds (in place of a real wait). */
export function advanceClock(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advanceClock: ms must be a finite number >= 0, got ${String(ms)}`);
  offsetMs += ms;
}

/** The current time in Appwrite's date format. */
export function isoNow(): string {
  return formatInstant(nowMs());
}

/**
 * A monotonic "now" for `$updatedAt`: never earlier than `previous`, so two writes in the same millisecond
 * still order correctly.
 */
export function isoAfter(previous: string | undefined): string {
  const now = nowMs();
  const before = previous === undefined ? Number.NaN : Date.parse(previous);
  return formatInstant(Number.isNaN(before) || now > before ? now : before);
}
