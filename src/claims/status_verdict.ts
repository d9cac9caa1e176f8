/**
 * Status claims judged by what they assert. "Production ready", "100 % complete", "readiness
 * 95 %" are contradicted only by the target's own faults (named, worst first, at most three);
 * when nothing measured speaks against them but the level is low because something could not be
 * measured here, they stay unverified. A low self-assessed score ("~30 % complete") is never
 * contradicted: verified when the evidence shows a low state, else unverified.
 * @module
 */
import type { CheckResult } from "../check.ts";
import type { Level } from "../report/schema.ts";
import type { Claim, VerifiedClaim } from "./claim.ts";
import { valueText } from "./describe.ts";
import { targetFaults } from "./faults.ts";

/** The verdict part of a verified claim. */
export type StatusJudgement = Pick<VerifiedClaim, "verdict" | "reason" | "measured">;

/** A score at or above this is a claim of readiness; at or below `LOW` an honest downgrade. */
const HIGH = 75;
const LOW = 50;
const SHOWN = 3;
/** A level blocker that describes a check ("tests.pytest fail: …"), already a fault of its own. */
const CHECK_BLOCKER = /^\S+\s(?:pass|fail|warn|skip|unverified|error):\s/;

/** The target's faults in words: failing checks, then blockers of the level that are the target's. */
function faultTexts(level: Level, checks: readonly CheckResult[]): string[] {
  const faults = targetFaults(checks).map((f) => f.text);
  const others = (level.blockedByTarget ?? []).filter((b) => !CHECK_BLOCKER.test(b));
  return [...faults, ...others];
}

function listed(texts: readonly string[]): string {
  const shown = texts.slice(0, SHOWN).join("; ");
  return texts.length > SHOWN ? `${shown}; and ${texts.length - SHOWN} more` : shown;
}

function phraseOf(claim: Claim): string {
  if (claim.value === undefined) return claim.subject ?? "ready";
  const approx = claim.comparator === "~" ? "~" : "";
  return `${claim.subject ?? "readiness"} ${approx}${
    valueText(claim.value, claim.unit ?? "percent")
  }`;
}

/**
 * The verdict of a `status` claim from the target's faults among `checks` and the `level` the
 * checks earned (with its blockers split into the target's and those not measured here).
 *
 * @example
 * ```ts
 * import { judgeStatusClaim } from "./status_verdict.ts";
 * const level = { value: 1, name: "Installs" as const, blockers: ["not measured: build.python was not selected"],
 *   blockedByTarget: [], notMeasured: ["not measured: build.python was not selected"] };
 * judgeStatusClaim({ file: "S.md", line: 1, text: "", kind: "status", subject: "production ready" }, level, [])
 *   .verdict; // "unverified"
 * ```
 */
export function judgeStatusClaim(
  claim: Claim,
  level: Level,
  checks: readonly CheckResult[],
): StatusJudgement {
  const measured = { metric: "level", value: level.value, unit: "count" as const, check: "level" };
  const said = `claimed ${phraseOf(claim).trim()}`;
  const faults = faultTexts(level, checks);
  const score = claim.value;
  const head = `readiness level ${level.value} (${level.name})`;
  if (score !== undefined && score <= LOW) {
    if (faults.length > 0) {
      return {
        verdict: "verified",
        reason: `${said}; the evidence agrees: ${listed(faults)}`,
        measured,
      };
    }
    return {
      verdict: "unverified",
      reason: `${said}; nothing measured shows so low a state (${head})`,
      measured,
    };
  }
  if (faults.length > 0) {
    const verdict = score === undefined || score >= HIGH ? "contradicted" : "unverified";
    return { verdict, reason: `${said}; the target's own faults: ${listed(faults)}`, measured };
  }
  if (level.value >= 4) return { verdict: "verified", reason: `${said}; ${head}`, measured };
  if (level.value === 3) {
    return {
      verdict: "unverified",
      reason: `${said}; ${head}: necessary, not sufficient (level 4 verifies)`,
      measured,
    };
  }
  const why = level.notMeasured?.[0] ?? level.blockers[0] ?? "the checks did not get further";
  return {
    verdict: "unverified",
    reason: `${said}; nothing measured speaks against it, but ${head}: ${
      why.replace(/^not measured(?: here)?:\s*/, "not measured here: ")
    }`,
    measured,
  };
}
