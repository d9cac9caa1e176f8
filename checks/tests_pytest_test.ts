import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { argValue, fakeContext, fakePythonEnv, type FakeRun } from "../src/python/_fake_context.ts";
import type { PythonEnv } from "../src/python/env.ts";
import { type PytestData, testsPytest } from "./tests_pytest.ts";

const ENV = fakePythonEnv({ packages: ["pyfail"], imports: { pyfail: null } });

function recorded(name: string): Promise<string> {
  return Deno.readTextFile(new URL(`../src/python/testdata/${name}`, import.meta.url));
}

/** A context whose pytest run writes `junit` (when given) and ends as `run` says. */
function pytestContext(run: FakeRun, junit?: string, env: Partial<PythonEnv> = {}) {
  return fakeContext({
    dependencies: { "install.python": { data: { ...ENV, ...env } } },
    handler: (argv) => {
      const path = argValue(argv, "junitxml");
      return { ...run, write: junit !== undefined && path ? { [path]: junit } : {} };
    },
  });
}

function metric(outcome: { measurements?: { metric: string; value: number }[] }, key: string) {
  return outcome.measurements?.find((m) => m.metric === key)?.value;
}

Deno.test("tests.pytest runs pytest once under coverage, offline, and names the 2 failures", async () => {
  await using f = await pytestContext({ exitCode: 1 }, await recorded("junit_py_failing.xml"));
  const outcome = await testsPytest.run(f.ctx);
  strictEqual(f.calls.length, 1);
  const { argv, options } = f.calls[0]!;
  deepStrictEqual(argv.slice(0, 5), ["/venv/bin/python", "-m", "coverage", "run", "--branch"]);
  strictEqual(argValue(argv, "source"), "pyfail");
  ok(argv.includes("pytest") && argv.includes("no:cacheprovider"), argv.join(" "));
  strictEqual(options.network, undefined);
  strictEqual(outcome.status, "fail");
  match(outcome.summary, /^2 failed, 8 passed \(tests ran with the network off\)$/);
  deepStrictEqual(
    [
      metric(outcome, "tests.passed"),
      metric(outcome, "tests.failed"),
      metric(outcome, "tests.total"),
    ],
    [8, 2, 10],
  );
  deepStrictEqual(outcome.findings?.map((x) => `${x.file}:${x.line}`), [
    "tests/test_calendar.py:13",
    "tests/test_roman.py:11",
  ]);
  strictEqual((outcome.data as PytestData).coverageFile, argValue(argv, "data-file"));
});

Deno.test("tests.pytest aggregates collection errors by root cause", async () => {
  await using f = await pytestContext(
    { exitCode: 1 },
    await recorded("junit_py_collect_error.xml"),
  );
  const outcome = await testsPytest.run(f.ctx);
  strictEqual(outcome.status, "fail");
  match(
    outcome.summary,
    /3 passed, 1 error; 1 test file could not be collected: ModuleNotFoundError torch ×1/,
  );
  strictEqual(metric(outcome, "tests.collectionErrors"), 1);
});

Deno.test("tests.pytest never passes a run that ran nothing", async (t) => {
  await t.step("a timeout is an error", async () => {
    await using f = await pytestContext({ timedOut: true });
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "error");
    match(outcome.summary, /timed out/);
  });
  await t.step("no tests collected (exit 5) fails", async () => {
    const empty = '<testsuites><testsuite name="pytest" tests="0"></testsuite></testsuites>';
    await using f = await pytestContext({ exitCode: 5 }, empty);
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "fail");
    match(outcome.summary, /No tests were collected \(pytest exit 5\)/);
  });
  await t.step("a crash without a report is an error with pytest's last line", async () => {
    await using f = await pytestContext({
      exitCode: 4,
      stderr: "ERROR: usage: unrecognized arguments: --cov\n",
    });
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "error");
    match(outcome.summary, /exited 4 .*unrecognized arguments: --cov/);
  });
});

Deno.test("tests.pytest runs plain pytest without coverage, and is unverified without pytest or install", async () => {
  await using f = await pytestContext(
    { exitCode: 0 },
    '<testsuites><testsuite name="pytest"><testcase classname="t" name="a"/></testsuite></testsuites>',
    { tools: { pytest: true, coverage: false, build: false } },
  );
  const outcome = await testsPytest.run(f.ctx);
  deepStrictEqual(f.calls[0]?.argv.slice(0, 3), ["/venv/bin/python", "-m", "pytest"]);
  strictEqual(outcome.status, "pass");
  strictEqual(outcome.data, undefined);

  await using none = await pytestContext({}, undefined, {
    tools: { pytest: false, coverage: false, build: false },
  });
  strictEqual((await testsPytest.run(none.ctx)).status, "unverified");
  await using broken = await pytestContext({}, undefined, { installed: false });
  const outcome2 = await testsPytest.run(broken.ctx);
  strictEqual(outcome2.status, "unverified");
  match(outcome2.summary, /dependencies are not installed/);
  strictEqual(broken.calls.length, 0);
});
