import { deepStrictEqual, equal, match } from "node:assert/strict";
import type { CheckResult, Finding } from "../check.ts";
import type { Binding } from "../config.ts";
import type { Measurement } from "../measurement.ts";
import type { Level } from "../report/schema.ts";
import type { Claim, Verdict } from "./claim.ts";
import { verifyClaims, type VerifyInput } from "./verify.ts";

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

function m(metric: string, value: number, unit: Measurement["unit"]): Measurement {
  return { metric, value, unit };
}

function timed(metric: string, median: number, mad: number): Measurement {
  return {
    metric,
    value: median,
    unit: "ms",
    stats: {
      median,
      p95: median + 2 * mad,
      mad,
      min: median - mad,
      max: median + 3 * mad,
      runs: 5,
    },
  };
}

function claim(fields: Partial<Claim> & Pick<Claim, "kind">): Claim {
  return { file: "STATUS.md", line: 1, text: "a claim", ...fields };
}

const LEVEL_1: Level = {
  value: 1,
  name: "Installs",
  blockers: ["tests.pytest fail: 8 passed, 1 failed"],
};
const LEVEL_3: Level = {
  value: 3,
  name: "Tested",
  blockers: ["coverage.python fail: 61.2 % of lines < 80 %"],
};
const LEVEL_4: Level = { value: 4, name: "Measured", blockers: [] };

const PYTEST_OK = check("tests.pytest", "tests", "pass", "8 passed", [
  m("tests.passed", 8, "count"),
  m("tests.failed", 0, "count"),
  m("tests.skipped", 1, "count"),
  m("tests.durationMs", 420, "ms"),
]);
const PYTEST_BROKEN = check(
  "tests.pytest",
  "tests",
  "fail",
  "0 passed, 31 collection errors: ModuleNotFoundError torch ×30",
  [m("tests.passed", 0, "count"), m("tests.collectionErrors", 31, "count")],
);
const PYTEST_NOT_RUN = check(
  "tests.pytest",
  "tests",
  "unverified",
  "pytest could not be installed",
);
const COVERAGE = check("coverage.python", "coverage", "fail", "61.2 % of lines < 80 %", [
  m("coverage.lines", 61.2, "percent"),
]);
const IMPORT = check("perf.python-import", "perf", "pass", "import measured", [
  timed("perf.import.fastpkg", 12, 1),
  timed("perf.import.slowpkg", 150, 5),
]);
const TODOS = check(
  "repo.todos",
  "docs",
  "warn",
  "3 markers",
  [
    m("repo.todos", 3, "count"),
    m("repo.todos.todo", 2, "count"),
    m("repo.todos.fixme", 1, "count"),
    m("repo.todos.xxx", 0, "count"),
  ],
  [
    { message: "FIXME: handle NaN", file: "src/pkg/core.py", line: 4 },
    { message: "TODO: faster path", file: "src/pkg/core.py", line: 12 },
    { message: "TODO: cache", file: "src/pkg/io.py", line: 7 },
  ],
);
const NO_TODOS = check("repo.todos", "docs", "pass", "no markers", [
  m("repo.todos", 0, "count"),
  m("repo.todos.todo", 0, "count"),
]);
const EXPORT: Binding = { claim: "export time", command: ["python", "-m", "pkg.export"], runs: 5 };
const MODEL: Binding = { claim: "model file", file: "model.bin", runs: 5 };
const BINDINGS_OK = check("perf.bindings", "perf", "pass", "2 bindings measured", [
  timed("perf.command.export-time", 101, 3),
  m("size.model-file", 1_234_567, "bytes"),
]);
const BINDINGS_FAILED = check(
  "perf.bindings",
  "perf",
  "fail",
  '1 of 2 bindings failed: "export time" exited 1',
  [m("size.model-file", 1_234_567, "bytes")],
);
const FILES = [
  ".github/workflows/ci.yml",
  ".github/workflows/lint.yaml",
  "examples/a.py",
  "examples/b.py",
  "examples/c.py",
  "model.bin",
  "pyproject.toml",
  "src/pkg/__init__.py",
  "src/pkg/core.py",
  "src/pkg/io.py",
  "tests/test_core.py",
];

