import type { BridgeState } from './bridge-stats.js';

/**
 * Every state change the bridge may make, from each state. `idle` becomes `connecting` on `start()`;
 * `connecting` and `reconnecting` become `connected` once the publisher is ready and the channel
 * subscription is active; `connected` falls back to `reconnecting` when either connection drops (before
 * the first `connected` a drop leaves it `connecting`); every listening state becomes `stopped` on
 * `closeListeners()`; any state but `closed` becomes `closed` on `close()` (and `connecting` does when
 * ioredis cannot be loaded). `closed` is final.
 */
export const BRIDGE_TRANSITIONS: { readonly [From in BridgeState]: readonly BridgeState[] } = {
  idle: ['connecting', 'closed'],
  connecting: ['connected', 'stopped', 'closed'],
  connected: ['reconnecting', 'stopped', 'closed'],
  reconnecting: ['connected', 'stopped', 'closed'],
  stopped: ['closed'],
  closed: [],
};

/** One state change of a bridge, as its state listeners see it. */
export interface BridgeStateChange {
  readonly from: BridgeState;
  readonly to: BridgeState;
}

/** A state change the transition table does not allow: a bug in the bridge, never a Redis condition. */
export class BridgeTransitionError extends Error {
  constructor(change: BridgeStateChange) {
    super(`The Redis invalidation bridge cannot go from "${change.from}" to "${change.to}"`);
    this.name = 'BridgeTransitionError';
  }
}

/**
 * Whether `to` may follow `from` (see {@link BRIDGE_TRANSITIONS}).
 *
 * @example
 * ```ts
 * isBridgeTransition('connected', 'reconnecting'); // true
 * isBridgeTransition('closed', 'connecting'); // false
 * ```
 */
export function isBridgeTransition(from: BridgeState, to: BridgeState): boolean {
  return BRIDGE_TRANSITIONS[from].includes(to);
}

/**
 * Holds a bridge's state and changes it only along {@link BRIDGE_TRANSITIONS}: an illegal change throws
 * {@link BridgeTransitionError} and leaves the state as it was. Listeners hear every change, in order.
 *
 * @example
 * ```ts
 * const machine = new BridgeStateMachine();
 * machine.onChange(({ from, to }) => console.log(`${from} -> ${to}`));
 * machine.move('connecting'); // idle -> connecting
 * machine.move('idle'); // throws BridgeTransitionError
 * ```
 */
export class BridgeStateMachine {
  #state: BridgeState = 'idle';
  readonly #listeners = new Set<(change: BridgeStateChange) => void>();

  get state(): BridgeState {
    return this.#state;
  }

  /** Moves to `to` and tells the listeners; returns the change made. Throws on a change the table forbids. */
  move(to: BridgeState): BridgeStateChange {
    const change = { from: this.#state, to };
    if (!isBridgeTransition(change.from, to)) throw new BridgeTransitionError(change);
    this.#state = to;
    for (const listener of [...this.#listeners]) listener(change);
    return change;
  }

  /** Calls `listener` on every change from now on; returns the function that stops it. */
  onChange(listener: (change: BridgeStateChange) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
