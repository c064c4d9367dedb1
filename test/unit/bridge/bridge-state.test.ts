import { describe, expect, it } from 'vitest';
import { BRIDGE_TRANSITIONS, BridgeStateMachine, BridgeTransitionError, isBridgeTransition, type BridgeStateChange } from '../../../src/bridge/bridge-state.js';
import type { BridgeState } from '../../../src/bridge/bridge-stats.js';
import { RedisBridge, type BridgeCache } from '../../../src/bridge/redis-bridge.js';

const STATES: readonly BridgeState[] = ['idle', 'connecting', 'connected', 'reconnecting', 'stopped', 'closed'];

/** Every allowed change, written out once more by hand: the table must match it exactly. */
const ALLOWED = new Set([
  'idle>connecting', 'idle>closed',
  'connecting>connected', 'connecting>stopped', 'connecting>closed',
  'connected>reconnecting', 'connected>stopped', 'connected>closed',
  'reconnecting>connected', 'reconnecting>stopped', 'reconnecting>closed',
  'stopped>closed',
]);

/** A machine brought to `state` along allowed changes. */
function machineIn(state: BridgeState): BridgeStateMachine {
  const path: Record<BridgeState, readonly BridgeState[]> = {
    idle: [], connecting: ['connecting'], connected: ['connecting', 'connected'], reconnecting: ['connecting', 'connected', 'reconnecting'],
    stopped: ['connecting', 'stopped'], closed: ['closed'],
  };
  const machine = new BridgeStateMachine();
  for (const step of path[state]) machine.move(step);
  expect(machine.state).toBe(state);
  return machine;
}

describe('the bridge state transition table', () => {
  it('covers every state and allows exactly the listed changes', () => {
    expect(Object.keys(BRIDGE_TRANSITIONS).sort()).toEqual([...STATES].sort());
    for (const from of STATES) {
      for (const to of STATES) expect(isBridgeTransition(from, to), `${from} -> ${to}`).toBe(ALLOWED.has(`${from}>${to}`));
    }
  });

  it('has closed as its only final state, reachable from every other state, and no change to the same state', () => {
    for (const state of STATES) {
      expect(isBridgeTransition(state, state)).toBe(false);
      if (state !== 'closed') expect(isBridgeTransition(state, 'closed')).toBe(true);
    }
    expect(BRIDGE_TRANSITIONS.closed).toEqual([]);
    expect(STATES.filter((state) => isBridgeTransition(state, 'idle'))).toEqual([]);
  });

  it('makes every allowed change and throws on every other, leaving the state as it was', () => {
    for (const from of STATES) {
      for (const to of STATES) {
        const machine = machineIn(from);
        if (ALLOWED.has(`${from}>${to}`)) {
          expect(machine.move(to)).toEqual({ from, to });
          expect(machine.state).toBe(to);
        } else {
          expect(() => machine.move(to)).toThrow(BridgeTransitionError);
          expect(() => machine.move(to)).toThrow(`cannot go from "${from}" to "${to}"`);
          expect(machine.state).toBe(from);
        }
      }
    }
  });

  it('tells its listeners every change in order, and not after they stop', () => {
    const machine = new BridgeStateMachine();
    const heard: BridgeStateChange[] = [];
    const stop = machine.onChange((change) => heard.push(change));
    machine.move('connecting');
    machine.move('connected');
    machine.move('reconnecting');
    expect(() => machine.move('idle')).toThrow(BridgeTransitionError);
    machine.move('connected');
    stop();
    machine.move('closed');
    expect(heard).toEqual([
      { from: 'idle', to: 'connecting' }, { from: 'connecting', to: 'connected' }, { from: 'connected', to: 'reconnecting' },
      { from: 'reconnecting', to: 'connected' },
    ]);
  });
});

describe('RedisBridge state changes that need no Redis', () => {
  const cache: BridgeCache = { invalidate: () => undefined, invalidateAll: () => undefined, on: () => undefined, off: () => undefined };
  const options = { cache, redis: 'redis://127.0.0.1:6379', channel: 'c', instanceId: 'i', databaseId: 'd', logger: { warn: () => undefined } };

  it('goes from idle straight to closed on close(), then neither start() nor another close() changes anything', async () => {
    const bridge = new RedisBridge(options);
    const changes: BridgeStateChange[] = [];
    bridge.onStateChange((change) => changes.push(change));
    await bridge.closeListeners();
    expect(bridge.state).toBe('idle');
    await bridge.close();
    await bridge.start();
    await bridge.close();
    await bridge.closeListeners();
    expect(changes).toEqual([{ from: 'idle', to: 'closed' }]);
    expect(bridge.stats()).toMatchObject({ state: 'closed', connections: { publisher: 'wait', subscriber: 'wait' } });
  });
});
