/**
 * claimcheck — a readiness auditor: real probes against a target repository, the target's own
 * claims matched to what was measured, and a report in which every verdict carries its evidence.
 *
 * @example
 * ```ts ignore
 * import { audit, renderMarkdown } from "./mod.ts";
 * const report = await audit({ target: "fixtures/deno_ok" });
 * console.log(report.level.name, renderMarkdown(report));
 * ```
 * @module
 */
export { audit, type AuditRequest } from "./src/audit.ts";
export { checks } from "./checks/mod.ts";
export type {
  AuditOptions,
  Category,
  Check,
  CheckContext,
  CheckOutcome,
  CheckResult,
  Finding,
  Status,
} from "./src/check.ts";
export { CategorySchema, CheckResultSchema, FindingSchema, StatusSchema } from "./src/check.ts";
export { type Evidence, EvidenceSchema } from "./src/evidence.ts";
export { type Measurement, MeasurementSchema, type Unit, UnitSchema } from "./src/measurement.ts";
export type { Facts } from "./src/facts.ts";
export {
  type Claim,
  ClaimSchema,
  type VerifiedClaim,
  VerifiedClaimSchema,
} from "./src/claims/claim.ts";
export { extractClaims } from "./src/claims/extract.ts";
export { verifyClaims } from "./src/claims/verify.ts";
export { type Level, type Report, ReportSchema } from "./src/report/schema.ts";
export { renderMarkdown } from "./src/report/markdown.ts";
export { render, writeReports } from "./src/report/write.ts";
export { readReport } from "./src/report/read.ts";
export { githubAnnotations } from "./src/report/github.ts";
export { type TargetConfig, TargetConfigSchema } from "./src/config.ts";
