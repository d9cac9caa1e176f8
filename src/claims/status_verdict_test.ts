import assert from "node:assert/strict";
import type { CheckResult, Finding } from "../check.ts";
import type { Measurement } from "../measurement.ts";
import type { Level } from "../report/schema.ts";
import type { Claim } from "./claim.ts";
import { judgeStatusClaim } from "./status_verdict.ts";
import { verifyClaims } from "./verify.ts";

function check(
  id: string,
  category: CheckResult["category"],
  status: CheckResult["status"],
  summary: string,
  measurements: Measurement[] = [],
  findings: Finding[] = [],
): CheckResult {
  return { id, category, status, summary, durationMs: 1, measurements, evidence: [], findings };
}

function level(value: number, target: string[], here: string[]): Level {
  const names = ["None", "Installs", "Builds", "Tested", "Measured"] as const;
  return {
    value,
    name: names[value] ?? "Measured",
    blockers: [...target, ...here],
    blockedByTarget: target,
    notMeasured: here,
  };
}

function status(subject: string, value?: number, comparator: Claim["comparator"] = "="): Claim {
  return {
    file: "STATUS.md",
    line: 3,
    text: "a status",
    kind: "status",
    metric: "level",
    subject,
    ...(value === undefined ? {} : { value, comparator, unit: "percent" as const }),
  };
}

const TESTS_FAIL = check(
  "tests.pytest",
  "tests",
  "fail",
  "5 passed, 3 failed",
  [
    { metric: "tests.passed", value: 5, unit: "count" },
    { metric: "tests.failed", value: 3, unit: "count" },
  ],
  [
    { message: "tests/test_a.py::test_sum failed: assert 3 == 4" },
    { message: "tests/test_a.py::test_mean failed: ZeroDivisionError" },
    { message: "tests/test_b.py::test_io failed: FileNotFoundError" },
  ],
);
const COVERAGE_LOW = check(
  "coverage.python",
  "coverage",
  "fail",
  "Lines 41.0 % against the project's own --cov-fail-under=80",
);
const COVERAGE_ADVICE = check(
  "coverage.python",
  "coverage",
  "warn",
  "Lines 61.0 %; below the 80% threshold",
);
const DEPS_FAIL = check("deps.python", "deps", "fail", "2 imported packages are declared nowhere");
const BUILD_FAIL = check("build.python", "build", "fail", "python -m build failed: no backend");
const TESTS_OK = check("tests.pytest", "tests", "pass", "8 passed");
const NOT_INSTALLED = check(
  "install.python",
  "deps",
  "unverified",
  "numpy has no cp313 wheel here",
);

