import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CacheEvents } from '../../../src/cache/cache-events.js';
import { createWarmer, type Warmer } from '../../../src/warming/cache-warmer.js';
import type { WarmTask } from '../../../src/warming/warm-tasks.js';

interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}
function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** A database stand-in: the warmer only passes it to the tasks and listens to its cache events. */
function fakeDb() {
  const cache = new CacheEvents();
  return { cache, on: cache.on.bind(cache), off: cache.off.bind(cache) };
}
type FakeDb = ReturnType<typeof fakeDb>;

describe('createWarmer', () => {
  let warmer: Warmer | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    const running = warmer?.stop();
    warmer = undefined;
    await vi.runOnlyPendingTimersAsync();
    await running;
    vi.useRealTimers();
  });

  it('runs at start, then `every` ms after each run ends', async () => {
    const run = vi.fn(async () => {});
    warmer = createWarmer(fakeDb(), { every: 1_000, tasks: [{ name: 'a', run }] });
    const first = await warmer.ready;
    expect(first).toMatchObject({ ok: true, failed: 0, tasks: [{ name: 'a', ok: true }] });
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(run).toHaveBeenCalledTimes(5);
    expect(warmer.stats()).toMatchObject({ runs: 5, taskRuns: 5, taskErrors: 0 });
  });

  it('never overlaps itself: a slow run delays the next, and run() during a run waits for it', async () => {
    let active = 0;
    let maxActive = 0;
    let release = gate();
    const run = vi.fn(async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await release.promise;
      active -= 1;
    });
    warmer = createWarmer(fakeDb(), { every: 100, tasks: [{ name: 'slow', run }] });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
    const manual = warmer.run();
    const manualAgain = warmer.run();
    expect(manualAgain).toBe(manual);
    expect(warmer.stats().running).toBe(true);
    release.open();
    release = gate();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    release.open();
    await manual;
    expect(maxActive).toBe(1);
  });

  it('survives failing tasks: counts them, reports them to onError, keeps the other tasks and the schedule', async () => {
    const onError = vi.fn();
    const good = vi.fn(async () => {});
    const boom = new Error('Appwrite is down');
    warmer = createWarmer(fakeDb(), {
      every: 1_000,
      onError,
      tasks: [{ name: 'bad', run: () => Promise.reject(boom) }, { name: 'good', run: good }],
    });
    const report = await warmer.ready;
    expect(report).toMatchObject({ ok: false, failed: 1, tasks: [{ name: 'bad', ok: false, error: boom }, { name: 'good', ok: true }] });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(good).toHaveBeenCalledTimes(3);
    expect(onError).toHaveBeenCalledTimes(3);
    expect(onError).toHaveBeenCalledWith(boom, 'bad');
    expect(warmer.stats()).toMatchObject({ runs: 3, taskRuns: 6, taskErrors: 3 });
  });

  it('keeps running when onError itself throws', async () => {
    warmer = createWarmer(fakeDb(), {
      every: 1_000,
      onError: () => { throw new Error('logger broke'); },
      tasks: [{ name: 'bad', run: () => Promise.reject(new Error('x')) }],
    });
    await expect(warmer.ready).resolves.toMatchObject({ failed: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(warmer.stats().runs).toBe(2);
  });

  it('stop() waits for the run in progress and nothing runs afterwards', async () => {
    const release = gate();
    const run = vi.fn(() => release.promise);
    warmer = createWarmer(fakeDb(), { every: 100, tasks: [{ name: 'slow', run }] });
    let stopped = false;
    const stopping = warmer.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(warmer.stats()).toMatchObject({ stopped: true, running: false });
    await expect(warmer.run()).resolves.toMatchObject({ tasks: [{ name: 'slow' }] });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('refreshAfterInvalidate re-warms the invalidated table once, after a burst, and only its tasks', async () => {
    const db = fakeDb();
    const products = vi.fn(async () => {});
    const orders = vi.fn(async () => {});
    const tasks: WarmTask<FakeDb>[] = [
      { name: 'products', tables: ['products'], run: products },
      { name: 'orders', tables: ['orders'], run: orders },
    ];
    warmer = createWarmer(db, { every: 60_000, refreshAfterInvalidate: 200, tasks });
    await warmer.ready;
    for (let i = 0; i < 3; i += 1) {
      db.cache.emit('invalidate', { table: 'products', origin: 'local' });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(products).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(products).toHaveBeenCalledTimes(2);
    expect(orders).toHaveBeenCalledTimes(1);
    expect(warmer.stats()).toMatchObject({ runs: 2, refreshRuns: 1 });
    db.cache.emit('invalidate', { table: 'customers', origin: 'webhook' });
    await vi.advanceTimersByTimeAsync(200);
    expect(warmer.stats()).toMatchObject({ runs: 2 });
  });

  it('a refresh for every table ("*") re-warms all tasks; stop() removes the listener', async () => {
    const db = fakeDb();
    const products = vi.fn(async () => {});
    warmer = createWarmer(db, { every: 60_000, refreshAfterInvalidate: true, tasks: [{ name: 'p', tables: ['products'], run: products }] });
    await warmer.ready;
    db.cache.emit('invalidate', { table: '*', origin: 'resync' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(products).toHaveBeenCalledTimes(2);
    await warmer.stop();
    db.cache.emit('invalidate', { table: 'products', origin: 'local' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(products).toHaveBeenCalledTimes(2);
  });

  it('jitter adds up to that many ms to each interval', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const run = vi.fn(async () => {});
    warmer = createWarmer(fakeDb(), { every: 1_000, jitter: 400, tasks: [{ name: 'a', run }] });
    await warmer.ready;
    await vi.advanceTimersByTimeAsync(1_199);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('rejects bad options before starting', () => {
    const run = async () => {};
    expect(() => createWarmer(fakeDb(), { every: 0, tasks: [{ name: 'a', run }] })).toThrow(/every/);
    expect(() => createWarmer(fakeDb(), { every: 10, jitter: -1, tasks: [{ name: 'a', run }] })).toThrow(/jitter/);
    expect(() => createWarmer(fakeDb(), { every: 10, tasks: [{ name: 'a', run }, { name: 'a', run }] })).toThrow(/two tasks/);
    expect(() => createWarmer({}, { every: 10, refreshAfterInvalidate: true, tasks: [] })).toThrow(/cache/);
  });
});

describe('createWarmer timers', () => {
  it('never keep the process alive: the periodic and refresh timers are unref\'d', async () => {
    const refTimers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const before = refTimers();
    const db = fakeDb();
    const warmer = createWarmer(db, { every: 60_000, refreshAfterInvalidate: 60_000, tasks: [{ name: 'a', tables: ['t'], run: async () => {} }] });
    await warmer.ready;
    db.cache.emit('invalidate', { table: 't', origin: 'local' });
    expect(refTimers()).toBe(before);
    await warmer.stop();
  });
});