interface Row {
  name: string;
  claim: Claim;
  input?: Partial<VerifyInput>;
  verdict: Verdict;
  /** The exact reason, or a pattern it must match. */
  reason: string | RegExp;
  measured?: { metric: string; value: number; check: string };
}

function run(rows: Row[], base: Omit<VerifyInput, "claims">) {
  return async (t: Deno.TestContext) => {
    for (const row of rows) {
      await t.step(row.name, () => {
        const [result] = verifyClaims({ ...base, ...row.input, claims: [row.claim] });
        equal(result?.verdict, row.verdict, result?.reason);
        if (typeof row.reason === "string") equal(result?.reason, row.reason);
        else match(result?.reason ?? "", row.reason);
        if (row.measured !== undefined) {
          const { metric, value, check } = result?.measured ?? {};
          deepStrictEqual({ metric, value, check }, row.measured);
        }
      });
    }
  };
}

const BASE: Omit<VerifyInput, "claims"> = {
  checks: [PYTEST_OK, COVERAGE, IMPORT, TODOS, BINDINGS_OK],
  level: LEVEL_3,
  files: FILES,
  scripts: ["pkg-cli"],
  bindings: [EXPORT, MODEL],
};

const tests = (metric: string, value: number, comparator: Claim["comparator"] = "=") =>
  claim({ kind: "tests", metric, value, comparator, unit: "count" });

Deno.test(
  "verifyClaims() judges test counts exactly, and counts from a broken run are evidence",
  run([
    {
      name: "exact count holds",
      claim: tests("tests.passed", 8),
      verdict: "verified",
      reason: "claimed 8 passed; measured 8 passed",
      measured: { metric: "tests.passed", value: 8, check: "tests.pytest" },
    },
    {
      name: "off by two contradicts",
      claim: tests("tests.passed", 10),
      verdict: "contradicted",
      reason: "claimed 10 passed; measured 8 passed",
    },
    {
      name: "zero failures holds",
      claim: tests("tests.failed", 0),
      verdict: "verified",
      reason: "claimed 0 failed; measured 0 failed",
    },
    {
      name: "an unmeasured count is 0 once the check counted",
      claim: tests("tests.errors", 0),
      verdict: "verified",
      reason: "claimed 0 errors; measured 0 errors",
    },
    {
      name: "total is derived from the counts",
      claim: tests("tests.total", 9),
      verdict: "verified",
      reason: "claimed 9 tests; measured 9 tests",
    },
    {
      name: "pass rate is derived from the counts",
      claim: claim({ kind: "tests", metric: "tests.passRate", value: 100, unit: "percent" }),
      verdict: "verified",
      reason: "claimed 100 % pass rate; measured 100 %",
    },
    {
      name: "at least",
      claim: tests("tests.passed", 5, "≥"),
      verdict: "verified",
      reason: "claimed ≥ 5 passed; measured 8 passed",
    },
    {
      name: "a run that collected nothing contradicts, with the check's summary",
      claim: tests("tests.passed", 707),
      input: { checks: [PYTEST_BROKEN] },
      verdict: "contradicted",
      reason: "claimed 707 passed; measured 0 passed; tests.pytest fail: 0 passed, " +
        "31 collection errors: ModuleNotFoundError torch ×30",
    },
    {
      name: "pass rate of a run with collection errors",
      claim: claim({ kind: "tests", metric: "tests.passRate", value: 100, unit: "percent" }),
      input: { checks: [PYTEST_BROKEN] },
      verdict: "contradicted",
      reason: /^claimed 100 % pass rate; measured 0 %; tests\.pytest fail/,
    },
    {
      name: "tests that never ran leave it unverified, saying why",
      claim: tests("tests.passed", 707),
      input: { checks: [PYTEST_NOT_RUN] },
      verdict: "unverified",
      reason: "no measurement of passed; tests.pytest unverified: pytest could not be installed",
    },
    {
      name: "no test check at all",
      claim: tests("tests.passed", 707),
      input: { checks: [] },
      verdict: "unverified",
      reason: "no probe measures passed: no test check ran",
    },
    {
      name: "test duration without stats uses the value",
      claim: claim({
        kind: "timing",
        metric: "tests.durationMs",
        value: 1000,
        comparator: "<",
        unit: "ms",
      }),
      verdict: "verified",
      reason: "claimed < 1000 ms test run time; measured 420 ms",
    },
    {
      name: "a claim without a value",
      claim: claim({ kind: "tests", metric: "tests.passed" }),
      verdict: "unverified",
      reason: "the claim states no value to compare",
    },
    {
      name: "a claim without a metric",
      claim: claim({ kind: "tests", value: 3 }),
      verdict: "unverified",
      reason: "no metric could be read from the claim",
    },
  ], BASE),
);

