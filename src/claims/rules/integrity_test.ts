import { deepStrictEqual } from "node:assert/strict";
import type { CheckResult } from "../../check.ts";
import type { Claim } from "../claim.ts";
import { type Judged, reviseWithIntegrity } from "./integrity.ts";

const vacuous = (items: number): CheckResult => ({
  id: "tests.vacuous",
  category: "docs",
  status: items > 0 ? "fail" : "pass",
  summary: "",
  durationMs: 0,
  measurements: [
    { metric: "tests.vacuous", value: items, unit: "count" },
    { metric: "tests.vacuous.items", value: items, unit: "count" },
  ],
  evidence: [],
  findings: items > 0
    ? [{ message: "test_x asserts nothing: it has no assertion", file: "tests/t.py", line: 4 }]
    : [],
});

const claim = (value: number, comparator: Claim["comparator"] = "="): Claim => ({
  file: "README.md",
  line: 3,
  text: `${value} tests pass`,
  kind: "tests",
  metric: "tests.passed",
  comparator,
  value,
  unit: "count",
});

const verified = (measured: number): Judged => ({
  verdict: "verified",
  reason: `claimed ${measured} passed; measured ${measured} passed`,
  measured: { metric: "tests.passed", value: measured, unit: "count", check: "tests.pytest" },
});

Deno.test("reviseWithIntegrity() verifies a test count only by tests that assert something", async (t) => {
  const note =
    "8 of the 11 passing tests assert nothing (tests.vacuous, first test_x at tests/t.py:4)";
  const rows: Array<[string, Claim, Judged, CheckResult[], Judged["verdict"], string]> = [
    ["11 passed, 8 vacuous", claim(11), verified(11), [vacuous(8)], "contradicted", note],
    ["≥ 3 passed, 8 of 11 vacuous", claim(3, "≥"), verified(11), [vacuous(8)], "verified", note],
    ["no vacuous test", claim(11), verified(11), [vacuous(0)], "verified", ""],
    ["tests.vacuous did not run", claim(11), verified(11), [], "verified", ""],
  ];
  for (const [name, c, judged, checks, verdict, suffix] of rows) {
    await t.step(name, () => {
      const out = reviseWithIntegrity(c, judged, checks);
      deepStrictEqual(
        [out.verdict, out.reason],
        [verdict, suffix === "" ? judged.reason : `${judged.reason}; ${suffix}`],
      );
    });
  }
});

Deno.test("reviseWithIntegrity() adds the note to an already contradicted count and leaves others", () => {
  const judged: Judged = {
    verdict: "contradicted",
    reason: "claimed 20 passed; measured 11 passed",
    measured: { metric: "tests.passed", value: 11, unit: "count", check: "tests.pytest" },
  };
  deepStrictEqual(
    reviseWithIntegrity(claim(20), judged, [vacuous(2)]).reason,
    "claimed 20 passed; measured 11 passed; 2 of the 11 passing tests assert nothing (tests.vacuous, first test_x at tests/t.py:4)",
  );
  const coverage: Claim = { ...claim(90), kind: "coverage", metric: "coverage.lines" };
  deepStrictEqual(reviseWithIntegrity(coverage, verified(90), [vacuous(2)]), verified(90));
});

Deno.test("reviseWithIntegrity() puts a stand-in of a named dependency into the claim's reason", () => {
  const mocks: CheckResult = {
    ...vacuous(0),
    id: "code.mocks",
    status: "fail",
    measurements: [],
    findings: [{
      message: "falls back to the stand-in `pkg.mock_torch` when `torch` cannot be imported",
      file: "src/pkg/__init__.py",
      line: 5,
      subject: "torch",
    }],
  };
  const status: Claim = {
    file: "README.md",
    line: 2,
    text: "Production ready, with full PyTorch integration",
    kind: "status",
  };
  const judged: Judged = { verdict: "unverified", reason: "claimed production ready; level 3" };
  deepStrictEqual(reviseWithIntegrity(status, judged, [mocks]), {
    verdict: "unverified",
    reason:
      "claimed production ready; level 3; code.mocks: src/pkg/__init__.py:5 falls back to the stand-in `pkg.mock_torch` when `torch` cannot be imported",
  });
  deepStrictEqual(
    reviseWithIntegrity({ ...status, text: "Production ready" }, judged, [mocks]),
    judged,
  );
});

