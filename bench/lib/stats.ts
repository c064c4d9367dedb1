/**
 * Statistics and output shared by the benchmarks: medians, percentiles, shuffled rounds of timed samples,
 * and markdown tables.
 */

/** The median of `values` (the mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The nearest-rank `p`th percentile of `values` (p in 0..100); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** One contender of a rotated comparison: `run` performs one timed sample and returns its figure. */
export interface Contender {
  readonly name: string;
  run(): Promise<number>;
}

/** How many rounds to run; warm-up rounds run every contender but keep nothing. */
export interface RoundOptions {
  readonly warmupRounds: number;
  readonly rounds: number;
}

/** A small seeded generator (mulberry32), so that a run's order of contenders can be repeated. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Runs every contender once per round, in a new random order each round, and returns the samples of the
 * measured rounds by contender name (in round order). Shuffling, rather than rotating, keeps any one
 * contender from always following the same other one (whose garbage or warm connection it would inherit)
 * and a slow moment of the machine from always landing on the same one.
 */
export async function shuffledRounds(contenders: readonly Contender[], options: RoundOptions): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(contenders.map((contender) => [contender.name, []]));
  const random = seededRandom(0x5eed);
  const order = [...contenders];
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as Contender, order[i] as Contender];
    }
    for (const contender of order) {
      const figure = await contender.run();
      if (round >= options.warmupRounds) samples.get(contender.name)?.push(figure);
    }
  }
  return samples;
}

/** Times `iterations` awaited calls of `op`, one after the other; returns ns per call. */
export type AwaitedLoop = (op: () => unknown, iterations: number) => Promise<number>;

/**
 * A timing loop of its own for one contender. Compiled from source for each `label`, so that every contender
 * gets its own copy of the loop with its own type feedback: one shared loop would call eight different
 * functions from one call site, turn megamorphic and add the same few hundred nanoseconds to every contender.
 */
export function awaitedLoop(label: string): AwaitedLoop {
  const source = `// ${JSON.stringify(label)}
    return async function awaitedLoop(op, iterations) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) await op();
      return Number(process.hrtime.bigint() - start) / iterations;
    };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a per-contender copy of the loop, see above
  return new Function('process', source)(process) as AwaitedLoop;
}

/** The number of calls of `op` that take about `targetMs` (at least 100) in `loop`, measured after a short warm-up. */
export async function calibrate(loop: AwaitedLoop, op: () => unknown, targetMs: number): Promise<number> {
  let iterations = 100;
  for (;;) {
    const ns = await loop(op, iterations);
    if (ns * iterations >= 5_000_000 || iterations >= 10_000_000) return Math.max(100, Math.round((targetMs * 1e6) / ns));
    iterations *= 4;
  }
}

/** A markdown table: the header row, the alignment row (text left, figures right), then the rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const align = header.map((_, index) => (index === 0 ? '---' : '---:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Formats a duration in nanoseconds with a unit that keeps three significant digits readable. */
export function formatNs(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  return `${(ns / 1_000_000).toFixed(2)} ms`;
}

/** Formats a ratio as `1.23x`. */
export function formatRatio(ratio: number): string {
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}x`;
}
