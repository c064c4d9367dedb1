import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../src/testing/index.js';
import { judge } from './judge.js';
import { parseLossless } from './lossless-json.js';
import { normalise } from './normalise.js';
import type { RecordedExchange } from './recordings.js';
import { ScenarioReplayer } from './replayer.js';

const headers = { 'x-appwrite-key': '<key>', 'x-appwrite-project': 'recorded-project', 'content-type': 'application/json' };

function exchange(seq: number, method: string, path: string, body: unknown, status: number, answer: unknown): RecordedExchange {
  return { seq, scenario: 'self-test', step: `step-${seq}`, request: { method, path, query: {}, headers, body }, response: { status, body: answer } };
}

describe('the replayer', () => {
  let emu: AppwriteEmulator;
  beforeAll(async () => {
    emu = await startAppwriteEmulator({ columnDelayMs: 2, requestLogLimit: 0 });
  });
  afterAll(() => emu.close());

  it('passes a matching answer and reports a different one path by path', async () => {
    const recorded = { $id: 'db1', name: 'One', $createdAt: '2026-01-01T00:00:00.000+00:00', $updatedAt: '2026-01-01T00:00:00.000+00:00', enabled: true, type: 'tablesdb' };
    const results = await new ScenarioReplayer(emu, { pollTimeoutMs: 1_000, pollIntervalMs: 2 }).replay([
      exchange(1, 'POST', '/tablesdb', { databaseId: 'db1', name: 'One' }, 201, recorded),
      exchange(2, 'GET', '/tablesdb/db1', null, 200, { ...recorded, name: 'Two' }),
    ]);
    expect(results.map((result) => result.passed)).toEqual([true, false]);
    expect(results[1]?.differences).toEqual(['body.name: expected "Two", actual "One"']);
    expect(judge(results, []).failures.map((result) => result.seq)).toEqual([2]);
    expect(judge(results, [{ seq: 2, reason: 'test' }]).failures).toEqual([]);
    expect(judge(results, [{ seq: 1, reason: 'test' }]).nowPassing).toEqual([{ seq: 1, reason: 'test' }]);
  });

  it('normalises only the listed volatile fields and keeps integers exact', () => {
    const body = parseLossless('{"$sequence":"12","$createdAt":"2026-01-01T00:00:00.000+00:00","at":"2026-01-01T00:00:00.000+00:00","n":9223372036854775807,"index":{"$id":"65_1_i_s","key":"i_s"}}');
    expect(normalise(body)).toEqual({ $sequence: '<sequence>', $createdAt: '<datetime>', at: '2026-01-01T00:00:00.000+00:00', n: 9223372036854775807n, index: { $id: '<seq>_<seq>_i_s', key: 'i_s' } });
    expect(normalise({ $createdAt: '2026-01-01T00:00:00Z', $sequence: 12 })).toEqual({ $createdAt: '2026-01-01T00:00:00Z', $sequence: 12 });
  });
});
