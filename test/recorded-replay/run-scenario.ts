import { startAppwriteEmulator } from '../../src/testing/index.js';
import { loadScenario, type Scenario } from './recordings.js';
import { ScenarioReplayer, type ExchangeResult } from './replayer.js';

/** Replays a scenario against a fresh local server (columns and indexes `available` after 2 ms). */
export async function replayOnLocalServer(scenario: Scenario): Promise<ExchangeResult[]> {
  const emu = await startAppwriteEmulator({ columnDelayMs: 2, requestLogLimit: 0 });
  try {
    const replayer = new ScenarioReplayer(emu, { pollTimeoutMs: 5_000, pollIntervalMs: 2 });
    return await replayer.replay(loadScenario(scenario));
  } finally {
    await emu.close();
  }
}
