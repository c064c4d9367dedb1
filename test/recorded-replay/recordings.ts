import { readFileSync } from 'node:fs';
import { parseLossless } from './lossless-json.js';

/** One HTTP exchange recorded with a real Appwrite 1.9.0 server (format: `recordings/README.md`). */
export interface RecordedExchange {
  readonly seq: number;
  readonly scenario: string;
  readonly step: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly query: Readonly<Record<string, string | readonly string[]>>;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: unknown;
  };
  readonly response: { readonly status: number; readonly body: unknown };
  readonly jwtUser?: { readonly id: string; readonly email?: string; readonly name?: string };
  readonly poll?: { readonly group: string };
  readonly pauseBeforeMs?: number;
  readonly compare?: 'status';
}

/** The recorded scenarios, in the order they are replayed. */
export const SCENARIOS = [
  'a-tables',
  'b-columns',
  'c-indexes',
  'd-rows',
  'e-queries',
  'f-bulk',
  'g-transactions',
  'h-relationships',
  'i-permissions',
] as const;

export type Scenario = (typeof SCENARIOS)[number];

/** Reads a scenario's exchanges, ordered by `seq`. */
export function loadScenario(scenario: Scenario): RecordedExchange[] {
  const text = readFileSync(new URL(`./recordings/${scenario}.jsonl`, import.meta.url), 'utf8');
  const exchanges = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parseLossless(line) as RecordedExchange);
  return exchanges.sort((a, b) => a.seq - b.seq);
}
