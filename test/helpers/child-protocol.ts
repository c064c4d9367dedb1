/**
 * The line protocol shared by the child-process instances (bridge-instance, chaos-instance): settings from
 * the environment, one JSON object per stdout line, and a logger that writes its lines as events.
 */
import type { OrmLogger } from '../../src/server/config.js';

/** A required environment variable. */
export const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

/** Writes one JSON line to stdout. */
export const emit = (line: unknown): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

/** A logger whose lines become `{ event: level, message }` lines. */
export const eventLogger: OrmLogger = {
  info: (message) => emit({ event: 'info', message }),
  warn: (message) => emit({ event: 'warn', message }),
  error: (message) => emit({ event: 'error', message }),
};