const coverage = (value: number, comparator: Claim["comparator"] = "=") =>
  claim({ kind: "coverage", metric: "coverage.lines", value, comparator, unit: "percent" });

Deno.test(
  "verifyClaims() judges coverage within half a point",
  run([
    {
      name: "97 % against 61.2 %",
      claim: coverage(97),
      verdict: "contradicted",
      reason: "claimed 97 % line coverage; measured 61.2 %; " +
        "coverage.python fail: 61.2 % of lines < 80 %",
      measured: { metric: "coverage.lines", value: 61.2, check: "coverage.python" },
    },
    { name: "61 % rounds", claim: coverage(61), verdict: "verified", reason: /^claimed 61 %/ },
    {
      name: "61.7 % is at the slack",
      claim: coverage(61.7),
      verdict: "verified",
      reason: /61.2 %/,
    },
    {
      name: "61.71 % is past the slack",
      claim: coverage(61.71),
      verdict: "contradicted",
      reason: /61.2 %/,
    },
    {
      name: "≥ 61.7 holds within slack",
      claim: coverage(61.7, "≥"),
      verdict: "verified",
      reason: /≥ 61.7 %/,
    },
    {
      name: "≥ 61.71 fails",
      claim: coverage(61.71, "≥"),
      verdict: "contradicted",
      reason: /≥ 61.71 %/,
    },
    {
      name: "unit mismatch",
      claim: claim({ kind: "coverage", metric: "coverage.lines", value: 3, unit: "count" }),
      verdict: "unverified",
      reason: "cannot compare count with percent (coverage.lines)",
    },
    {
      name: "branch coverage not measured",
      claim: claim({ kind: "coverage", metric: "coverage.branches", value: 90, unit: "percent" }),
      verdict: "unverified",
      reason: "no measurement of branch coverage; coverage.python fail: 61.2 % of lines < 80 %",
    },
    {
      name: "no coverage check",
      claim: coverage(90),
      input: { checks: [PYTEST_OK] },
      verdict: "unverified",
      reason: "no probe measures line coverage: no coverage check ran",
    },
  ], BASE),
);

const timing = (metric: string, value: number, comparator: Claim["comparator"], text = "a claim") =>
  claim({ kind: "timing", metric, value, comparator, unit: "ms", text });

Deno.test(
  "verifyClaims() judges timings against median ± MAD",
  run([
    {
      name: "import time: the slowest package when none is named",
      claim: timing("perf.import", 50, "<"),
      verdict: "contradicted",
      reason: "claimed < 50 ms import time; measured 150 ms median ± 5 ms over 5 runs",
      measured: { metric: "perf.import", value: 150, check: "perf.python-import" },
    },
    {
      name: "import time of a named package",
      claim: timing("perf.import.fastpkg", 25, "<"),
      verdict: "verified",
      reason: "claimed < 25 ms import time of fastpkg; measured 12 ms median ± 1 ms over 5 runs",
    },
    {
      name: "a bound inside the band is inconclusive",
      claim: timing("perf.import.fastpkg", 12.5, "<"),
      verdict: "unverified",
      reason: /; inconclusive: within noise$/,
    },
    {
      name: "a bound below the whole band contradicts",
      claim: timing("perf.import.fastpkg", 10.9, "≤"),
      verdict: "contradicted",
      reason: /^claimed ≤ 10.9 ms/,
    },
    {
      name: "about 0.035 s against 12 ms is off by more than 2×",
      claim: timing("perf.import.fastpkg", 35, "~"),
      verdict: "contradicted",
      reason: /^claimed ~ 35 ms import time of fastpkg/,
    },
    {
      name: "about 14 ms agrees within 20 %",
      claim: timing("perf.import.fastpkg", 14, "~"),
      verdict: "verified",
      reason: /^claimed ~ 14 ms/,
    },
    {
      name: "not measured: names the check that would",
      claim: timing("perf.import", 50, "<"),
      input: { checks: [check("perf.python-import", "perf", "error", "python crashed")] },
      verdict: "unverified",
      reason: "no measurement of import time; perf.python-import error: python crashed",
    },
    {
      name: "no probe for a latency",
      claim: timing("perf.latency.p50", 5, "<"),
      verdict: "unverified",
      reason: 'no probe measures (perf.latency.p50); bind it in claimcheck.json: "bindings": ' +
        '[{ "claim": "…", "command": ["…"] }]',
    },
    {
      name: "throughput has no probe",
      claim: claim({ kind: "throughput", metric: "perf.throughput", value: 1000, unit: "rps" }),
      verdict: "unverified",
      reason: /^no probe measures throughput; bind it/,
    },
  ], BASE),
);

