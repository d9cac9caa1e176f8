/**
 * How a model is timed: warm-up runs, then timed runs, each phase lasting at least a number of
 * runs and a minimum time (so that a model that runs in microseconds is sampled long enough),
 * bounded by a maximum number of runs and a time budget.
 * @module
 */

/** How many runs to make. */
export interface RunPolicy {
  /** Warm-up runs at least (the first run, whose outputs are checked, included). */
  warmups: number;
  /** Timed runs at least. */
  runs: number;
  /** Each phase lasts at least this long (unless it reaches `maxRuns`). */
  minMs: number;
  /** Runs per phase at most. */
  maxRuns: number;
  /** A phase stops after this long (timed runs: once at least 3 were made). */
  budgetMs: number;
}

/** The check's policy: 5 warm-ups and 30 timed runs, each phase ≥ 100 ms, ≤ 1000 runs. */
export const RUN_POLICY: Omit<RunPolicy, "budgetMs"> = {
  warmups: 5,
  runs: 30,
  minMs: 100,
  maxRuns: 1000,
};

/** Warm up with `run` (already run once), then time it; returns the timed durations in ms. */
export async function timeRuns(
  run: () => Promise<unknown>,
  policy: RunPolicy,
): Promise<number[]> {
  const warm = performance.now();
  for (let i = 1; i < policy.maxRuns; i++) {
    const elapsed = performance.now() - warm;
    if ((i >= policy.warmups && elapsed >= policy.minMs) || elapsed > policy.budgetMs) break;
    await run();
  }
  const runsMs: number[] = [];
  const timing = performance.now();
  while (runsMs.length < policy.maxRuns) {
    const elapsed = performance.now() - timing;
    if (runsMs.length >= policy.runs && elapsed >= policy.minMs) break;
    if (runsMs.length >= 3 && elapsed > policy.budgetMs) break;
    const t0 = performance.now();
    await run();
    runsMs.push(performance.now() - t0);
  }
  return runsMs;
}
