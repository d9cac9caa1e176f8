/**
 * Build and packaging claims judged by the build evidence: the check that builds (`build.python`,
 * `build.deno`) or installs (`install.python`), and the manifest's declared entry points
 * (`[project.scripts]`, `entry_points`, `bin`).
 * @module
 */
import type { CheckResult } from "../check.ts";
import type { Claim, VerifiedClaim } from "./claim.ts";

type Judged = Pick<VerifiedClaim, "verdict" | "reason" | "measured">;

function judgeEntryPoints(said: string, scripts: readonly string[] | undefined): Judged {
  if (scripts === undefined) {
    return { verdict: "unverified", reason: `${said}; the declared entry points are unknown` };
  }
  if (scripts.length > 0) {
    return { verdict: "verified", reason: `${said}; declared: ${scripts.join(", ")}` };
  }
  return {
    verdict: "contradicted",
    reason: `${said}; the manifest declares none ([project.scripts], entry_points, bin)`,
  };
}

/** The verdict of a `build` claim. */
export function judgeBuild(
  claim: Claim,
  checks: readonly CheckResult[],
  scripts: readonly string[] | undefined,
): Judged {
  const said = `claimed ${claim.subject ?? claim.metric ?? "a build"}`;
  if (claim.metric === "build.entryPoints") return judgeEntryPoints(said, scripts);
  const check = checks.find((c) => c.id === claim.metric);
  if (check === undefined) {
    return { verdict: "unverified", reason: `${said}; ${claim.metric} did not run` };
  }
  const what = `${check.id} ${check.status}: ${check.summary}`;
  if (check.status === "pass") return { verdict: "verified", reason: `${said}; ${what}` };
  if (check.status === "fail") return { verdict: "contradicted", reason: `${said}; ${what}` };
  if (check.status === "skip") return { verdict: "unverified", reason: `${said}; ${what}` };
  return { verdict: "unverified", reason: `${said}; not measured here: ${what}` };
}
