import { describe, expect, it } from 'vitest';
import { SequenceTracker } from '../../../src/bridge/bridge-sequence.js';

describe('SequenceTracker', () => {
  it('follows each origin separately and reports gaps', () => {
    const tracker = new SequenceTracker();
    expect(tracker.observe('a', 5)).toBe('first');
    expect(tracker.observe('b', 1)).toBe('first');
    expect(tracker.observe('a', 6)).toBe('in-order');
    expect(tracker.observe('b', 2)).toBe('in-order');
    expect(tracker.observe('a', 9)).toBe('gap');
    expect(tracker.observe('a', 10)).toBe('in-order');
  });

  it('takes a lower number as a restart of that instance', () => {
    const tracker = new SequenceTracker();
    tracker.observe('a', 40);
    expect(tracker.observe('a', 1)).toBe('restart');
    expect(tracker.observe('a', 2)).toBe('in-order');
  });

  it('forgets every origin on reset', () => {
    const tracker = new SequenceTracker();
    tracker.observe('a', 1);
    tracker.reset();
    expect(tracker.observe('a', 7)).toBe('first');
  });
});