Deno.test(
  "verifyClaims() matches bindings by phrase or metric",
  run([
    {
      name: "a bound command's timing contradicts",
      claim: timing("perf.command.export", 5, "<", "- ONNX export time: <5ms"),
      verdict: "contradicted",
      reason:
        "claimed < 5 ms (perf.command.export-time); measured 101 ms median ± 3 ms over 5 runs " +
        "(python -m pkg.export)",
      measured: { metric: "perf.command.export-time", value: 101, check: "perf.bindings" },
    },
    {
      name: "the binding wins over the extracted metric",
      claim: timing("perf.import", 200, "<", "Export time under 200 ms"),
      verdict: "verified",
      reason: /^claimed < 200 ms \(perf\.command\.export-time\); measured 101 ms/,
    },
    {
      name: "a bound file's size",
      claim: claim({
        kind: "size",
        metric: "size.model",
        value: 1_000_000,
        comparator: "<",
        unit: "bytes",
        text: "Model file is under 1 MB",
      }),
      verdict: "contradicted",
      reason: "claimed < 1.00 MB (1000000 bytes) (size.model-file); " +
        "measured 1.23 MB (1234567 bytes) (model.bin)",
    },
    {
      name: "a bound command that failed",
      claim: timing("perf.command.export", 5, "<", "export time <5ms"),
      input: { checks: [BINDINGS_FAILED] },
      verdict: "unverified",
      reason: "bound to python -m pkg.export in claimcheck.json, but perf.bindings fail: " +
        '1 of 2 bindings failed: "export time" exited 1',
    },
    {
      name: "bindings not run",
      claim: timing("perf.command.export", 5, "<", "export time <5ms"),
      input: { checks: [] },
      verdict: "unverified",
      reason: "bound to python -m pkg.export in claimcheck.json, but perf.bindings did not run",
    },
    {
      name: "an unbound command timing asks for a binding",
      claim: timing("perf.command.export", 5, "<", "export <5ms"),
      input: { bindings: [] },
      verdict: "unverified",
      reason: /^no probe measures \(perf\.command\.export\); bind it in claimcheck\.json/,
    },
    {
      name: "an unbound size asks for a file binding",
      claim: claim({
        kind: "size",
        metric: "size.bundle",
        value: 10,
        comparator: "<",
        unit: "bytes",
      }),
      input: { bindings: [] },
      verdict: "unverified",
      reason: /"file": "…"/,
    },
  ], BASE),
);

const repo = (metric: string, value: number, comparator: Claim["comparator"] = "=") =>
  claim({ kind: "repo", metric, value, comparator, unit: "count" });