const TABLE: ReadonlyArray<{
  name: string;
  claim: Claim;
  checks: CheckResult[];
  level: Level;
  verdict: string;
  reason: RegExp;
}> = [
  {
    name: "production ready against failing tests names the tests",
    claim: status("production ready"),
    checks: [TESTS_FAIL],
    level: level(2, ["tests.pytest fail: 5 passed, 3 failed"], []),
    verdict: "contradicted",
    reason:
      /^claimed production ready; the target's own faults: 3 tests fail \(test_sum, test_mean, …\)$/,
  },
  {
    name: "at most three faults, worst first",
    claim: status("production ready"),
    checks: [DEPS_FAIL, COVERAGE_LOW, TESTS_FAIL, BUILD_FAIL],
    level: level(0, ["deps.python fail: 2 imported packages are declared nowhere"], []),
    verdict: "contradicted",
    reason:
      /faults: build\.python: python -m build failed: no backend; 3 tests fail \(test_sum, test_mean, …\); coverage\.python: Lines 41\.0 % against the project's own --cov-fail-under=80; and 1 more$/,
  },
  {
    name: "no test suite is the target's fault",
    claim: status("ready for release"),
    checks: [],
    level: level(2, ["no test suite was found"], []),
    verdict: "contradicted",
    reason: /faults: no test suite was found$/,
  },
  {
    name: "a level lowered only by claimcheck's own inability contradicts nothing",
    claim: status("production ready"),
    checks: [NOT_INSTALLED],
    level: level(0, [], ["install.python unverified: numpy has no cp313 wheel here"]),
    verdict: "unverified",
    reason:
      /^claimed production ready; nothing measured speaks against it, but readiness level 0 \(None\): install\.python unverified/,
  },
  {
    name: "a check that was not selected",
    claim: status("production ready"),
    checks: [TESTS_OK],
    level: level(1, [], ["not measured: build.python was not selected"]),
    verdict: "unverified",
    reason: /not measured here: build\.python was not selected$/,
  },
  {
    name: "level 3 without faults is necessary, not sufficient (a coverage warning is advice)",
    claim: status("production ready"),
    checks: [TESTS_OK, COVERAGE_ADVICE],
    level: level(3, [], ["coverage was not measured"]),
    verdict: "unverified",
    reason: /necessary, not sufficient/,
  },
  {
    name: "level 4 without faults verifies",
    claim: status("production ready"),
    checks: [TESTS_OK],
    level: level(4, [], []),
    verdict: "verified",
    reason: /^claimed production ready; readiness level 4 \(Measured\)$/,
  },
  {
    name: "an overstated score is contradicted",
    claim: status("readiness", 95),
    checks: [TESTS_FAIL],
    level: level(2, ["tests.pytest fail: 5 passed, 3 failed"], []),
    verdict: "contradicted",
    reason: /^claimed readiness 95 %; the target's own faults: 3 tests fail/,
  },
  {
    name: "a middling score against faults is neither confirmed nor refuted",
    claim: status("score", 60),
    checks: [TESTS_FAIL],
    level: level(2, ["tests.pytest fail: 5 passed, 3 failed"], []),
    verdict: "unverified",
    reason: /^claimed score 60 %/,
  },
  {
    name: "an honest downgrade agrees with failing tests",
    claim: status("complete", 30, "~"),
    checks: [TESTS_FAIL],
    level: level(2, ["tests.pytest fail: 5 passed, 3 failed"], []),
    verdict: "verified",
    reason: /^claimed complete ~30 %; the evidence agrees: 3 tests fail/,
  },
  {
    name: "a low score nothing measured confirms stays unverified, never contradicted",
    claim: status("score", 35),
    checks: [TESTS_OK],
    level: level(4, [], []),
    verdict: "unverified",
    reason: /nothing measured shows so low a state/,
  },
];

Deno.test("judgeStatusClaim() judges a status by what it asserts, with the target's faults", async (t) => {
  for (const row of TABLE) {
    await t.step(row.name, () => {
      const judged = judgeStatusClaim(row.claim, row.level, row.checks);
      assert.equal(judged.verdict, row.verdict, judged.reason);
      assert.match(judged.reason, row.reason);
    });
  }
});

Deno.test("verifyClaims() never contradicts with a measurement of a check that could not run", () => {
  const errored = check("tests.pytest", "tests", "error", "pytest crashed before the run", [
    { metric: "tests.passed", value: 0, unit: "count" },
  ]);
  const [v] = verifyClaims({
    claims: [{
      file: "README.md",
      line: 1,
      text: "707 tests pass",
      kind: "tests",
      metric: "tests.passed",
      comparator: "=",
      value: 707,
      unit: "count",
    }],
    checks: [errored],
    level: level(0, [], ["tests.pytest error: pytest crashed before the run"]),
    files: [],
  });
  assert.equal(v?.verdict, "unverified");
  assert.match(v?.reason ?? "", /^not measured here: tests\.pytest error \(claimed 707 passed/);
});

Deno.test("verifyClaims() never verifies with a measurement of a check whose reports disagree", () => {
  const forged = check("tests.pytest", "tests", "error", "the suite's reports disagree", [
    { metric: "tests.passed", value: 42, unit: "count" },
  ]);
  const [v] = verifyClaims({
    claims: [{
      file: "README.md",
      line: 1,
      text: "All 42 tests passing",
      kind: "tests",
      metric: "tests.passed",
      comparator: "=",
      value: 42,
      unit: "count",
    }],
    checks: [forged],
    level: level(0, [], ["tests.pytest error: the suite's reports disagree"]),
    files: [],
  });
  assert.equal(v?.verdict, "unverified");
  assert.match(v?.reason ?? "", /^not measured here: tests\.pytest error/);
});

Deno.test("verifyClaims() says a claim is not measured when --only left its check out", () => {
  const [v] = verifyClaims({
    claims: [{
      file: "README.md",
      line: 1,
      text: "coverage 91%",
      kind: "coverage",
      metric: "coverage.lines",
      comparator: "=",
      value: 91,
      unit: "percent",
    }],
    checks: [TESTS_OK],
    level: level(1, [], ["not measured: build.python was not selected"]),
    files: [],
    notSelected: [{ id: "coverage.python", category: "coverage" }],
  });
  assert.equal(v?.verdict, "unverified");
  assert.equal(v?.reason, "not measured: coverage.python was not selected");
});
