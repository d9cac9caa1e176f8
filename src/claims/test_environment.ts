/**
 * What a test check says about this environment and the suite's reliability, for the verdicts of
 * test-count claims: skips caused by a module missing here (`tests.skipped.environment`, per module
 * `tests.skipped.environment.<module>`) and flaky tests (`tests.flaky`, named in the findings). A
 * count that differs from a claim only by these is not evidence against the claim; a flaky suite
 * is evidence against "zero failures". Pure.
 * @module
 */
import type { CheckResult } from "../check.ts";
import { flakyRatio, type FlakyTest, parseFlakyMessage } from "../python/flaky.ts";
import type { Claim } from "./claim.ts";

const ENV_SKIPS = "tests.skipped.environment";
/** Flaky tests named in a reason. */
const NAMED_FLAKY = 3;

/** Environment skips and flaky tests of one test check. */
export interface TestEnvironment {
  skippedHere: number;
  /** Modules missing here that caused skips, most skips first. */
  modules: string[];
  flaky: number;
  /** The flaky tests the findings name. */
  flakyTests: FlakyTest[];
}

/** The environment skips and flaky tests `check` measured (zeros when it measured none). */
export function testEnvironmentOf(check: CheckResult): TestEnvironment {
  const value = (metric: string) => check.measurements.find((m) => m.metric === metric)?.value;
  const modules = check.measurements.filter((m) => m.metric.startsWith(`${ENV_SKIPS}.`))
    .sort((a, b) => b.value - a.value || a.metric.localeCompare(b.metric))
    .map((m) => m.metric.slice(ENV_SKIPS.length + 1));
  return {
    skippedHere: value(ENV_SKIPS) ?? 0,
    modules,
    flaky: value("tests.flaky") ?? 0,
    flakyTests: check.findings.flatMap((f) => parseFlakyMessage(f.message) ?? []),
  };
}

/**
 * The values a count could have had without the environment's skips and the flaky tests, as
 * `[low, high]`, and the words that say why; undefined when they change nothing for `metric`.
 */
export function explainedRange(
  metric: string,
  measured: number,
  env: TestEnvironment,
): { low: number; high: number; why: string } | undefined {
  const skips = env.skippedHere > 0
    ? `${env.skippedHere} skipped because a module is missing here (${env.modules.join(", ")})`
    : "";
  const flaky = env.flaky > 0 ? `${env.flaky} flaky` : "";
  const words = (...parts: string[]) => parts.filter((p) => p !== "").join(", ");
  switch (metric) {
    case "tests.passed": {
      const extra = env.skippedHere + env.flaky;
      return extra > 0
        ? { low: measured, high: measured + extra, why: words(skips, flaky) }
        : undefined;
    }
    case "tests.skipped":
      return env.skippedHere > 0
        ? { low: Math.max(0, measured - env.skippedHere), high: measured, why: skips }
        : undefined;
    case "tests.failed":
      return env.flaky > 0
        ? { low: Math.max(0, measured - env.flaky), high: measured, why: flaky }
        : undefined;
    default:
      return undefined;
  }
}

/** Whether a claim says the suite never fails: "zero failures", "all tests pass". */
export function claimsNoFailure(claim: Claim, metric: string): boolean {
  const atMost = claim.comparator === undefined || ["=", "≤", "~"].includes(claim.comparator);
  const atLeast = claim.comparator === undefined || ["=", "≥", "~"].includes(claim.comparator);
  if (metric === "tests.failed" || metric === "tests.errors") return claim.value === 0 && atMost;
  if (metric === "tests.passRate") return claim.value === 100 && atLeast;
  return false;
}

/** "not reliably: tests/t.py::test_x failed 1 of 3 runs", naming the first flaky tests. */
export function unreliableText(env: TestEnvironment): string {
  if (env.flakyTests.length === 0) {
    return `not reliably: ${env.flaky} flaky test${env.flaky === 1 ? "" : "s"}`;
  }
  const named = env.flakyTests.slice(0, NAMED_FLAKY).map(flakyRatio).join(", ");
  const more = env.flaky > NAMED_FLAKY ? ` and ${env.flaky - NAMED_FLAKY} more` : "";
  return `not reliably: ${named}${more}`;
}
