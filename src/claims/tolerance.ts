/**
 * How a claimed value is compared with a measured one: exact counts, percentages within half a
 * point, sizes within 1 %, timings against the measured band (median ± MAD).
 * @module
 */
import type { Measurement, Unit } from "../measurement.ts";
import type { Comparator } from "./claim.ts";

/** The outcome of a comparison: the claim holds, fails, or the noise does not allow a verdict. */
export type Judgement = "holds" | "fails" | "inconclusive";

/** A measured value with the spread of its repeated runs (`low` = `high` = `value` without stats). */
export interface Band {
  /** The median (or the single value). */
  value: number;
  low: number;
  high: number;
}

/** Percentage points a percentage may be off (rounding in the claim). */
export const PERCENT_SLACK = 0.5;
/** Relative slack of `~` on a count. */
export const ABOUT_COUNT_SLACK = 0.05;
/** Relative slack of `=`/`~` on a size or ratio. */
export const SIZE_SLACK = 0.01;
/** `=`/`~` on a timing holds when the claimed value lies within the band widened by this much. */
export const TIMING_AGREE = 0.2;
/** `=`/`~` on a timing fails when the claimed value lies beyond this factor of the band. */
export const TIMING_FACTOR = 2;

/** The band of a measurement: median ± MAD when it has stats, else its value alone. */
export function bandOf(measurement: Measurement): Band {
  const stats = measurement.stats;
  if (stats === undefined) {
    return { value: measurement.value, low: measurement.value, high: measurement.value };
  }
  return { value: stats.median, low: stats.median - stats.mad, high: stats.median + stats.mad };
}

/** Absorbs floating-point error (61.7 - 61.2 is 0.5000000000000071). */
const EPSILON = 1e-9;

/** Whether `measured` satisfies "`comparator` `claimed`", giving the claim `slack` either way. */
export function satisfies(
  comparator: Comparator,
  claimed: number,
  measured: number,
  tolerance = 0,
): boolean {
  const slack = tolerance === 0 ? 0 : tolerance + EPSILON;
  switch (comparator) {
    case "=":
    case "~":
      return Math.abs(measured - claimed) <= slack;
    case "<":
      return measured < claimed + slack;
    case "≤":
      return measured <= claimed + slack;
    case ">":
      return measured > claimed - slack;
    case "≥":
      return measured >= claimed - slack;
  }
}

function binary(ok: boolean): Judgement {
  return ok ? "holds" : "fails";
}

/** Counts are exact; `~` allows 5 % of the claimed value. */
export function judgeCount(comparator: Comparator, claimed: number, measured: number): Judgement {
  const slack = comparator === "~" ? ABOUT_COUNT_SLACK * Math.abs(claimed) : 0;
  return binary(satisfies(comparator, claimed, measured, slack));
}

/** Percentages within half a point, except that a claimed 0 % or 100 % is exact. */
export function judgePercent(comparator: Comparator, claimed: number, measured: number): Judgement {
  const slack = claimed === 0 || claimed === 100 ? 0 : PERCENT_SLACK;
  return binary(satisfies(comparator, claimed, measured, slack));
}

/** Sizes (and ratios): `=`/`~` within 1 % of the claimed value, bounds strict. */
export function judgeSize(comparator: Comparator, claimed: number, measured: number): Judgement {
  const slack = comparator === "=" || comparator === "~" ? SIZE_SLACK * Math.abs(claimed) : 0;
  return binary(satisfies(comparator, claimed, measured, slack));
}

/**
 * Timings (and throughputs) against the measured band. A bound holds when the whole band
 * satisfies it, fails when the whole band violates it, else it is inconclusive. `=`/`~` holds when
 * the claimed value lies within the band widened by 20 %, fails when it lies beyond a factor of 2
 * of the band, else it is inconclusive (another machine may explain the difference).
 */
export function judgeTiming(comparator: Comparator, claimed: number, band: Band): Judgement {
  if (comparator === "=" || comparator === "~") {
    if (claimed >= band.low * (1 - TIMING_AGREE) && claimed <= band.high * (1 + TIMING_AGREE)) {
      return "holds";
    }
    if (claimed < band.low / TIMING_FACTOR || claimed > band.high * TIMING_FACTOR) return "fails";
    return "inconclusive";
  }
  const atLow = satisfies(comparator, claimed, band.low);
  const atHigh = satisfies(comparator, claimed, band.high);
  if (atLow && atHigh) return "holds";
  if (!atLow && !atHigh) return "fails";
  return "inconclusive";
}

/** Compare a claimed value with a measurement by the rule of its unit. */
export function judge(
  unit: Unit,
  comparator: Comparator,
  claimed: number,
  measurement: Measurement,
): Judgement {
  switch (unit) {
    case "count":
      return judgeCount(comparator, claimed, measurement.value);
    case "percent":
      return judgePercent(comparator, claimed, measurement.value);
    case "bytes":
    case "ratio":
      return judgeSize(comparator, claimed, measurement.value);
    case "ms":
    case "rps":
      return judgeTiming(comparator, claimed, bandOf(measurement));
  }
}
