import { describe, expect, it } from 'vitest';
import { ALLOWLISTS } from './allowlist/index.js';
import { describeFailures, judge } from './judge.js';
import { SCENARIOS } from './recordings.js';
import { replayOnLocalServer } from './run-scenario.js';

describe('the local server answers the recorded Appwrite 1.9.0 exchanges as Appwrite did', () => {
  it.each(SCENARIOS)('%s', async (scenario) => {
    const verdict = judge(await replayOnLocalServer(scenario), ALLOWLISTS[scenario]);
    for (const entry of verdict.nowPassing) {
      const name = 'seq' in entry ? `seq ${entry.seq}` : `step ${entry.step}`;
      console.info(`${scenario} ${name} now passes: its allowlist entry can go (${entry.reason})`);
    }
    expect(verdict.unknownEntries, `allowlist/${scenario}.ts names exchanges the scenario does not have`).toEqual([]);
    if (verdict.failures.length > 0) expect.fail(describeFailures(scenario, verdict.failures));
  });
});
