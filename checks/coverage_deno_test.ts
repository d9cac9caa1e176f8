import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import type { CheckResult, DependencyResult, Status } from "../src/check.ts";
import { parseLcov } from "../src/parsers/lcov.ts";
import { coverageSource, evaluateCoverage } from "./coverage_deno.ts";
import { recorded } from "./_fake_evidence.ts";

const ROOT = "/snapshot";

function dependency(status: Status, data: unknown = { coverageDir: "/tmp/cov" }): DependencyResult {
  const result: CheckResult = {
    id: "tests.deno",
    category: "tests",
    status,
    summary: "4 tests passed",
    durationMs: 1,
    measurements: [],
    evidence: [],
    findings: [],
  };
  return { result, data };
}

function record(path: string, linesFound: number, linesHit: number, branches = [0, 0]) {
  return { path, linesFound, linesHit, branchesFound: branches[0]!, branchesHit: branches[1]! };
}

function target(files: string[], config = {}) {
  return { root: ROOT, config, files };
}

Deno.test("coverageSource() hands on the directory of a test run that ran", () => {
  strictEqual(coverageSource(dependency("pass")), "/tmp/cov");
  strictEqual(coverageSource(dependency("fail")), "/tmp/cov");
});

Deno.test("coverageSource() is unverified without a usable test run", async (t) => {
  const cases: [string, DependencyResult | undefined, RegExp][] = [
    ["not selected", undefined, /tests\.deno did not run/],
    ["errored", dependency("error"), /tests\.deno ended error \(4 tests passed\)/],
    ["unverified", dependency("unverified"), /ended unverified/],
    ["skipped", dependency("skip"), /ended skip/],
    ["no data", dependency("pass", null), /handed over none/],
  ];
  for (const [name, dep, summary] of cases) {
    await t.step(name, () => {
      const outcome = coverageSource(dep);
      strictEqual(typeof outcome, "object");
      if (typeof outcome === "string") return;
      strictEqual(outcome.status, "unverified");
      match(outcome.summary, summary);
    });
  }
});

Deno.test("evaluateCoverage() warns below the threshold on recorded deno_ok coverage", async () => {
  const records = parseLcov(await recorded("deno_ok.lcov"));
  const outcome = evaluateCoverage(target(["math.ts", "math_test.ts"]), records, 80, 3);
  strictEqual(outcome.status, "warn");
  deepStrictEqual(outcome.measurements, [
    { metric: "coverage.lines", value: 12 / 28 * 100, unit: "percent", evidence: 3 },
    { metric: "coverage.branches", value: 100, unit: "percent", evidence: 3 },
  ]);
  strictEqual(
    outcome.summary,
    "Lines 42.9% (12/28), branches 100.0% (2/2) over 1 file; threshold 80%",
  );
  deepStrictEqual(outcome.findings, [
    { message: "42.9% of lines covered (12/28)", file: "math.ts" },
  ]);
});

Deno.test("evaluateCoverage() passes at the threshold and omits absent branch data", () => {
  const outcome = evaluateCoverage(target(["a.ts"]), [record("/snapshot/a.ts", 10, 8)], 80, 0);
  strictEqual(outcome.status, "pass");
  deepStrictEqual(outcome.measurements?.map((m) => m.metric), ["coverage.lines"]);
  strictEqual(
    evaluateCoverage(target(["a.ts"]), [record("/snapshot/a.ts", 10, 7)], 80, 0).status,
    "warn",
  );
});

Deno.test("evaluateCoverage() counts only the target's own non-test source files", () => {
  const records = [
    record("/snapshot/src/a.ts", 10, 10),
    record("/snapshot/src/a_test.ts", 50, 0),
    record("/snapshot/fixtures/x/b.ts", 50, 0),
    record("/snapshot/gen/c.ts", 50, 0),
    record("/elsewhere/d.ts", 50, 0),
    record("https://deno.land/x/e.ts", 50, 0),
  ];
  const files = ["gen/c.ts", "src/a.ts", "src/a_test.ts", "src/b.ts", "src/cli.ts"];
  const outcome = evaluateCoverage(target(files, { exclude: ["gen/"] }), records, 80, 0);
  strictEqual(outcome.status, "warn", "files no test loads keep it from passing");
  strictEqual(outcome.measurements?.[0]?.value, 100);
  match(outcome.summary, /over 1 file; threshold 80%; 2 files never loaded by a test/);
  deepStrictEqual(outcome.findings, [
    { message: "Never loaded by a test, not counted: src/b.ts, src/cli.ts" },
  ]);
});

Deno.test("evaluateCoverage() is unverified when no own source file has coverage", () => {
  const outcome = evaluateCoverage(
    target(["a_test.ts"]),
    [record("/snapshot/a_test.ts", 5, 5)],
    80,
    0,
  );
  strictEqual(outcome.status, "unverified");
  match(outcome.summary, /No coverage data for the target's own source files/);
  strictEqual(evaluateCoverage(target([]), [], 80, 0).status, "unverified");
});
