import { describe, expect, it, vi } from 'vitest';
import { warm } from '../../../src/warming/warm-tasks.js';

describe('warm', () => {
  it('runs every task once, at most `concurrency` at a time, reporting in task order', async () => {
    let active = 0;
    let maxActive = 0;
    const task = (name: string) => ({
      name,
      run: async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((resolve) => setImmediate(resolve));
        active -= 1;
      },
    });
    const report = await warm({}, ['a', 'b', 'c', 'd', 'e'].map(task), { concurrency: 2 });
    expect(maxActive).toBe(2);
    expect(report.ok).toBe(true);
    expect(report.tasks.map((result) => result.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const result of report.tasks) expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('isolates a failing task: the others run, the error is in its result and passed to onError', async () => {
    const boom = new Error('boom');
    const onError = vi.fn();
    const other = vi.fn(async () => {});
    const report = await warm({ id: 1 }, [{ name: 'bad', run: () => { throw boom; } }, { name: 'ok', run: other }], { onError });
    expect(report).toMatchObject({ ok: false, failed: 1, tasks: [{ name: 'bad', ok: false, error: boom }, { name: 'ok', ok: true }] });
    expect(other).toHaveBeenCalledWith({ id: 1 });
    expect(onError).toHaveBeenCalledWith(boom, 'bad');
  });

  it('accepts an empty list and refuses a bad concurrency', async () => {
    await expect(warm({}, [])).resolves.toMatchObject({ ok: true, tasks: [] });
    await expect(warm({}, [], { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});
