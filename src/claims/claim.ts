/**
 * Claims a target makes about itself, and the verdicts given to them.
 * @module
 */
import { z } from "zod";
import { UnitSchema } from "../measurement.ts";

/** What a claim is about. */
export const ClaimKindSchema = z.enum([
  "tests",
  "coverage",
  "timing",
  "size",
  "throughput",
  /** Rates that are neither test pass rates nor coverage (cache hit rates). */
  "rate",
  "repo",
  "exists",
  "absence",
  /** Counted problems of a family: lint, type-check or security issues, warnings, errors. */
  "problems",
  /** Build and packaging: "`python -m build` succeeds", "entry points configured". */
  "build",
  "status",
  "model",
]);
/** What a claim is about. */
export type ClaimKind = z.infer<typeof ClaimKindSchema>;

/** How a claimed value relates to the truth. */
export const ComparatorSchema = z.enum(["=", "<", "≤", ">", "≥", "~"]);
/** How a claimed value relates to the truth. */
export type Comparator = z.infer<typeof ComparatorSchema>;

/** A statement a target makes about itself, found at a file and line. */
export const ClaimSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  /** The exact text of the sentence, list item, table row or output line the claim was read from. */
  text: z.string(),
  kind: ClaimKindSchema,
  metric: z.string().optional(),
  comparator: ComparatorSchema.optional(),
  value: z.number().optional(),
  unit: UnitSchema.optional(),
  /**
   * For `exists` claims: the named file, module or command; for `absence`: what is said to be
   * absent; for `tests`: the part of the suite counted (a path, or a kind: `security tests`).
   */
  subject: z.string().optional(),
  /**
   * A quality the sentence gives what it names or counts ("interactive", "working", "all
   * dependencies declared"): judged by the check that measures it, never by existence alone.
   */
  quality: z.string().optional(),
});
/** A statement a target makes about itself. */
export type Claim = z.infer<typeof ClaimSchema>;

/** The verdict given to a claim. */
export const VerdictSchema = z.enum(["verified", "contradicted", "unverified"]);
/** The verdict given to a claim. */
export type Verdict = z.infer<typeof VerdictSchema>;

/** A claim with its verdict, as it appears in the report. */
export const VerifiedClaimSchema = ClaimSchema.extend({
  verdict: VerdictSchema,
  /** One line: why this verdict ("claimed 707 passed; measured 0 collected: …"). */
  reason: z.string(),
  /** What was measured, in the claim's unit, when anything was. */
  measured: z.object({
    metric: z.string(),
    value: z.number(),
    unit: UnitSchema,
    check: z.string(),
  }).optional(),
});
/** A claim with its verdict. */
export type VerifiedClaim = z.infer<typeof VerifiedClaimSchema>;