Deno.test(
  "verifyClaims() counts repo facts from the file list",
  run([
    {
      name: "3 examples",
      claim: repo("repo.examples", 3),
      verdict: "verified",
      reason:
        "claimed 3 examples; measured 3 examples (scripts and folders directly under examples/)",
      measured: { metric: "repo.examples", value: 3, check: "snapshot" },
    },
    {
      name: "30+ examples",
      claim: repo("repo.examples", 30, "≥"),
      verdict: "contradicted",
      reason: /^claimed ≥ 30 examples; measured 3 examples/,
    },
    {
      name: "5 workflows",
      claim: repo("repo.workflows", 5),
      verdict: "contradicted",
      reason: /measured 2/,
    },
    {
      name: "2 modules",
      claim: repo("repo.modules", 2),
      verdict: "verified",
      reason: /measured 2/,
    },
    {
      name: "1 test file",
      claim: repo("repo.tests", 1),
      verdict: "verified",
      reason: /^claimed 1 test file; measured 1 test file \(test files/,
    },
    {
      name: "3 example files",
      claim: repo("repo.files.examples", 3),
      verdict: "verified",
      reason: /3/,
    },
    {
      name: "a measured repo metric comes first",
      claim: repo("repo.modules", 7),
      input: {
        checks: [check("docs.x", "docs", "pass", "counted", [m("repo.modules", 7, "count")])],
      },
      verdict: "verified",
      reason: "claimed 7 modules; measured 7 modules",
    },
    {
      name: "no rule",
      claim: repo("repo.files.widgets", 3),
      verdict: "unverified",
      reason: "no rule counts widgets files in the snapshot",
    },
  ], BASE),
);

const absence = (subject: string) =>
  claim({
    kind: "absence",
    subject,
    metric: "repo.todos",
    value: 0,
    comparator: "=",
    unit: "count",
  });

Deno.test(
  "verifyClaims() judges absence claims from repo.todos",
  run([
    {
      name: "no TODOs while two exist",
      claim: absence("TODO"),
      verdict: "contradicted",
      reason: "claimed no TODO markers; found 2, first at src/pkg/core.py:12, src/pkg/io.py:7",
      measured: { metric: "repo.todos.todo", value: 2, check: "repo.todos" },
    },
    {
      name: "no FIXMEs",
      claim: absence("FIXMEs"),
      verdict: "contradicted",
      reason: "claimed no FIXME markers; found 1, first at src/pkg/core.py:4",
    },
    {
      name: "no XXX",
      claim: absence("XXX"),
      verdict: "verified",
      reason: "claimed no XXX markers; found none in source files",
    },
    {
      name: "a subject that is no single marker counts all markers",
      claim: absence("TODO/FIXME"),
      verdict: "contradicted",
      reason: "claimed no TODO/FIXME/XXX markers; found 3, first at src/pkg/core.py:4, " +
        "src/pkg/core.py:12, src/pkg/io.py:7",
    },
    {
      name: "a clean tree",
      claim: absence("TODO"),
      input: { checks: [NO_TODOS] },
      verdict: "verified",
      reason: "claimed no TODO markers; found none in source files",
    },
    {
      name: "an absence claim without metric is read by its subject",
      claim: claim({ kind: "absence", subject: "TODO" }),
      verdict: "contradicted",
      reason: /^claimed no TODO markers; found 2/,
    },
    {
      name: "repo.todos did not run",
      claim: absence("TODO"),
      input: { checks: [] },
      verdict: "unverified",
      reason: "no probe counts TODO markers: repo.todos did not run",
    },
    {
      name: "warnings have no probe",
      claim: claim({
        kind: "absence",
        subject: "warnings",
        metric: "tests.warnings",
        value: 0,
        unit: "count",
      }),
      verdict: "unverified",
      reason: "no measurement of (tests.warnings); tests.pytest pass: 8 passed",
    },
  ], BASE),
);

const status = (subject: string | undefined, value?: number) =>
  claim({
    kind: "status",
    metric: "level",
    ...(subject !== undefined ? { subject } : {}),
    ...(value !== undefined ? { value, unit: "percent" as const } : {}),
  });

Deno.test(
  "verifyClaims() judges status phrases against the readiness level",
  run([
    {
      name: "production ready at level 1",
      claim: status("production ready"),
      input: { level: LEVEL_1 },
      verdict: "contradicted",
      reason:
        "claimed production ready; readiness level 1 (Installs): tests.pytest fail: 8 passed, 1 failed",
      measured: { metric: "level", value: 1, check: "level" },
    },
    {
      name: "production ready at level 3 is not enough",
      claim: status("production ready"),
      verdict: "unverified",
      reason:
        "claimed production ready; readiness level 3 (Tested): coverage.python fail: 61.2 % of " +
        "lines < 80 % (level 3 is necessary, not sufficient; 4 verifies)",
    },
    {
      name: "production ready at level 4",
      claim: status("production ready"),
      input: { level: LEVEL_4 },
      verdict: "verified",
      reason: "claimed production ready; readiness level 4 (Measured)",
    },
    {
      name: "readiness score at level 1",
      claim: status("readiness score", 98),
      input: { level: LEVEL_1 },
      verdict: "contradicted",
      reason: /^claimed readiness score 98 %; readiness level 1 \(Installs\)/,
    },
    {
      name: "readiness score at level 3",
      claim: status(undefined, 98),
      verdict: "unverified",
      reason: /^claimed readiness 98 %/,
    },
    {
      name: "readiness score at level 4",
      claim: status(undefined, 98),
      input: { level: LEVEL_4 },
      verdict: "verified",
      reason: /98 %/,
    },
  ], BASE),
);

const exists = (subject?: string) =>
  claim({ kind: "exists", ...(subject !== undefined ? { subject } : {}) });

Deno.test(
  "verifyClaims() looks for named files, modules and commands",
  run([
    {
      name: "a bare file name",
      claim: exists("core.py"),
      verdict: "verified",
      reason: "found src/pkg/core.py",
    },
    {
      name: "a missing file",
      claim: exists("pkg/turbo.py"),
      verdict: "contradicted",
      reason: "no file pkg/turbo.py in the snapshot",
    },
    {
      name: "a module",
      claim: exists("pkg.io"),
      verdict: "verified",
      reason: "found src/pkg/io.py",
    },
    {
      name: "a declared command",
      claim: exists("pkg-cli"),
      verdict: "verified",
      reason: "found entry point pkg-cli",
    },
    {
      name: "an undeclared command",
      claim: exists("pkg-export --fast"),
      verdict: "contradicted",
      reason: "no entry point pkg-export (declared: pkg-cli) in the snapshot",
    },
    {
      name: "entry points unknown",
      claim: exists("pkg-export --fast"),
      input: { scripts: undefined },
      verdict: "unverified",
      reason: "cannot check pkg-export --fast: the declared entry points are unknown",
    },
    {
      name: "nothing named",
      claim: exists(),
      verdict: "unverified",
      reason: "the claim names nothing to look for",
    },
  ], BASE),
);

Deno.test("verifyClaims() keeps every claim field and order", () => {
  const claims = [tests("tests.passed", 8), exists("core.py")];
  const result = verifyClaims({ ...BASE, claims });
  equal(result.length, 2);
  deepStrictEqual(result.map((c) => c.verdict), ["verified", "verified"]);
  deepStrictEqual({ ...result[0], verdict: undefined, reason: undefined, measured: undefined }, {
    ...claims[0],
    verdict: undefined,
    reason: undefined,
    measured: undefined,
  });
  equal(result[1]?.measured, undefined);
  equal("measured" in (result[1] ?? {}), false);
});

const PYTEST_HERE = check(
  "tests.pytest",
  "tests",
  "warn",
  "115 passed, 4 skipped; 1 flaky",
  [
    m("tests.passed", 115, "count"),
    m("tests.failed", 0, "count"),
    m("tests.skipped", 10, "count"),
    m("tests.skipped.environment", 4, "count"),
    m("tests.skipped.environment.lxml", 3, "count"),
    m("tests.skipped.environment.yaml", 1, "count"),
    m("tests.flaky", 1, "count"),
  ],
  [{ message: "tests/test_x.py::test_x is flaky: failed 1 of 3 runs" }],
);
const PYTEST_HERE_FAILING = check("tests.pytest", "tests", "fail", "1 failed, 119 passed", [
  m("tests.passed", 119, "count"),
  m("tests.failed", 1, "count"),
  m("tests.flaky", 1, "count"),
], [{ message: "tests/test_x.py::test_x is flaky: failed 2 of 3 runs" }]);
const PYTEST_STEADY = check("tests.pytest", "tests", "pass", "120 passed", [
  m("tests.passed", 120, "count"),
  m("tests.skipped", 0, "count"),
  m("tests.skipped.environment", 0, "count"),
  m("tests.flaky", 0, "count"),
]);

Deno.test(
  "verifyClaims() reads counts against environment skips and flaky tests",
  run([
    {
      name: "off only by skips here and a flaky test: unverified, explained",
      claim: tests("tests.passed", 120),
      verdict: "unverified",
      reason:
        "claimed 120 passed; measured 115 passed, 4 skipped because a module is missing here (lxml, yaml), 1 flaky",
    },
    {
      name: "partly explained is still unverified",
      claim: tests("tests.passed", 117),
      verdict: "unverified",
      reason: /^claimed 117 passed; measured 115 passed, 4 skipped because/,
    },
    {
      name: "more than the environment explains contradicts",
      claim: tests("tests.passed", 130),
      verdict: "contradicted",
      reason: "claimed 130 passed; measured 115 passed",
    },
    {
      name: "fewer passed than measured is not explained by skips",
      claim: tests("tests.passed", 110),
      verdict: "contradicted",
      reason: "claimed 110 passed; measured 115 passed",
    },
    {
      name: "a bound within reach of the environment",
      claim: tests("tests.passed", 118, "≥"),
      verdict: "unverified",
      reason: /^claimed ≥ 118 passed; measured 115 passed, 4 skipped/,
    },
    {
      name: "skipped count off by the skips here",
      claim: tests("tests.skipped", 6),
      verdict: "unverified",
      reason:
        "claimed 6 skipped; measured 10 skipped, 4 skipped because a module is missing here (lxml, yaml)",
    },
    {
      name: "exact agreement is still verified",
      claim: tests("tests.passed", 115),
      verdict: "verified",
      reason: "claimed 115 passed; measured 115 passed",
    },
    {
      name: "zero failures against a flaky suite contradicts, naming the test",
      claim: tests("tests.failed", 0),
      verdict: "contradicted",
      reason:
        "claimed 0 failed; measured 0 failed; not reliably: tests/test_x.py::test_x failed 1 of 3 runs",
    },
    {
      name: "all tests pass against a flaky suite contradicts",
      claim: claim({
        kind: "tests",
        metric: "tests.passRate",
        comparator: "=",
        value: 100,
        unit: "percent",
      }),
      verdict: "contradicted",
      reason:
        /^claimed 100 % pass rate; measured 100 %; not reliably: tests\/test_x\.py::test_x failed 1 of 3 runs$/,
    },
  ], { ...BASE, checks: [PYTEST_HERE] }),
);

Deno.test(
  "verifyClaims() with a flaky failure: counts unverified, zero failures contradicted",
  run([
    {
      name: "one failure, flaky: a claim of 120 passed is unverified",
      claim: tests("tests.passed", 120),
      verdict: "unverified",
      reason: /^claimed 120 passed; measured 119 passed, 1 flaky; tests\.pytest fail: /,
    },
    {
      name: "a claim of no failures is contradicted, not reliably",
      claim: tests("tests.failed", 0),
      verdict: "contradicted",
      reason:
        /^claimed 0 failed; measured 1 failed, 1 flaky; not reliably: tests\/test_x\.py::test_x failed 2 of 3 runs; tests\.pytest fail/,
    },
  ], { ...BASE, checks: [PYTEST_HERE_FAILING] }),
);

Deno.test(
  "verifyClaims() on a steady suite measured here: exact counts verified, others contradicted",
  run([
    {
      name: "exact",
      claim: tests("tests.passed", 120),
      verdict: "verified",
      reason: "claimed 120 passed; measured 120 passed",
    },
    {
      name: "no environment to explain a difference",
      claim: tests("tests.passed", 125),
      verdict: "contradicted",
      reason: "claimed 125 passed; measured 120 passed",
    },
    {
      name: "zero failures holds",
      claim: tests("tests.failed", 0),
      verdict: "verified",
      reason: "claimed 0 failed; measured 0 failed",
    },
  ], { ...BASE, checks: [PYTEST_STEADY] }),
);
