/**
 * Which evidence may decide a verdict: a measurement of a check that could not run properly
 * (`unverified`, `error`) is claimcheck's own inability, so it never decides a claim; and a
 * claim whose producing checks were left out with `--only` (or cut short when the audit was
 * stopped) is "not measured", not missing.
 * @module
 */
import type { CheckResult } from "../check.ts";
import { notMeasured, type UnselectedCheck } from "../level.ts";
import type { Claim, VerifiedClaim } from "./claim.ts";

type Judged = Pick<VerifiedClaim, "verdict" | "reason" | "measured">;

/** Which check category measures a metric, by key prefix. */
const CATEGORY_OF: ReadonlyArray<readonly [string, UnselectedCheck["category"]]> = [
  ["tests.", "tests"],
  ["coverage.", "coverage"],
  ["perf.", "perf"],
  ["build.", "build"],
  ["size.package", "artifacts"],
  ["deps.", "deps"],
  ["install.", "deps"],
];

/**
 * `judged` as the evidence allows: a verdict resting on a measurement of an `unverified` or
 * `error` check becomes `unverified` ("not measured here"): such a check is claimcheck's own
 * inability (or reports that disagree, which may be forged), so it neither contradicts nor verifies; an unverified metric claim whose
 * checks `--only` left out says so ("not measured: coverage.python was not selected").
 */
export function reviewEvidence(
  judged: Judged,
  claim: Claim,
  checks: readonly CheckResult[],
  notSelected: readonly UnselectedCheck[] = [],
): Judged {
  const source = checks.find((c) => c.id === judged.measured?.check);
  if (
    judged.verdict !== "unverified" && source !== undefined &&
    (source.status === "unverified" || source.status === "error")
  ) {
    return {
      verdict: "unverified",
      reason: `not measured here: ${source.id} ${source.status} (${judged.reason})`,
      ...(judged.measured ? { measured: judged.measured } : {}),
    };
  }
  if (
    judged.verdict !== "unverified" || judged.measured !== undefined || claim.metric === undefined
  ) {
    return judged;
  }
  const category = CATEGORY_OF.find(([prefix]) => claim.metric?.startsWith(prefix))?.[1];
  const left = notSelected.filter((c) => c.category === category);
  if (left.length === 0) return judged;
  return { verdict: "unverified", reason: notMeasured(left) };
}