Deno.test("reviseWithIntegrity() contradicts a claimed figure that is a literal in the code", () => {
  const constants: CheckResult = {
    ...vacuous(0),
    id: "code.constants",
    status: "fail",
    measurements: [],
    findings: [{
      message: "`coverage` = 96.4 is a literal in run_quality_gates, not a measurement",
      file: "src/qgate/quality_gates.py",
      line: 9,
      subject: "coverage",
      value: 96.4,
    }],
  };
  const coverage: Claim = {
    file: "STATUS.md",
    line: 5,
    text: "- Test coverage: 96.4%",
    kind: "coverage",
    metric: "coverage.lines",
    comparator: "=",
    value: 96.4,
    unit: "percent",
  };
  const unmeasured: Judged = { verdict: "unverified", reason: "no coverage check ran" };
  const note =
    "the figure is a literal at src/qgate/quality_gates.py:9, not a measurement (code.constants)";
  deepStrictEqual(reviseWithIntegrity(coverage, unmeasured, [constants]), {
    verdict: "contradicted",
    reason: `no coverage check ran; ${note}`,
  });
  const measured: Judged = { verdict: "verified", reason: "measured 96.4 %" };
  deepStrictEqual(reviseWithIntegrity(coverage, measured, [constants]).verdict, "verified");
  const other = { ...coverage, value: 80 };
  deepStrictEqual(reviseWithIntegrity(other, unmeasured, [constants]), unmeasured);
  const timing: Claim = {
    ...coverage,
    text: "Import time: 96.4 ms",
    kind: "timing",
    metric: "perf.import",
    unit: "ms",
  };
  deepStrictEqual(reviseWithIntegrity(timing, unmeasured, [constants]), unmeasured);
});

Deno.test("reviseWithIntegrity() contradicts a demo that does not start and counts working examples", () => {
  const run: CheckResult = {
    ...vacuous(0),
    id: "run.entrypoints",
    status: "fail",
    measurements: [
      { metric: "run.examples.ok", value: 1, unit: "count" },
      { metric: "run.examples.failed", value: 1, unit: "count" },
    ],
    findings: [{
      message: "python examples/demo.py fails: ModuleNotFoundError: No module named 'x'",
      file: "examples/demo.py",
      line: 1,
      subject: "examples/demo.py",
    }],
  };
  const demo: Claim = {
    file: "README.md",
    line: 6,
    text: "- `examples/demo.py` — interactive demo",
    kind: "exists",
    subject: "examples/demo.py",
  };
  const found: Judged = { verdict: "verified", reason: "found examples/demo.py" };
  deepStrictEqual(reviseWithIntegrity(demo, found, [run]), {
    verdict: "contradicted",
    reason:
      "found examples/demo.py; run.entrypoints: python examples/demo.py fails: ModuleNotFoundError: No module named 'x'",
  });
  const basic = { ...demo, text: "- `examples/basic.py`", subject: "examples/basic.py" };
  deepStrictEqual(reviseWithIntegrity(basic, found, [run]), found);
  const examples: Claim = {
    file: "README.md",
    line: 2,
    text: "2 working examples",
    kind: "repo",
    metric: "repo.examples",
    comparator: "=",
    value: 2,
    unit: "count",
  };
  const counted: Judged = {
    verdict: "verified",
    reason: "claimed 2 examples; measured 2 examples",
  };
  deepStrictEqual(reviseWithIntegrity(examples, counted, [run]), {
    verdict: "contradicted",
    reason: `${counted.reason}; 1 of 2 examples run to exit 0 (run.entrypoints)`,
  });
});

Deno.test("reviseWithIntegrity() names a vacuous test by its subject and adds a raised figure's history", () => {
  const js: CheckResult = {
    ...vacuous(2),
    findings: [{
      message: "slug() > handles empty text asserts nothing: it has no assertion",
      file: "test/slug.test.js",
      line: 14,
      subject: "slug() > handles empty text",
    }],
  };
  const history: CheckResult = {
    id: "repo.history",
    category: "docs",
    status: "fail",
    summary: "",
    durationMs: 0,
    measurements: [],
    evidence: [],
    findings: [{
      message:
        "tests.passed was raised from 9 to 11 at bbbbbbb, a commit that changed only documentation",
      file: "README.md",
      line: 3,
    }],
  };
  const out = reviseWithIntegrity(claim(11), verified(11), [js, history]);
  deepStrictEqual([out.verdict, out.reason], [
    "contradicted",
    "claimed 11 passed; measured 11 passed; 2 of the 11 passing tests assert nothing " +
    "(tests.vacuous, first slug() > handles empty text at test/slug.test.js:14); repo.history: " +
    "tests.passed was raised from 9 to 11 at bbbbbbb, a commit that changed only documentation",
  ]);
});
