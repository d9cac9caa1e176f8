/**
 * Summary statistics of repeated timings.
 * @module
 */
import type { Stats } from "./measurement.ts";

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/**
 * Median, 95th percentile, median absolute deviation, min and max of `samples`.
 * Throws a `RangeError` when there are no samples.
 *
 * @example
 * ```ts
 * import { summarize } from "./stats.ts";
 * summarize([3, 1, 2]).median; // 2
 * ```
 */
export function summarize(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new RangeError("Cannot summarize timings: no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const deviations = sorted.map((s) => Math.abs(s - median)).sort((a, b) => a - b);
  return {
    median,
    p95: quantile(sorted, 0.95),
    mad: quantile(deviations, 0.5),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    runs: sorted.length,
  };
}
