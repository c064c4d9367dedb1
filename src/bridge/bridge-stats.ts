/**
 * Where the bridge stands: `idle` before `start()`, `connecting` until both connections are first up,
 * `connected` while both are up and subscribed, `reconnecting` after a loss (ioredis retries in the
 * background), `stopped` after `closeListeners()` (connections still open), `closed` after `close()`.
 * The bridge moves between them only along `BRIDGE_TRANSITIONS` (`bridge-state.ts`).
 */
export type BridgeState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'stopped' | 'closed';

/** Counters of one bridge since it was created. */
export interface BridgeCounters {
  /** Messages sent to the channel (Redis acknowledged the PUBLISH). */
  published: number;
  /** Messages that arrived on the channel, valid or not, own or not. */
  received: number;
  /** Valid messages applied to the local cache. */
  applied: number;
  /** Messages this instance sent itself, ignored on receipt. */
  ignoredOwn: number;
  /** Messages for another database on the same channel, ignored. */
  ignoredForeign: number;
  /** Messages naming a table this instance did not declare, ignored (they create no state). */
  ignoredUnknown: number;
  /** Payloads that were not a valid message: counted, logged once, dropped. */
  malformed: number;
  /** Full invalidations after a reconnect or a gap in an instance's sequence numbers. */
  resyncs: number;
  /** Announcements that could not be published at once (connection down or PUBLISH failed); they wait in `pending`. */
  publishFailures: number;
}

/** A snapshot of a bridge's counters and connection state. */
export interface BridgeStats extends Readonly<BridgeCounters> {
  /** Tables waiting to be announced after the publisher reconnects (1 once collapsed into "all tables"). */
  readonly pending: number;
  readonly state: BridgeState;
  /** The ioredis status of each connection ('ready', 'reconnecting', 'end', ...). */
  readonly connections: { readonly publisher: string; readonly subscriber: string };
}

/** Fresh zeroed counters. */
export function createBridgeCounters(): BridgeCounters {
  return { published: 0, received: 0, applied: 0, ignoredOwn: 0, ignoredForeign: 0, ignoredUnknown: 0, malformed: 0, resyncs: 0, publishFailures: 0 };
}
