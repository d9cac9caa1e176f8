import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { fakeEvidence } from "../checks/_fake_evidence.ts";
import type { CheckResult } from "../src/check.ts";
import type { Report } from "../src/report/schema.ts";
import expectedJson from "./realworld_expected.json" with { type: "json" };
import {
  type Expected,
  expectedFor,
  ExpectedSchema,
  failedRow,
  leftOutOf,
  markdownTable,
  rowOf,
  within5,
} from "./realworld_row.ts";

const COMMIT = "a".repeat(40);
const EXPECTED: Expected = {
  [`owner/repo@${COMMIT}`]: {
    exact: { collected: 10, passed: 0, failed: 0, skipped: 0, errors: 2 },
    continued: { collected: 10, passed: 100, failed: 1, skipped: 0, errors: 2 },
    byHand: { installSeconds: 6, testSeconds: 4 },
  },
};

function check(overrides: Partial<CheckResult>): CheckResult {
  return {
    id: "tests.pytest",
    category: "tests",
    status: "fail",
    summary: "",
    durationMs: 1,
    measurements: [],
    evidence: [],
    findings: [],
    ...overrides,
  };
}

function counts(passed: number, failed: number, errors: number): CheckResult["measurements"] {
  return [
    { metric: "tests.passed", value: passed, unit: "count" },
    { metric: "tests.failed", value: failed, unit: "count" },
    { metric: "tests.errors", value: errors, unit: "count" },
    { metric: "tests.skipped", value: 0, unit: "count" },
    { metric: "tests.total", value: passed + failed, unit: "count" },
  ];
}

function report(checks: CheckResult[]): Report {
  return {
    schemaVersion: "1",
    tool: { name: "claimcheck", version: "0" },
    createdAt: "2026-01-01T00:00:00Z",
    target: { input: "x", path: "/x", ref: null, commit: COMMIT, dirty: false, treeHash: "" },
    environment: { os: "linux", arch: "x86_64", deno: "2", isolation: "none", lockfiles: {} },
    config: {},
    level: { value: 2, name: "Builds", blockers: [] },
    checks,
    claims: [],
    summary: {
      verified: 0,
      contradicted: 0,
      unverified: 0,
      checks: { pass: 0, fail: 0, warn: 0, skip: 0, unverified: 0, error: 0 },
    },
  };
}

Deno.test("the committed hand figures parse, one entry per DEV repository", () => {
  const parsed = ExpectedSchema.parse(expectedJson);
  equal(Object.keys(parsed).length, 12);
});

Deno.test("expectedFor() finds the entry by commit", () => {
  equal(expectedFor(EXPECTED, COMMIT)?.repository, "owner/repo");
  equal(expectedFor(EXPECTED, "b".repeat(40)), undefined);
  equal(expectedFor(EXPECTED, null), undefined);
});

Deno.test("within5() allows 5 % either way, and only 0 for 0", async (t) => {
  for (
    const [measured, expected, want] of [
      [95, 100, true],
      [105, 100, true],
      [94, 100, false],
      [0, 0, true],
      [1, 0, false],
    ] as const
  ) {
    await t.step(`${measured} vs ${expected}`, () => equal(within5(measured, expected), want));
  }
});

Deno.test("leftOutOf() reads a leftOut field, else findings, else the summary", async (t) => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ["field", { leftOut: [{ requirement: "fancysolver>=2", layer: "extra", reason: "" }] }, [
      "fancysolver>=2",
    ]],
    ["findings", {
      findings: [{ message: "left out: covdefaults, wanted by group test" }, { message: "x" }],
    }, ["covdefaults, wanted by group test"]],
    ["summary", { summary: "Partial environment; left out: lxml" }, ["lxml"]],
    ["nothing", { summary: "Installed" }, []],
  ];
  for (const [name, fields, want] of cases) {
    await t.step(name, () => deepStrictEqual(leftOutOf({ ...check({}), ...fields }), want));
  }
});

Deno.test("rowOf() compares with the continued figure when the run went on past collection errors", () => {
  const tests = check({
    measurements: [...counts(98, 1, 2), { metric: "tests.flaky", value: 1, unit: "count" }],
    evidence: [
      fakeEvidence({ argv: ["python", "-m", "pytest", "--continue-on-collection-errors"] }),
    ],
  });
  const row = rowOf(report([tests]), expectedFor(EXPECTED, COMMIT), "repo", 20_000);
  equal(row.compared, "continued");
  equal(row.flaky, 1);
  equal(row.skippedEnvironment, null);
  equal(row.passedWithin5, true);
  ok(row.tests.ran);
  equal(row.ratio, 2);
});

Deno.test("rowOf() compares with the exact figure when the run stopped as the exact command does", () => {
  const tests = check({
    measurements: counts(0, 0, 2),
    evidence: [fakeEvidence({ argv: ["python", "-m", "pytest", "tests"] })],
  });
  const row = rowOf(report([tests]), expectedFor(EXPECTED, COMMIT), "repo", 1000);
  equal(row.compared, "exact");
  equal(row.passedWithin5, true);
  equal(row.tests.ran, false);
});

Deno.test("rowOf() compares a run that ran tests without going on with the continued figure", () => {
  const tests = check({
    measurements: counts(100, 1, 0),
    evidence: [fakeEvidence({ argv: ["python", "-m", "pytest", "tests"] })],
  });
  const row = rowOf(report([tests]), expectedFor(EXPECTED, COMMIT), "repo", 1000);
  equal(row.compared, "continued");
  equal(row.passedWithin5, true);
});

Deno.test("rowOf() of a report whose suite did not run: nothing measured, nothing compared", () => {
  const install = check({ id: "install.python", category: "deps", status: "unverified" });
  const tests = check({ status: "unverified", summary: "Cannot run pytest" });
  const row = rowOf(report([install, tests]), expectedFor(EXPECTED, COMMIT), "repo", 1000);
  equal(row.measured, null);
  equal(row.passedWithin5, null);
  equal(row.install.status, "unverified");
});

Deno.test("markdownTable() shows both figures where they differ and escapes pipes", () => {
  const tests = check({
    measurements: counts(98, 1, 2),
    evidence: [fakeEvidence({ argv: ["pytest", "--continue-on-collection-errors"] })],
  });
  const rows = [
    rowOf(report([tests]), expectedFor(EXPECTED, COMMIT), "repo", 1000),
    failedRow(undefined, "broken", null, 10, "Cannot read a | b"),
  ];
  const table = markdownTable(rows);
  ok(table.includes("| 98 / 100 (exact 0) |"), table);
  ok(table.includes("a \\| b"), table);
  ok(table.endsWith("Suite ran on 1 of 2; passed within 5 % of the hand figure on 1 of 2."), table);
});
