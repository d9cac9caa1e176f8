/**
 * What the check sends the model worker (a JSON argument) and what the worker prints back (one
 * JSON line on stdout), as zod schemas both sides validate.
 * @module
 */
import { z } from "zod";

const InputPlanSchema = z.object({
  name: z.string(),
  dtype: z.string(),
  dims: z.array(z.number().int().nonnegative()),
});

const OutputSpecSchema = z.object({
  name: z.string(),
  dtype: z.string(),
  shape: z.array(z.union([z.number(), z.string(), z.null()])).optional(),
});

/** The worker's task: one model, its inputs per batch size, how many runs. */
export const WorkerRequestSchema = z.object({
  model: z.string(),
  /** Inputs of the timed runs (batch 1). */
  inputs: z.array(InputPlanSchema),
  /** Further batch sizes to try once each, with their inputs (symbolic batch only). */
  batches: z.array(
    z.object({ batch: z.number().int().positive(), inputs: z.array(InputPlanSchema) }),
  ),
  /** Declared outputs, to check the shapes of the first run against. */
  outputs: z.array(OutputSpecSchema),
  /** How many warm-up and timed runs (see `RunPolicy`). */
  policy: z.object({
    warmups: z.number().int().positive(),
    runs: z.number().int().positive(),
    minMs: z.number().nonnegative(),
    maxRuns: z.number().int().positive(),
    budgetMs: z.number().positive(),
  }),
});
/** The worker's task. */
export type WorkerRequest = z.infer<typeof WorkerRequestSchema>;

const OutputSeenSchema = z.object({
  name: z.string(),
  dtype: z.string(),
  dims: z.array(z.number()),
  /** Whether every element is finite (non-numeric outputs count as finite). */
  finite: z.boolean(),
});
/** One output of the first run as the worker saw it. */
export type OutputSeen = z.infer<typeof OutputSeenSchema>;

/** What the worker found: a loaded and timed model, or the stage at which it failed and why. */
export const WorkerReportSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    runtime: z.string(),
    loadMs: z.number().nonnegative(),
    /** Durations of the timed runs, in ms. */
    runsMs: z.array(z.number().nonnegative()).min(1),
    outputs: z.array(OutputSeenSchema),
    batches: z.array(z.object({
      batch: z.number().int(),
      error: z.string().optional(),
      outputs: z.array(OutputSeenSchema),
    })),
    /** Growth of the worker's peak resident memory over its resident memory before loading. */
    peakBytes: z.number().nonnegative(),
  }),
  z.object({
    ok: z.literal(false),
    runtime: z.string(),
    stage: z.enum(["load", "run"]),
    error: z.string(),
  }),
]);
/** What the worker found. */
export type WorkerReport = z.infer<typeof WorkerReportSchema>;

/**
 * The worker's report from its stdout (the last non-empty line). Throws a `TypeError` when there
 * is none or it does not match the schema.
 */
export function parseWorkerReport(stdout: string): WorkerReport {
  const line = stdout.trimEnd().split("\n").pop() ?? "";
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new TypeError("Cannot read the worker's report: its last line is not JSON");
  }
  const parsed = WorkerReportSchema.safeParse(raw);
  if (!parsed.success) {
    throw new TypeError(
      `Cannot read the worker's report: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}
