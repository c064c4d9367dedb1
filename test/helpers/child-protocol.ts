/**
 * The line protocol shared by the child-process instances (bridge-instance, chaos-instance): settings from
 * the environment, one JSON object per stdout line, and a logger that writes its lines as events.
 */
import { createInterface } from 'node:readline';
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

/** The settings every child instance takes from the environment: the local server, the database and the event logger. */
export const instanceSettings = () => ({
  endpoint: env('ENDPOINT'),
  projectId: env('PROJECT_ID'),
  apiKey: env('API_KEY'),
  databaseId: env('DATABASE_ID'),
  autoValidate: false,
  logger: eventLogger,
});

/**
 * Announces `ready`, then answers each JSON command line on stdin with `{ id, result }` or `{ id, error }`.
 * Commands run one after another, or all at once when `concurrent` (the chaos test overlaps reads and writes).
 */
export async function serveCommands<C extends { id: number }>(run: (command: C) => Promise<unknown>, concurrent: boolean): Promise<void> {
  emit({ event: 'ready' });
  for await (const line of createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as C;
    const answered = run(command).then(
      (result) => emit({ id: command.id, result }),
      (error: unknown) => emit({ id: command.id, error: error instanceof Error ? error.message : String(error) }),
    );
    if (!concurrent) await answered;
  }
}
