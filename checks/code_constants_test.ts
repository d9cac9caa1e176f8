import { deepStrictEqual, equal } from "node:assert/strict";
import { evaluateConstants } from "../src/integrity/constants.ts";
import { codeConstants } from "./code_constants.ts";
import { detectedContext, withTemp } from "./_integrity_context.ts";
import { writeTree } from "./_real_context.ts";
import { fixture, values } from "./_report_helpers.ts";

Deno.test("evaluateConstants() gives each literal a finding with its key and number", () => {
  const outcome = evaluateConstants(
    {
      literals: [{ file: "g.py", line: 4, key: "coverage", value: 95.5, context: "run_gate" }],
      parseErrors: [],
    },
    2,
    0,
  );
  equal(outcome.status, "fail");
  deepStrictEqual(outcome.findings, [{
    message: "`coverage` = 95.5 is a literal in run_gate, not a measurement",
    file: "g.py",
    line: 4,
    subject: "coverage",
    value: 95.5,
  }]);
  deepStrictEqual(values(outcome), { "code.constants": 1 });
  equal(evaluateConstants({ literals: [], parseErrors: [] }, 2, 0).status, "pass");
});

Deno.test("codeConstants finds fixtures/py_constants' literal quality gate, not its threshold", async () => {
  await withTemp(async (temp) => {
    const outcome = await codeConstants.run(await detectedContext(fixture("py_constants"), temp));
    equal(outcome.status, "fail", outcome.summary);
    deepStrictEqual(outcome.findings?.map((f) => `${f.file}:${f.line} ${f.subject}=${f.value}`), [
      "src/qgate/quality_gates.py:9 coverage=96.4",
      "src/qgate/quality_gates.py:10 latency_p95_ms=42",
      "src/qgate/quality_gates.py:11 success_rate=99.9",
    ]);
  });
});

Deno.test("codeConstants: only result keys in gate, validation, benchmark or report code", async () => {
  const root = await writeTree({
    "pyproject.toml": '[project]\nname = "p"\n',
    "src/p/__init__.py": "def scale(x):\n    return {'score': 3, 'coverage': 2}\n",
    "src/p/benchmark.py": [
      "import time",
      "def run():",
      "    start = time.perf_counter()",
      "    latency_ms = (time.perf_counter() - start) * 1000",
      "    return {'latency_ms': latency_ms, 'latency_budget_ms': 50, 'accuracy': 0}",
      "class Report:",
      "    def __init__(self):",
      "        self.pass_rate = 100.0",
      "",
    ].join("\n"),
    "tests/test_p.py": "def test_gate():\n    report = {'coverage': 99.0}\n",
  });
  try {
    await withTemp(async (temp) => {
      const outcome = await codeConstants.run(await detectedContext(root, temp));
      deepStrictEqual(outcome.findings?.map((f) => `${f.file}:${f.line} ${f.subject}`), [
        "src/p/benchmark.py:8 pass_rate",
      ]);
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("codeConstants passes the clean fixtures", async () => {
  for (const name of ["py_ok", "py_failing", "py_overclaim", "py_setuppy"]) {
    await withTemp(async (temp) => {
      const outcome = await codeConstants.run(await detectedContext(fixture(name), temp));
      equal(outcome.status, "pass", `${name}: ${outcome.summary}`);
    });
  }
});
