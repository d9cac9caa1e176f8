/**
 * Measurements: typed values with a metric key and a unit, produced by checks.
 * @module
 */
import { z } from "zod";

/** The only units a measurement may carry. */
export const UnitSchema = z.enum(["count", "percent", "ms", "bytes", "rps", "ratio"]);
/** The only units a measurement may carry. */
export type Unit = z.infer<typeof UnitSchema>;

/** Spread of repeated timings, in the measurement's unit. */
export const StatsSchema = z.object({
  median: z.number(),
  p95: z.number(),
  mad: z.number(),
  min: z.number(),
  max: z.number(),
  runs: z.number().int().positive(),
});
/** Spread of repeated timings. */
export type Stats = z.infer<typeof StatsSchema>;

/** A measured value, e.g. `tests.passed = 12 count` or `coverage.lines = 83.4 percent`. */
export const MeasurementSchema = z.object({
  metric: z.string().min(1),
  value: z.number(),
  unit: UnitSchema,
  stats: StatsSchema.optional(),
  /** Index into the owning check's `evidence[]` of the probe this value came from. */
  evidence: z.number().int().nonnegative().optional(),
  /**
   * `committed`: a number read from an artefact the repository ships (a load-test CSV, a coverage
   * XML), not measured here; it can contradict a claim, never verify it. Absent: measured.
   */
  source: z.enum(["measured", "committed"]).optional(),
});
/** A measured value. */
export type Measurement = z.infer<typeof MeasurementSchema>;

/** One `count` measurement per metric of `counts`, all pointing at the evidence at `evidence`. */
export function countMeasurements(counts: Record<string, number>, evidence: number): Measurement[] {
  return Object.entries(counts).map(([metric, value]) => ({
    metric,
    value,
    unit: "count",
    evidence,
  }));
}
