/**
 * Follows the sequence numbers of every sending instance and reports the messages that were lost
 * in between (a gap), so that the receiver can resynchronise instead of staying stale.
 *
 * @example
 * ```ts
 * const tracker = new SequenceTracker();
 * tracker.observe('web-1', 1); // 'in-order'
 * tracker.observe('web-1', 4); // 'gap'  (2 and 3 were missed)
 * ```
 */
export class SequenceTracker {
  readonly #last = new Map<string, number>();

  /** @param limit How many senders are followed at most (origins come from the channel, so they are bounded). */
  readonly #limit;

  constructor(limit = 1_000) {
    this.#limit = limit;
  }

  /**
   * Records `seq` from `origin`. 'first' for an instance not heard from yet, 'in-order' for the next
   * number, 'gap' when numbers were skipped, 'restart' when it went back (that instance restarted
   * under the same id, its numbering starts over and nothing shows a loss), 'overflow' when a new
   * sender arrived past the limit: every sender was forgotten, so losses can no longer be seen and
   * the receiver must resynchronise as for a gap.
   */
  observe(origin: string, seq: number): 'first' | 'in-order' | 'gap' | 'restart' | 'overflow' {
    const previous = this.#last.get(origin);
    if (previous === undefined && this.#last.size >= this.#limit) {
      this.#last.clear();
      this.#last.set(origin, seq);
      return 'overflow';
    }
    this.#last.set(origin, seq);
    if (previous === undefined) return 'first';
    if (seq === previous + 1) return 'in-order';
    return seq > previous ? 'gap' : 'restart';
  }

  /** Forgets every instance: after a resynchronisation, earlier gaps no longer matter. */
  reset(): void {
    this.#last.clear();
  }
}
