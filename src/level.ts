/**
 * The readiness ladder: each level needs all below it and is earned only by evidence. What stops
 * the climb is split: faults of the target ("blocked by the target") and what claimcheck could not
 * measure here (checks that were `unverified`, `error`, or not selected with `--only`).
 * @module
 */
import type { Category, CheckResult } from "./check.ts";
import type { VerifiedClaim } from "./claims/claim.ts";
import type { Level } from "./report/schema.ts";

const NAMES: readonly Level["name"][] = [
  "None",
  "Installs",
  "Builds",
  "Tested",
  "Measured",
  "Honest",
];

/** Statuses that show a probe ran and found nothing blocking. */
const GOOD = new Set(["pass", "warn"]);
/** Statuses that show a probe ran (whatever it found). */
const RAN = new Set(["pass", "warn", "fail"]);
/** Statuses that are claimcheck's own inability, never the target's fault. */
const NOT_MEASURED = new Set(["unverified", "error"]);

/** A check that would apply to the target but did not run: not selected, or the audit was stopped. */
export interface UnselectedCheck {
  id: string;
  category: Category;
  /** Set when it was selected but the audit was stopped before it finished. */
  stopped?: true;
}

/**
 * Why `checks` measured nothing, e.g. `not measured: build.python was not selected; tests.deno was
 * not run (the audit was stopped)`.
 */
export function notMeasured(checks: readonly UnselectedCheck[]): string {
  const parts = ([[false, "not selected"], [true, "not run (the audit was stopped)"]] as const)
    .map(([stopped, why]) => {
      const ids = checks.filter((c) => (c.stopped ?? false) === stopped).map((c) => c.id);
      return ids.length === 0 ? "" : `${ids.join(", ")} ${ids.length > 1 ? "were" : "was"} ${why}`;
    })
    .filter(Boolean);
  return `not measured: ${parts.join("; ")}`;
}

/** What the grading knows besides the results: which checks `--only` left out. */
export interface GradeOptions {
  /** The `--only` selection (empty or absent: every check ran). */
  only?: readonly string[];
  /** Checks that apply to the target but were not selected. */
  notSelected?: readonly UnselectedCheck[];
}

/** One reason the next level is not reached, and whose it is. */
interface Blocker {
  text: string;
  by: "target" | "here";
}

function describe(r: CheckResult): Blocker {
  const text = `${r.id} ${r.status}: ${r.summary}`;
  return { text, by: NOT_MEASURED.has(r.status) ? "here" : "target" };
}

function inCategory(results: readonly CheckResult[], ...categories: Category[]): CheckResult[] {
  return results.filter((r) => categories.includes(r.category) && r.status !== "skip");
}

/** "not measured: build.python was not selected" when the category's checks did not run. */
function unselected(options: GradeOptions, ...categories: Category[]): Blocker[] {
  const left = (options.notSelected ?? []).filter((c) => categories.includes(c.category));
  return left.length === 0 ? [] : [{ text: notMeasured(left), by: "here" }];
}

function none(text: string, by: Blocker["by"]): Blocker[] {
  return [{ text, by }];
}

/** Why `results` do not reach `level` (1..4); empty when they do. */
function blockersFor(
  level: number,
  results: readonly CheckResult[],
  options: GradeOptions,
): Blocker[] {
  switch (level) {
    case 1: {
      const deps = inCategory(results, "deps");
      const bad = deps.filter((r) => !GOOD.has(r.status));
      if (bad.length > 0) return bad.map(describe);
      const ran = inCategory(results, "deps", "build", "tests").filter((r) => RAN.has(r.status));
      if (ran.length > 0) return [];
      const left = unselected(options, "deps", "build", "tests");
      return left.length > 0
        ? left
        : none("no dependency, build or test probe could run on this target", "here");
    }
    case 2: {
      const builds = inCategory(results, "build");
      if (builds.length === 0) {
        const left = unselected(options, "build");
        return left.length > 0 ? left : none("no build check applies to this target", "here");
      }
      return builds.filter((r) => r.status !== "pass").map(describe);
    }
    case 3: {
      const tests = inCategory(results, "tests");
      if (tests.length === 0) {
        const left = unselected(options, "tests");
        return left.length > 0 ? left : none("no test suite was found", "target");
      }
      return tests.filter((r) => r.status !== "pass").map(describe);
    }
    case 4: {
      const coverage = inCategory(results, "coverage");
      const perf = inCategory(results, "perf").filter((r) =>
        r.status === "fail" || r.status === "error"
      );
      if (coverage.length === 0) {
        const left = unselected(options, "coverage");
        return [
          ...(left.length > 0 ? left : none("coverage was not measured", "here")),
          ...perf.map(describe),
        ];
      }
      return [...coverage.filter((r) => r.status !== "pass"), ...perf].map(describe);
    }
    default:
      return [];
  }
}

function split(
  blockers: readonly Blocker[],
): Pick<Level, "blockers" | "blockedByTarget" | "notMeasured"> {
  return {
    blockers: blockers.map((b) => b.text),
    blockedByTarget: blockers.filter((b) => b.by === "target").map((b) => b.text),
    notMeasured: blockers.filter((b) => b.by === "here").map((b) => b.text),
  };
}

/**
 * The level (0..4) that the check results earn, with what blocks the next one, split into the
 * target's faults and what was not measured here. With `--only`, the level comes from the
 * selected checks alone and says so (`partial`); a category left out blocks as "not measured".
 */
export function gradeChecks(results: readonly CheckResult[], options: GradeOptions = {}): Level {
  const only = options.only ?? [];
  const partial = only.length > 0
    ? { partial: `level from a partial audit: --only ${only.join(",")}` }
    : {};
  for (let level = 1; level <= 4; level++) {
    const blockers = blockersFor(level, results, options);
    if (blockers.length > 0) {
      return {
        value: level - 1,
        name: NAMES[level - 1] as Level["name"],
        ...split(blockers),
        ...partial,
      };
    }
  }
  return { value: 4, name: "Measured", ...split([]), ...partial };
}

/** Level 5 (Honest) once level 4 holds and no claim is contradicted. */
export function gradeClaims(level: Level, claims: readonly VerifiedClaim[]): Level {
  if (level.value < 4) return level;
  const contradicted = claims.filter((c) => c.verdict === "contradicted");
  if (contradicted.length === 0) {
    return { ...level, value: 5, name: "Honest", ...split([]) };
  }
  const blockers = contradicted.map((c): Blocker => ({
    text: `contradicted claim at ${c.file}:${c.line}: ${c.reason}`,
    by: "target",
  }));
  return { ...level, ...split(blockers) };
}
