/**
 * The target's own faults, as the checks found them: failing builds and test runs, coverage below
 * the project's own threshold, undeclared dependencies. Only a check that ran and failed is a
 * fault; `warn` is advice and `unverified`/`error` are claimcheck's inability.
 * @module
 */
import type { Category, CheckResult } from "../check.ts";

/** One fault of the target, in words, with the check that found it. */
export interface Fault {
  check: string;
  text: string;
}

/** Worst first: what does not build, then failing tests, low coverage, undeclared packages. */
const RANK: readonly Category[] = [
  "build",
  "tests",
  "coverage",
  "deps",
  "artifacts",
  "perf",
  "docs",
];

function value(check: CheckResult, metric: string): number | undefined {
  return check.measurements.find((m) => m.metric === metric)?.value;
}

/** "tests/test_a.py::test_sum failed: …" → "test_sum". */
function testName(message: string): string | undefined {
  const id = /^(\S+)\s+(?:failed|errored|could not be collected)\b/.exec(message)?.[1];
  return id?.split("::").pop();
}

function testFault(check: CheckResult): string {
  const failed = (value(check, "tests.failed") ?? 0) + (value(check, "tests.errors") ?? 0);
  const names = check.findings.map((f) => testName(f.message)).filter((n) => n !== undefined);
  if (failed === 0) return `${check.id}: ${check.summary}`;
  const shown = names.slice(0, 2).join(", ");
  const more = names.length > 2 ? ", …" : "";
  return `${failed} test${failed === 1 ? "" : "s"} fail${failed === 1 ? "s" : ""}` +
    (shown === "" ? "" : ` (${shown}${more})`);
}

/** Only `fail` is a fault: a `warn` (coverage below claimcheck's default threshold) is advice. */
function isFault(check: CheckResult): boolean {
  return check.status === "fail";
}

/**
 * The target's faults among `checks`, worst first, each once.
 *
 * @example
 * ```ts
 * import { targetFaults } from "./faults.ts";
 * targetFaults([{
 *   id: "tests.pytest", category: "tests", status: "fail", summary: "1 failed",
 *   durationMs: 1, evidence: [], findings: [{ message: "t.py::test_a failed: boom" }],
 *   measurements: [{ metric: "tests.failed", value: 1, unit: "count" }],
 * }])[0]?.text; // "1 test fails (test_a)"
 * ```
 */
export function targetFaults(checks: readonly CheckResult[]): Fault[] {
  return checks.filter(isFault)
    .sort((a, b) => RANK.indexOf(a.category) - RANK.indexOf(b.category))
    .map((check) => ({
      check: check.id,
      text: check.category === "tests" ? testFault(check) : `${check.id}: ${check.summary}`,
    }));
}
