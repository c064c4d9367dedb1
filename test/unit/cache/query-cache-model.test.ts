import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deferred, flush, makeCache, type Deferred } from './cache-test-kit.js';

// A versioned fake backend: each write that commits bumps its table's version, and a read returns the version
// it observed. The property: no read returns a version older than the one committed by the last write that
// settled (or remote write that was announced) before the read started.

const TABLES = ['products', 'orders'] as const;

type Command =
  | { readonly kind: 'read'; readonly table: number; readonly query: number; readonly scope: number }
  | { readonly kind: 'resolveLoad'; readonly pick: number; readonly observeLatest: boolean }
  | { readonly kind: 'failLoad'; readonly pick: number }
  | { readonly kind: 'beginWrite'; readonly table: number }
  | { readonly kind: 'commitWrite'; readonly pick: number }
  | { readonly kind: 'settleWrite'; readonly pick: number }
  | { readonly kind: 'remoteWrite'; readonly table: number }
  | { readonly kind: 'setUpdatedFalse'; readonly table: number }
  | { readonly kind: 'advanceClock'; readonly ms: number }
  | { readonly kind: 'tick' };

const table = fc.integer({ min: 0, max: TABLES.length - 1 });
const pick = fc.nat({ max: 20 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('read' as const), table, query: fc.nat({ max: 1 }), scope: fc.nat({ max: 1 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('resolveLoad' as const), pick, observeLatest: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('failLoad' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('beginWrite' as const), table }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('commitWrite' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settleWrite' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remoteWrite' as const), table }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('setUpdatedFalse' as const), table }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advanceClock' as const), ms: fc.integer({ min: 1, max: 2_000 }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'tick' as const }) },
);

interface Observed {
  readonly version: number;
}
interface PendingLoad {
  readonly table: string;
  readonly observedAtStart: number;
  readonly gate: Deferred<Observed>;
}
interface PendingWrite {
  readonly table: string;
  readonly settle: () => void;
  committed?: number;
}

function takeAt<T>(list: T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list.splice(index % list.length, 1)[0];
}

async function runScenario(commands: readonly Command[]): Promise<void> {
  const { cache, clock } = makeCache({ ttl: 1_000, maxEntries: 3 });
  const version: Record<string, number> = { products: 0, orders: 0 };
  const settledFloor: Record<string, number> = { products: 0, orders: 0 };
  const loads: PendingLoad[] = [];
  const writes: PendingWrite[] = [];
  const violations: string[] = [];
  const reads: Promise<void>[] = [];

  const startRead = (name: string, query: number, scope: number): void => {
    const floor = settledFloor[name] ?? 0;
    const request = { scope: scope === 0 ? 'key' : 'jwt:u', table: name, operation: 'list', queries: [`{"q":${query}}`] };
    const load = (): Promise<Observed> => {
      const gate = deferred<Observed>();
      loads.push({ table: name, observedAtStart: version[name] ?? 0, gate });
      return gate.promise;
    };
    reads.push(
      cache.read(request, load).then(
        (value) => {
          if (value.version < floor) violations.push(`${name}: read v${value.version} after v${floor} had settled`);
        },
        () => undefined,
      ),
    );
  };

  for (const step of commands) {
    switch (step.kind) {
      case 'read':
        startRead(TABLES[step.table] ?? 'products', step.query, step.scope);
        break;
      case 'resolveLoad': {
        const load = takeAt(loads, step.pick);
        load?.gate.resolve({ version: step.observeLatest ? (version[load.table] ?? 0) : load.observedAtStart });
        break;
      }
      case 'failLoad':
        takeAt(loads, step.pick)?.gate.reject(new Error('503'));
        break;
      case 'beginWrite': {
        const name = TABLES[step.table] ?? 'products';
        writes.push({ table: name, settle: cache.beginWrite(name) });
        break;
      }
      case 'commitWrite': {
        const write = writes.length === 0 ? undefined : writes[step.pick % writes.length];
        if (write !== undefined && write.committed === undefined) write.committed = version[write.table] = (version[write.table] ?? 0) + 1;
        break;
      }
      case 'settleWrite': {
        const write = takeAt(writes, step.pick);
        if (write === undefined) break;
        write.settle();
        if (write.committed !== undefined) settledFloor[write.table] = Math.max(settledFloor[write.table] ?? 0, write.committed);
        break;
      }
      case 'remoteWrite': {
        const name = TABLES[step.table] ?? 'products';
        settledFloor[name] = version[name] = (version[name] ?? 0) + 1;
        cache.invalidate(name, 'remote');
        break;
      }
      case 'setUpdatedFalse':
        cache.setUpdated(TABLES[step.table] ?? 'products', false);
        break;
      case 'advanceClock':
        clock.advance(step.ms);
        break;
      case 'tick':
        await flush();
        break;
    }
  }

  for (const write of writes.splice(0)) {
    write.settle();
    if (write.committed !== undefined) settledFloor[write.table] = Math.max(settledFloor[write.table] ?? 0, write.committed);
  }
  for (const name of TABLES) for (const query of [0, 1]) startRead(name, query, 0);
  // Resolving a load can start no new one, so this drains in at most as many rounds as loads were started.
  for (let round = 0; round < 1_000 && loads.length > 0; round++) {
    for (const load of loads.splice(0)) load.gate.resolve({ version: load.observedAtStart });
    await flush();
  }
  await Promise.all(reads);

  expect(violations).toEqual([]);
  const stats = cache.stats();
  expect(stats.total.entries).toBeLessThanOrEqual(3);
  expect(stats.total.entries).toBe(Object.values(stats.tables).reduce((sum, t) => sum + t.entries, 0));
}

describe('QueryCache against a versioned backend (property)', () => {
  it('never returns a value older than the last write settled before the read started', async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 80 }), runScenario), { numRuns: 400 });
  });

  it('catches the race it guards against (a read overlapping a write)', async () => {
    await runScenario([
      { kind: 'read', table: 0, query: 0, scope: 0 },
      { kind: 'beginWrite', table: 0 },
      { kind: 'commitWrite', pick: 0 },
      { kind: 'settleWrite', pick: 0 },
      { kind: 'resolveLoad', pick: 0, observeLatest: false },
      { kind: 'tick' },
      { kind: 'read', table: 0, query: 0, scope: 0 },
      { kind: 'resolveLoad', pick: 0, observeLatest: false },
    ]);
  });
});
