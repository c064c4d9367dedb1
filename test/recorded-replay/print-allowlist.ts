/**
 * Prints an allowlist file listing every exchange of a scenario that the local server answers differently:
 * `npx tsx test/recorded-replay/print-allowlist.ts a-tables > test/recorded-replay/allowlist/a-tables.ts`.
 */
import { SCENARIOS, type Scenario } from './recordings.js';
import { replayOnLocalServer } from './run-scenario.js';

const scenario = process.argv[2] as Scenario;
if (!SCENARIOS.includes(scenario)) throw new Error(`usage: print-allowlist.ts <${SCENARIOS.join('|')}>`);
const results = await replayOnLocalServer(scenario);
const lines = results
  .filter((result) => !result.passed)
  .map((result) => `  { seq: ${result.seq}, reason: ${JSON.stringify(`not yet implemented: ${result.step}`)} }, // ${result.differences[0] ?? ''}`.slice(0, 400));
process.stdout.write(
  `import type { AllowedDifference } from '../allowlist.js';\n\n/** Exchanges of ${scenario} the local server may still answer differently, each with why. */\nexport const allowlist: readonly AllowedDifference[] = [\n${lines.join('\n')}\n];\n`,
);
