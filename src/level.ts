/**
 * The readiness ladder: each level needs all below it and is earned only by evidence.
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

function describe(r: CheckResult): string {
  return `${r.id} ${r.status}: ${r.summary}`;
}

function inCategory(results: readonly CheckResult[], ...categories: Category[]): CheckResult[] {
  return results.filter((r) => categories.includes(r.category) && r.status !== "skip");
}

/** Why `results` do not reach `level` (1..4); empty when they do. */
function blockersFor(level: number, results: readonly CheckResult[]): string[] {
  switch (level) {
    case 1: {
      const deps = inCategory(results, "deps");
      const bad = deps.filter((r) => !GOOD.has(r.status));
      if (bad.length > 0) return bad.map(describe);
      const ran = inCategory(results, "deps", "build", "tests").filter((r) => RAN.has(r.status));
      return ran.length > 0 ? [] : [
        "no dependency, build or test probe could run on this target",
      ];
    }
    case 2: {
      const builds = inCategory(results, "build");
      if (builds.length === 0) return ["no build check applies to this target"];
      return builds.filter((r) => r.status !== "pass").map(describe);
    }
    case 3: {
      const tests = inCategory(results, "tests");
      if (tests.length === 0) return ["no test suite was found"];
      return tests.filter((r) => r.status !== "pass").map(describe);
    }
    case 4: {
      const coverage = inCategory(results, "coverage");
      if (coverage.length === 0) return ["coverage was not measured"];
      const perf = inCategory(results, "perf").filter((r) =>
        r.status === "fail" || r.status === "error"
      );
      return [...coverage.filter((r) => r.status !== "pass"), ...perf].map(describe);
    }
    default:
      return [];
  }
}

/** The level (0..4) that the check results earn, with what blocks the next one. */
export function gradeChecks(results: readonly CheckResult[]): Level {
  for (let level = 1; level <= 4; level++) {
    const blockers = blockersFor(level, results);
    if (blockers.length > 0) {
      return { value: level - 1, name: NAMES[level - 1] as Level["name"], blockers };
    }
  }
  return { value: 4, name: "Measured", blockers: [] };
}

/** Level 5 (Honest) once level 4 holds and no claim is contradicted. */
export function gradeClaims(level: Level, claims: readonly VerifiedClaim[]): Level {
  if (level.value < 4) return level;
  const contradicted = claims.filter((c) => c.verdict === "contradicted");
  if (contradicted.length === 0) return { value: 5, name: "Honest", blockers: [] };
  return {
    ...level,
    blockers: contradicted.map((c) => `contradicted claim at ${c.file}:${c.line}: ${c.reason}`),
  };
}
