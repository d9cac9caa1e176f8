/**
 * The check contract: what a check declares, what it is given, what it returns.
 * @module
 */
import { z } from "zod";
import { type Evidence, EvidenceSchema } from "./evidence.ts";
import type { Facts } from "./facts.ts";
import { type Finding, FindingSchema } from "./finding.ts";
import { type Measurement, MeasurementSchema } from "./measurement.ts";
import type { ExecOptions, ExecResult } from "./exec/types.ts";
import type { TargetConfig } from "./config.ts";
import { type TestPlan, TestPlanSchema } from "./python/test_plan.ts";

/** What a check is about. */
export const CategorySchema = z.enum([
  "deps",
  "build",
  "tests",
  "coverage",
  "perf",
  "artifacts",
  "docs",
]);
/** What a check is about. */
export type Category = z.infer<typeof CategorySchema>;

/**
 * Outcome of a check: `skip` does not apply, `unverified` could not run here (missing tool,
 * interpreter, network), `error` the probe itself broke.
 */
export const StatusSchema = z.enum(["pass", "fail", "warn", "skip", "unverified", "error"]);
/** Outcome of a check. */
export type Status = z.infer<typeof StatusSchema>;

export { type Finding, FindingSchema };

/** A check's result as it appears in the report. */
export const CheckResultSchema = z.object({
  id: z.string(),
  category: CategorySchema,
  status: StatusSchema,
  summary: z.string(),
  durationMs: z.number().nonnegative(),
  measurements: z.array(MeasurementSchema),
  evidence: z.array(EvidenceSchema),
  findings: z.array(FindingSchema).default([]),
  /** The test plan the check followed (test checks only). */
  plan: TestPlanSchema.optional(),
});
/** A check's result as it appears in the report. */
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** What `Check.run` returns; the scheduler adds id, category, duration and the evidence. */
export interface CheckOutcome {
  status: Status;
  summary: string;
  measurements?: Measurement[];
  findings?: Finding[];
  /** The test plan the check followed (test checks only); written to the report. */
  plan?: TestPlan;
  /** Data handed to the checks that `need` this one; never written to the report. */
  data?: unknown;
}

/** A finished check as its dependants see it. */
export interface DependencyResult {
  result: CheckResult;
  data: unknown;
}

/** Options of one audit that checks may read. */
export interface AuditOptions {
  /** Audit this existing Python environment instead of installing a fresh one. */
  python?: string;
  /** Default timeout of one probe, in ms. */
  timeoutMs: number;
  /**
   * claimcheck's persistent cache root (outside every snapshot), for installs keyed by a
   * lockfile/manifest hash: pip's cache, a DENO_DIR. Create subfolders per purpose.
   */
  cacheDir: string;
}

/** What a check is given: the facts, the one sandboxed way to run target code, its dependencies. */
export interface CheckContext {
  facts: Facts;
  config: TargetConfig;
  options: AuditOptions;
  /** Run a command through the sandboxed executor; every call is recorded as this check's evidence. */
  exec(argv: string[], options?: ExecOptions): Promise<ExecResult>;
  /** The result of a check named in `needs` (undefined if it was not selected). */
  dependency(id: string): DependencyResult | undefined;
  /** A fresh directory inside the audit's temporary area (outside the snapshot). */
  tempDir(prefix: string): Promise<string>;
}

/** A registered unit of the audit. */
export interface Check {
  /** Dotted id, e.g. `tests.deno`. */
  id: string;
  category: Category;
  /** Ids whose results this check reads; it runs after them. */
  needs?: readonly string[];
  /** Whether the check applies to this target. */
  applies(facts: Facts): boolean;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export type { Evidence, Measurement };
