import type { AllowedDifference } from './allowlist.js';
import type { ExchangeResult } from './replayer.js';

/** A scenario's replay measured against its allowlist. */
export interface Verdict {
  /** Differences the allowlist does not cover: each fails the test. */
  readonly failures: readonly ExchangeResult[];
  /** Entries whose exchanges all pass now: they can go. */
  readonly nowPassing: readonly AllowedDifference[];
  /** Entries naming no exchange of the scenario. */
  readonly unknownEntries: readonly AllowedDifference[];
  readonly passed: number;
}

/**
 * Sorts a scenario's results by its allowlist. An entry naming one poll covers its whole poll group: which
 * poll of a group is compared depends on how fast the target reaches the recorded state.
 */
export function judge(results: readonly ExchangeResult[], allowlist: readonly AllowedDifference[]): Verdict {
  const groupOf = new Map(results.map((result) => [result.seq, result.group]));
  const covers = (entry: AllowedDifference, result: ExchangeResult): boolean => {
    if (!('seq' in entry)) return entry.step === result.step;
    return entry.seq === result.seq || (result.group !== undefined && groupOf.get(entry.seq) === result.group);
  };
  const allowed = (result: ExchangeResult) => allowlist.some((entry) => covers(entry, result));
  return {
    failures: results.filter((result) => !result.passed && !allowed(result)),
    nowPassing: allowlist.filter((entry) => {
      const covered = results.filter((result) => covers(entry, result));
      return covered.length > 0 && covered.every((result) => result.passed);
    }),
    unknownEntries: allowlist.filter((entry) => !results.some((result) => covers(entry, result))),
    passed: results.filter((result) => result.passed).length,
  };
}

const LINES_PER_EXCHANGE = 12;

/** A readable report of the differences: scenario, seq, step, then expected vs actual per path. */
export function describeFailures(scenario: string, failures: readonly ExchangeResult[]): string {
  const blocks = failures.map((failure) => {
    const lines = failure.differences.slice(0, LINES_PER_EXCHANGE).map((line) => `    ${line}`);
    const more = failure.differences.length - LINES_PER_EXCHANGE;
    if (more > 0) lines.push(`    … ${more} more`);
    return [`  ${scenario} seq ${failure.seq} (${failure.step}):`, ...lines].join('\n');
  });
  return `${failures.length} recorded exchange(s) of ${scenario} answered differently (not in allowlist/${scenario}.ts):\n${blocks.join('\n')}`;
}
