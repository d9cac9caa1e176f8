/**
 * tests.pytest for real: a temporary project audited end to end (a venv from the local index,
 * pytest under coverage, the second run and the reruns through the executor), and unittest and
 * project-runner plans run through claimcheck's JUnit-writing runner with the machine's python3.
 * @module
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { audit } from "../src/audit.ts";
import type { CheckContext } from "../src/check.ts";
import { fakePythonEnv } from "../src/python/_fake_context.ts";
import { fakePlan } from "../src/python/_fake_plan.ts";
import type { TestPlan } from "../src/python/test_plan.ts";
import { check, values } from "./_report_helpers.ts";
import { realContext, writeTree } from "./_real_context.ts";
import { testsPytest } from "./tests_pytest.ts";

if (!Deno.env.get("PIP_INDEX_URL")) Deno.env.set("PIP_INDEX_URL", "file:///opt/pypi/simple");

/** Fails on its first run in a snapshot (it leaves a marker beside itself), passes after. */
const FIRST_RUN_FAILS = [
  "import os",
  "",
  "MARK = os.path.join(os.path.dirname(os.path.abspath(__file__)), '.ran-once')",
  "",
  "",
  "def first_run():",
  "    if os.path.exists(MARK):",
  "        return False",
  "    open(MARK, 'w').close()",
  "    return True",
].join("\n");

