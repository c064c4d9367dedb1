import { randomInt } from 'node:crypto';
import { nowMs } from '../control/clock.js';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/;

/** utopia `Validator/Key` description, as Appwrite reports it (also for `CustomId` params). */
export const KEY_DESCRIPTION =
  "Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char";

/** utopia `Validator/UID` description (the same rule as `Key`, worded for IDs), as Appwrite reports it. */
export const UID_DESCRIPTION =
  "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start with a leading underscore";

/** Whether a string is a valid Appwrite key or ID: at most 36 chars of `[A-Za-z0-9._-]`, not starting with `. _ -`. */
export function isValidKey(value: unknown): value is string {
  return typeof value === 'string' && KEY.test(value);
}

let lastMicros = 0;

/**
 * A 20-character hex ID shaped like Appwrite's `ID::unique()` (PHP `uniqid()`: hex seconds and 5 hex digits of
 * microseconds, then 7 random hex digits). IDs generated one after the other sort in that order, as Appwrite's do.
 */
export function uniqueId(): string {
  lastMicros = Math.max(nowMs() * 1000, lastMicros + 1);
  const seconds = Math.floor(lastMicros / 1_000_000).toString(16);
  const micros = (lastMicros % 1_000_000).toString(16).padStart(5, '0');
  let random = '';
  for (let i = 0; i < 7; i++) random += randomInt(16).toString(16);
  return seconds + micros + random;
}
