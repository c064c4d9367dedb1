import { setTimeout as delay } from 'node:timers/promises';
import { diffJson } from './diff.js';
import { parseLossless, stringifyLossless } from './lossless-json.js';
import { Bindings, normalise } from './normalise.js';
import type { RecordedExchange } from './recordings.js';

/** The server a scenario is replayed against. */
export interface ReplayTarget {
  readonly endpoint: string;
  readonly projectId: string;
  readonly apiKey: string;
  createJwt(userId: string, options: { email?: string }): string;
  /** Stands in for the recording's real pauses (`pauseBeforeMs`). */
  advanceClock(ms: number): void;
}

export interface ReplayOptions {
  /** How long a poll group may wait for the target to reach a recorded state. */
  readonly pollTimeoutMs: number;
  /** Pause between two polls of a resource still in a transitional state. */
  readonly pollIntervalMs: number;
}

/** How one recorded exchange went. */
export interface ExchangeResult {
  readonly seq: number;
  readonly step: string;
  readonly passed: boolean;
  /** Status and body differences, one line each (empty when passed). */
  readonly differences: readonly string[];
  /** The poll group of a status poll. */
  readonly group?: string;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const TRANSITIONAL = new Set(['processing', 'deleting']);

/** The least time between two exchanges, as on the recorded server (each exchange took milliseconds). */
const MIN_GAP_MS = 1;

function stateOf(answer: Answer): string {
  if (answer.status >= 400) return `http:${answer.status}`;
  const status = (answer.body as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status : `http:${answer.status}`;
}

/** Replays one scenario's exchanges in order and reports each (polls as the recordings' notes describe). */
export class ScenarioReplayer {
  readonly #target: ReplayTarget;
  readonly #options: ReplayOptions;
  readonly #bindings = new Bindings();
  readonly #jwts = new Map<string, string>();
  readonly #results: ExchangeResult[] = [];

  constructor(target: ReplayTarget, options: ReplayOptions) {
    this.#target = target;
    this.#options = options;
  }

  async replay(exchanges: readonly RecordedExchange[]): Promise<ExchangeResult[]> {
    for (let i = 0; i < exchanges.length; ) {
      const first = exchanges[i] as RecordedExchange;
      let end = i + 1;
      const group = first.poll?.group;
      while (group !== undefined && end < exchanges.length && exchanges[end]?.poll?.group === group) end += 1;
      if (group === undefined) await this.#single(first);
      else await this.#pollGroup(exchanges.slice(i, end));
      i = end;
    }
    return this.#results;
  }

  async #single(exchange: RecordedExchange): Promise<void> {
    // The recorded server answered each exchange at a later millisecond than the one before; requests sent
    // back to back here can share one, which would make a `$updatedAt` marker equal its neighbours' times.
    this.#target.advanceClock(Math.max(exchange.pauseBeforeMs ?? 0, MIN_GAP_MS));
    this.#compare(exchange, await this.#send(exchange));
  }

  /** Re-sends a poll until the target reaches the recorded state or a later one of the group, then compares. */
  async #pollGroup(group: readonly RecordedExchange[]): Promise<void> {
    const deadline = Date.now() + this.#options.pollTimeoutMs;
    let cursor = 0;
    while (cursor < group.length) {
      const answer = await this.#send(group[cursor] as RecordedExchange);
      const state = stateOf(answer);
      const reached = group.findIndex((exchange, index) => index >= cursor && stateOf(exchange.response) === state);
      if (reached >= 0) {
        // Polls of states the target went past pass without comparison.
        for (const skipped of group.slice(cursor, reached)) {
          this.#results.push({ seq: skipped.seq, step: skipped.step, passed: true, differences: [], group: skipped.poll?.group });
        }
        this.#compare(group[reached] as RecordedExchange, answer);
        cursor = reached + 1;
      } else if (TRANSITIONAL.has(state) && Date.now() < deadline) {
        await delay(this.#options.pollIntervalMs);
      } else {
        this.#compare(group[cursor] as RecordedExchange, answer);
        cursor += 1;
      }
    }
  }

  #compare(exchange: RecordedExchange, answer: Answer): void {
    const recorded = exchange.response;
    this.#bindings.learn(stringifyLossless(exchange.request), recorded.body, answer.body);
    const differences: string[] = [];
    if (recorded.status !== answer.status) differences.push(`status: expected ${recorded.status}, actual ${answer.status}`);
    if (exchange.compare !== 'status') diffJson(normalise(this.#bindings.apply(recorded.body)), normalise(answer.body), 'body', differences);
    this.#results.push({ seq: exchange.seq, step: exchange.step, passed: differences.length === 0, differences, group: exchange.poll?.group });
  }

  async #send(exchange: RecordedExchange): Promise<Answer> {
    const request = this.#bindings.apply(exchange.request);
    const url = new URL(`${this.#target.endpoint}${request.path}`);
    for (const [name, value] of Object.entries(request.query)) {
      if (typeof value === 'string') url.searchParams.append(name, value);
      else value.forEach((item, index) => url.searchParams.append(`${name}[${index}]`, item));
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name] = this.#header(name, value, exchange);
    const body = request.method === 'GET' || request.body === null ? undefined : stringifyLossless(request.body);
    const response = await fetch(url, { method: request.method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : parseText(text) };
  }

  #header(name: string, value: string, exchange: RecordedExchange): string {
    if (name === 'x-appwrite-project') return this.#target.projectId;
    if (value === '<key>') return this.#target.apiKey;
    if (value !== '<jwt>') return value;
    const user = exchange.jwtUser;
    if (user === undefined) throw new Error(`seq ${exchange.seq} sends <jwt> without a jwtUser`);
    let jwt = this.#jwts.get(user.id);
    if (jwt === undefined) {
      jwt = this.#target.createJwt(user.id, user.email === undefined ? {} : { email: user.email });
      this.#jwts.set(user.id, jwt);
    }
    return jwt;
  }
}

function parseText(text: string): unknown {
  try {
    return parseLossless(text);
  } catch {
    return `(not JSON) ${text}`;
  }
}
