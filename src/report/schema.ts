/**
 * The JSON report: the contract every renderer, the Action and scripts read (schemaVersion "1").
 * @module
 */
import { z } from "zod";
import { CheckResultSchema, StatusSchema } from "../check.ts";
import { VerifiedClaimSchema } from "../claims/claim.ts";

/** The readiness level, 0 (None) to 5 (Honest), with what blocks the next one. */
export const LevelSchema = z.object({
  value: z.number().int().min(0).max(5),
  name: z.enum(["None", "Installs", "Builds", "Tested", "Measured", "Honest"]),
  blockers: z.array(z.string()),
});
/** The readiness level. */
export type Level = z.infer<typeof LevelSchema>;

/** What was audited and in which state. */
export const TargetSchema = z.object({
  /** TARGET as given on the command line. */
  input: z.string(),
  /** The resolved local path (for a git URL: the URL and ref). */
  path: z.string(),
  ref: z.string().nullable().default(null),
  commit: z.string().nullable(),
  dirty: z.boolean(),
  /** sha256 over every snapshot file's path and content hash. */
  treeHash: z.string(),
  /** What was read only in part or left out (special files, symlink loops, capped documents), one line each. */
  notes: z.array(z.string()).optional(),
});
/** What was audited. */
export type Target = z.infer<typeof TargetSchema>;

const statusCounts = z.object(
  Object.fromEntries(
    StatusSchema.options.map((s) => [s, z.number().int().nonnegative()]),
  ) as Record<
    z.infer<typeof StatusSchema>,
    z.ZodNumber
  >,
);

/** The claimcheck JSON report. */
export const ReportSchema = z.object({
  schemaVersion: z.literal("1"),
  tool: z.object({ name: z.literal("claimcheck"), version: z.string() }),
  createdAt: z.string(),
  target: TargetSchema,
  environment: z.object({
    os: z.string(),
    arch: z.string(),
    deno: z.string(),
    python: z.string().optional(),
    node: z.string().optional(),
    git: z.string().optional(),
    /** The isolation the executor had here (`unshare` or `none`) and whether the network was off. */
    isolation: z.string(),
    /** sha256 of each lockfile found in the target, by relative path. */
    lockfiles: z.record(z.string(), z.string()),
  }).catchall(z.string().or(z.record(z.string(), z.string()))),
  /** The options the audit ran with (argv-level facts for a rerun). */
  config: z.record(z.string(), z.unknown()),
  level: LevelSchema,
  checks: z.array(CheckResultSchema),
  claims: z.array(VerifiedClaimSchema),
  summary: z.object({
    verified: z.number().int().nonnegative(),
    contradicted: z.number().int().nonnegative(),
    unverified: z.number().int().nonnegative(),
    checks: statusCounts,
  }),
});
/** The claimcheck JSON report. */
export type Report = z.infer<typeof ReportSchema>;
