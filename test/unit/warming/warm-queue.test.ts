import { describe, expect, it } from 'vitest';
import { ALL_TASKS, WarmQueue, type WarmScope } from '../../../src/warming/warm-queue.js';
import type { WarmReport } from '../../../src/warming/warm-tasks.js';

const report: WarmReport = { ok: true, durationMs: 0, failed: 0, tasks: [] };

describe('WarmQueue', () => {
  it('runs one at a time and merges the requests made during a run into one follow-up', async () => {
    const runs: WarmScope[] = [];
    let release!: () => void;
    const queue = new WarmQueue(async (scope) => {
      runs.push(scope);
      if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return report;
    });
    const first = queue.request({ all: false, tables: new Set(['a']) });
    const second = queue.request({ all: false, tables: new Set(['b']) });
    const third = queue.request({ all: false, tables: new Set(['c']) });
    expect(third).toBe(second);
    expect(runs).toHaveLength(1);
    expect(queue.running).toBe(true);
    release();
    await Promise.all([first, second]);
    expect(runs.map((scope) => [scope.all, [...scope.tables]])).toEqual([[false, ['a']], [false, ['b', 'c']]]);
    expect(queue.running).toBe(false);
  });

  it('close() waits for the run and the promised follow-up, then refuses new runs', async () => {
    let runs = 0;
    let release!: () => void;
    const queue = new WarmQueue(async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      return report;
    });
    void queue.request(ALL_TASKS);
    const followUp = queue.request(ALL_TASKS);
    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    await Promise.resolve();
    expect(closed).toBe(false);
    release();
    await closing;
    await followUp;
    expect(runs).toBe(1);
    await queue.request(ALL_TASKS);
    expect(runs).toBe(1);
  });
});
