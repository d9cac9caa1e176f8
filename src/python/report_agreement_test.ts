import { strictEqual } from "node:assert/strict";
import type { PytestCounts } from "./pytest_report.ts";
import { parsePytestSummary, parseUnittestSummary } from "./pytest_summary.ts";
import { reportsDisagree } from "./report_agreement.ts";

const ZERO: PytestCounts = {
  passed: 0,
  failed: 0,
  errors: 0,
  skipped: 0,
  xfailed: 0,
  total: 0,
  collectionErrors: 0,
  durationMs: 0,
};

Deno.test("reportsDisagree() compares JUnit, pytest's summary line and its exit code", async (t) => {
  const cases: Array<
    [string, Partial<PytestCounts>, string | undefined, number, string | undefined]
  > = [
    ["agree", { passed: 40, failed: 2, total: 42 }, "2 failed, 40 passed in 0.3s", 1, undefined],
    [
      "forged JUnit, real summary",
      { passed: 42, total: 42 },
      "== 2 failed in 0.3s ==",
      0,
      "the suite's reports disagree: JUnit 42 passed, summary 2 failed",
    ],
    [
      "two passes added",
      { passed: 42, total: 42 },
      "40 passed in 0.3s",
      0,
      "the suite's reports disagree: JUnit 42 passed, summary 40 passed",
    ],
    [
      "a pass that errors in teardown is a JUnit error",
      { passed: 2, failed: 2, errors: 2, skipped: 4, xfailed: 1, total: 12 },
      "2 failed, 3 passed, 4 skipped, 1 xfailed, 1 xpassed, 2 errors in 0.04s",
      1,
      undefined,
    ],
    [
      "exit 0 with failures",
      { passed: 1, failed: 1, total: 2 },
      undefined,
      0,
      "the suite's reports disagree: JUnit 1 failed, 1 passed, exit code 0",
    ],
    [
      "exit 5 with tests",
      { passed: 3, total: 3 },
      undefined,
      5,
      "the suite's reports disagree: JUnit 3 passed, exit code 5 (no tests collected)",
    ],
    [
      "collection errors count as errors",
      { passed: 3, errors: 1, collectionErrors: 1, total: 3 },
      "3 passed, 1 error in 1s",
      1,
      undefined,
    ],
    ["no summary, exit agrees", { passed: 3, total: 3 }, undefined, 0, undefined],
  ];
  for (const [name, counts, line, exit, expected] of cases) {
    await t.step(name, () => {
      const summary = line === undefined ? undefined : parsePytestSummary(line);
      strictEqual(reportsDisagree("pytest", { ...ZERO, ...counts }, summary, exit), expected);
    });
  }
});

Deno.test("reportsDisagree() for unittest compares Ran N and whether anything failed", () => {
  const summary = parseUnittestSummary("Ran 5 tests in 0s\n\nFAILED (failures=3)");
  // Failing subtests count one by one in unittest, once in JUnit.
  strictEqual(
    reportsDisagree("unittest", { ...ZERO, passed: 3, failed: 2, total: 5 }, summary, 1),
    undefined,
  );
  strictEqual(
    reportsDisagree("unittest", { ...ZERO, passed: 5, total: 5 }, summary, 0),
    "the suite's reports disagree: JUnit 5 passed, summary Ran 5 tests: FAILED (failures=3)",
  );
  strictEqual(
    reportsDisagree(
      "unittest",
      { ...ZERO, passed: 9, total: 9 },
      parseUnittestSummary("Ran 5 tests in 0s\n\nOK"),
      0,
    ),
    "the suite's reports disagree: JUnit 9 passed, summary Ran 5 tests: OK",
  );
});