async function withTree(
  files: Record<string, string>,
  body: (root: string) => Promise<void>,
): Promise<void> {
  const root = await writeTree(files);
  try {
    await body(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("tests.pytest on a real suite: a flaky test, one that always fails, skips for a module missing here", async () => {
  await withTree({
    "pyproject.toml":
      '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "probe"\nversion = "0.1.0"\n',
    "probe/__init__.py": "def add(a, b):\n    return a + b\n",
    "tests/flag.py": FIRST_RUN_FAILS,
    "tests/test_probe.py": [
      "import sys, os",
      "import pytest",
      "sys.path.insert(0, os.path.dirname(__file__))",
      "from flag import first_run",
      "from probe import add",
      "",
      "def test_add():",
      "    assert add(1, 2) == 3",
      "",
      "def test_flaky():",
      "    assert not first_run(), 'fails on the first run only'",
      "",
      "def test_always_fails():",
      "    assert add(1, 1) == 3",
      "",
      "def test_needs_a_missing_module():",
      "    pytest.importorskip('claimcheck_absent_module')",
      "",
      "@pytest.mark.skipif(True, reason='requires claimcheck_other_absent')",
      "def test_named_missing():",
      "    pass",
      "",
      "@pytest.mark.skip(reason='needs network')",
      "def test_network():",
      "    pass",
    ].join("\n"),
  }, async (root) => {
    const report = await audit({ target: root, only: ["tests.pytest"] });
    const tests = check(report, "tests.pytest");
    strictEqual(tests.status, "fail", tests.summary);
    const v = values(tests);
    deepStrictEqual(
      ["passed", "failed", "skipped", "skipped.environment", "flaky"].map((k) => v[`tests.${k}`]),
      [1, 2, 3, 2, 1],
      tests.summary,
    );
    match(
      tests.summary,
      /^2 failed, 1 passed, 3 skipped; 1 flaky: tests\/test_probe\.py::test_flaky failed 1 of 2 runs; 2 skipped because a module is missing here/,
    );
    ok(
      tests.findings.some((f) =>
        f.message === "tests/test_probe.py::test_flaky is flaky: failed 1 of 2 runs"
      ),
      JSON.stringify(tests.findings),
    );
    // The first run, the import probe, the second whole run, two reruns of the test that always fails.
    const argvs = tests.evidence.map((e) => e.argv.join(" "));
    strictEqual(tests.evidence.length, 5, argvs.join("\n"));
    ok(argvs[0]?.includes("coverage run"), argvs[0]);
    deepStrictEqual(
      tests.evidence.slice(3).map((e) => e.argv.at(-1)),
      ["tests/test_probe.py::test_always_fails", "tests/test_probe.py::test_always_fails"],
    );
  });
});

/** A real context whose install.python handed over the machine's python3 with `plan`. */
async function unittestContext(root: string, temp: string, plan: TestPlan): Promise<CheckContext> {
  const python = (await new Deno.Command("python3", {
    args: ["-c", "import sys; print(sys.executable)"],
  }).output()).stdout;
  const env = fakePythonEnv({
    python: new TextDecoder().decode(python).trim(),
    mode: "existing",
    tools: { pytest: false, coverage: false, build: false },
    plan,
  });
  const ctx = realContext(root, temp, []);
  return {
    ...ctx,
    dependency: (id) =>
      id === "install.python"
        ? {
          result: {
            id,
            category: "deps",
            status: "pass",
            summary: "",
            durationMs: 0,
            measurements: [],
            evidence: [],
            findings: [],
          },
          data: env,
        }
        : undefined,
  };
}

const UNITTEST_FILES = {
  "flag.py": FIRST_RUN_FAILS,
  "tests/__init__.py": "",
  "tests/test_calc.py": [
    "import doctest",
    "import unittest",
    "from flag import first_run",
    "",
    "",
    "def double(x):",
    '    """',
    "    >>> double(2)",
    "    4",
    '    """',
    "    return 2 * x",
    "",
    "",
    "def load_tests(loader, tests, ignore):",
    "    tests.addTests(doctest.DocTestSuite(__name__))",
    "    return tests",
    "",
    "",
    "class Calc(unittest.TestCase):",
    "    def test_ok(self):",
    "        self.assertEqual(double(3), 6)",
    "",
    "    def test_flaky(self):",
    "        self.assertFalse(first_run())",
    "",
    "    def test_broken(self):",
    "        self.assertEqual(double(1), 3)",
    "",
    "    @unittest.skip('requires claimcheck_absent_module')",
    "    def test_skipped(self):",
    "        pass",
  ].join("\n"),
};

Deno.test("tests.pytest runs a real `python -m unittest` plan through its JUnit runner", async () => {
  await withTree(UNITTEST_FILES, async (root) => {
    const temp = await Deno.makeTempDir({ prefix: "claimcheck-unittest-" });
    try {
      const plan = fakePlan({
        runner: "unittest",
        command: "python -m unittest discover -s tests -t .",
        moduleArgs: ["unittest", "discover", "-s", "tests", "-t", "."],
      });
      const outcome = await testsPytest.run(await unittestContext(root, temp, plan));
      strictEqual(outcome.status, "fail", outcome.summary);
      const v = values(outcome);
      // The doctest from load_tests counts as one test, as unittest counts it.
      deepStrictEqual(
        ["passed", "failed", "skipped", "total", "skipped.environment", "flaky"].map((k) =>
          v[`tests.${k}`]
        ),
        [2, 2, 1, 5, 1, 1],
        outcome.summary,
      );
      match(outcome.summary, /1 flaky: tests\.test_calc\.Calc\.test_flaky failed 1 of 2 runs/);
      ok(
        outcome.findings?.some((f) =>
          f.file === "tests/test_calc.py" && f.message.startsWith("tests/test_calc.py::")
        ),
        JSON.stringify(outcome.findings),
      );
    } finally {
      await Deno.remove(temp, { recursive: true });
    }
  });
});

Deno.test("tests.pytest runs a project's own runner (`python -m pkg.tests`) and reads every test", async () => {
  await withTree({
    ...UNITTEST_FILES,
    "tests/__main__.py": [
      "import sys",
      "import unittest",
      "suite = unittest.defaultTestLoader.discover('tests', top_level_dir='.')",
      "result = unittest.TextTestRunner(verbosity=2).run(suite)",
      "sys.exit(0 if result.wasSuccessful() else 1)",
    ].join("\n"),
  }, async (root) => {
    const temp = await Deno.makeTempDir({ prefix: "claimcheck-module-" });
    try {
      const plan = fakePlan({
        runner: "module",
        command: "python -m tests",
        moduleArgs: ["tests"],
      });
      const ctx = await unittestContext(root, temp, plan);
      const outcome = await testsPytest.run(ctx);
      strictEqual(outcome.status, "fail", outcome.summary);
      deepStrictEqual(
        ["passed", "failed", "total", "flaky"].map((k) => values(outcome)[`tests.${k}`]),
        [2, 2, 5, 1],
        outcome.summary,
      );
      match(
        outcome.summary,
        /failing tests not rerun: `python -m tests` cannot select tests/,
      );
    } finally {
      await Deno.remove(temp, { recursive: true });
    }
  });
});
