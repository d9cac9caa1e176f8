/**
 * A claim with a quality ("`pyproject.toml` with all dependencies declared", "3 runnable
 * examples") is more than existence: a declared-dependencies quality is judged by the
 * dependency check's findings; "working", "interactive", "runnable" stay unverified unless a
 * probe ran the thing ("exists; whether it works was not measured").
 * @module
 */
import type { CheckResult } from "../check.ts";
import type { Claim, VerifiedClaim } from "./claim.ts";

type Judged = Pick<VerifiedClaim, "verdict" | "reason" | "measured">;

const DEPENDENCIES = /dependencies/;

/** `judged` with the claim's quality taken into account; unchanged for a claim without one. */
export function reviewQuality(
  judged: Judged,
  claim: Claim,
  checks: readonly CheckResult[],
): Judged {
  const quality = claim.quality;
  if (quality === undefined || judged.verdict !== "verified") return judged;
  const keep = judged.measured ? { measured: judged.measured } : {};
  if (DEPENDENCIES.test(quality)) {
    const deps = checks.find((c) => c.category === "deps" && c.id.startsWith("deps."));
    if (deps?.status === "pass") {
      return { ...judged, reason: `${judged.reason}; ${deps.id} pass: ${deps.summary}` };
    }
    if (deps?.status === "fail") {
      return {
        verdict: "contradicted",
        reason: `${judged.reason}, but ${deps.id} fail: ${deps.summary}`,
        ...keep,
      };
    }
    const why = deps === undefined
      ? "no dependency check ran"
      : `${deps.id} ${deps.status}: ${deps.summary}`;
    return {
      verdict: "unverified",
      reason: `${judged.reason}; whether ${quality} was not measured (${why})`,
      ...keep,
    };
  }
  const plural = claim.kind === "repo";
  return {
    verdict: "unverified",
    reason: `${judged.reason}; ${plural ? "whether they work" : "whether it works"} ` +
      `(${quality}) was not measured`,
    ...keep,
  };
}
