import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { argValue, fakeContext, fakePythonEnv, type FakeRun } from "../src/python/_fake_context.ts";
import type { PythonEnv } from "../src/python/env.ts";
import { fakePlan } from "../src/python/_fake_plan.ts";
import { coveragePluginMissing, type PytestData, testsPytest } from "./tests_pytest.ts";

const ENV = fakePythonEnv({ packages: ["pyfail"], imports: { pyfail: null } });

function recorded(name: string): Promise<string> {
  return Deno.readTextFile(new URL(`../src/python/testdata/${name}`, import.meta.url));
}

/** A JUnit report of `cases`: `name` passes, `name:failed`, `name:skipped:reason`. */
function junitOf(...cases: string[]): string {
  const body = cases.map((spec) => {
    const [name, outcome, ...rest] = spec.split(":");
    const reason = rest.join(":");
    const open =
      `<testcase classname="tests.test_a" name="${name}" file="tests/test_a.py" line="1"`;
    if (outcome === "failed") {
      return `${open}><failure message="assert 0">E assert 0</failure></testcase>`;
    }
    if (outcome === "skipped") {
      return `${open}><skipped type="pytest.skip" message="${reason}">${reason}</skipped></testcase>`;
    }
    return `${open}/>`;
  });
  return `<testsuites><testsuite name="pytest">${body.join("")}</testsuite></testsuites>`;
}

/** Which pytest run a command is: the first (under coverage), the second whole run, or a rerun. */
function kind(argv: readonly string[]): "first" | "second" | "rerun" | "probe" {
  if (argv.includes("-c")) return "probe";
  if (argv.includes("coverage")) return "first";
  return argv.at(-1)?.includes("::") ? "rerun" : "second";
}

type Script = Partial<Record<ReturnType<typeof kind>, FakeRun & { junit?: string }>>;

/** A context whose runs write the JUnit and end as `script` says for their kind. */
function scripted(script: Script, env: Partial<PythonEnv> = {}) {
  return fakeContext({
    dependencies: { "install.python": { data: { ...ENV, ...env } } },
    handler: (argv) => {
      const run = script[kind(argv)] ?? script.first ?? {};
      const path = argValue(argv, "junitxml") ??
        (argv.some((a) => a.endsWith("unittest_junit.py"))
          ? argv[argv.findIndex((a) => a.endsWith("unittest_junit.py")) + 1]
          : undefined);
      return { ...run, write: run.junit !== undefined && path ? { [path]: run.junit } : {} };
    },
  });
}

function metric(outcome: { measurements?: { metric: string; value: number }[] }, key: string) {
  return outcome.measurements?.find((m) => m.metric === key)?.value;
}

Deno.test("tests.pytest runs the plan's selection with its environment, under coverage, offline", async () => {
  const junit = await recorded("junit_py_failing.xml");
  const plan = fakePlan({
    command: 'pytest tests -m "not slow" -x',
    pytestArgs: ["tests", "-m", "not slow", "-x"],
    env: { APP_MODE: "test" },
  });
  await using f = await scripted({ first: { exitCode: 1, junit } }, { plan });
  const outcome = await testsPytest.run(f.ctx);
  const { argv, options } = f.calls[0]!;
  deepStrictEqual(argv.slice(0, 5), ["/venv/bin/python", "-m", "coverage", "run", "--branch"]);
  strictEqual(argValue(argv, "source"), "pyfail");
  ok(argv.includes("no:cacheprovider") && argv.includes("--continue-on-collection-errors"));
  deepStrictEqual(argv.slice(-3), ["tests", "-m", "not slow"], "the selection, -x left out");
  deepStrictEqual(options.env, { APP_MODE: "test" });
  strictEqual(options.network, undefined);
  strictEqual(outcome.status, "fail");
  match(
    outcome.summary,
    /^the maintainers' command stops early \(-x\); continued run: 2 failed, 8 passed/,
  );
  match(outcome.summary, /\(tests ran with the network off\)$/);
  deepStrictEqual(
    ["tests.passed", "tests.failed", "tests.total", "tests.flaky"].map((k) => metric(outcome, k)),
    [8, 2, 10, 0],
  );
  deepStrictEqual(outcome.findings?.filter((x) => x.file).map((x) => `${x.file}:${x.line}`), [
    "tests/test_calendar.py:13",
    "tests/test_roman.py:11",
  ]);
  strictEqual(outcome.plan, plan);
  strictEqual((outcome.data as PytestData).coverageFile, argValue(argv, "data-file"));
  // A quick suite runs a second time; the failing tests are rerun apart from the rest, together,
  // in two rounds, with the selection's options.
  deepStrictEqual(f.calls.map((c) => kind(c.argv)), ["first", "second", "rerun", "rerun"]);
  const rerun = f.calls[2]!;
  deepStrictEqual(rerun.argv.slice(-4), [
    "-m",
    "not slow",
    "tests/test_calendar.py::test_is_leap_century",
    "tests/test_roman.py::test_roman_four",
  ]);
  deepStrictEqual(rerun.options.env, { APP_MODE: "test" });
});

Deno.test("tests.pytest finds flaky tests by rerunning failures and by a second whole run", async (t) => {
  await t.step("a rerun that does not run the test leaves its flakiness unknown", async () => {
    await using f = await scripted({
      first: { exitCode: 1, junit: junitOf("test_ok", "test_flaky:failed", "test_bad:failed") },
      second: { exitCode: 1, junit: junitOf("test_ok", "test_flaky:failed", "test_bad:failed") },
      rerun: { exitCode: 0, junit: junitOf("test_flaky") },
    });
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "fail");
    strictEqual(metric(outcome, "tests.flaky"), 1);
    match(
      outcome.summary,
      /flaky unknown for tests\/test_a\.py::test_bad: its rerun did not run it, the first result stands/,
    );
  });
  await t.step("names and pass ratio", async () => {
    await using f = await fakeContext({
      dependencies: { "install.python": { data: ENV } },
      handler: (argv) => {
        const path = argValue(argv, "junitxml") as string;
        const k = kind(argv);
        const rerunOf = (name: string) => argv.some((a) => a.endsWith(`::${name}`));
        const junit = k === "rerun"
          ? junitOf(
            ...(rerunOf("test_flaky") ? ["test_flaky"] : []),
            ...(rerunOf("test_bad") ? ["test_bad:failed"] : []),
          )
          : junitOf("test_ok", "test_flaky:failed", "test_bad:failed");
        return { exitCode: 1, write: { [path]: junit } };
      },
    });
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "fail");
    strictEqual(metric(outcome, "tests.flaky"), 1);
    match(outcome.summary, /1 flaky: tests\/test_a\.py::test_flaky failed 2 of 3 runs/);
    ok(
      outcome.findings?.some((x) =>
        x.message === "tests/test_a.py::test_flaky is flaky: failed 2 of 3 runs"
      ),
      JSON.stringify(outcome.findings),
    );
    // test_bad: first, second and two rounds of reruns, all failed; test_flaky passes in round one
    // and is not in round two.
    strictEqual(f.calls.length, 2 + 2);
    const second = f.calls.at(-1)?.argv ?? [];
    ok(
      second.some((a) => a.endsWith("::test_bad")) &&
        !second.some((a) => a.endsWith("::test_flaky")),
    );
  });
  await t.step("a clean first run with a test that fails on the second is a warning", async () => {
    await using f = await scripted({
      first: { exitCode: 0, junit: junitOf("test_ok", "test_flaky") },
      second: { exitCode: 1, junit: junitOf("test_ok", "test_flaky:failed") },
    });
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "warn");
    match(outcome.summary, /^2 passed; 1 flaky: tests\/test_a\.py::test_flaky failed 1 of 2 runs/);
  });
});

Deno.test("tests.pytest: a rerun that hangs leaves the first result, flakiness unknown", async () => {
  await using f = await scripted({
    first: { exitCode: 1, junit: junitOf("test_ok", "test_hang:failed") },
    rerun: { timedOut: true },
  });
  const outcome = await testsPytest.run(f.ctx);
  strictEqual(outcome.status, "fail");
  match(
    outcome.summary,
    /^1 failed, 1 passed; flaky unknown for tests\/test_a\.py::test_hang: its rerun timed out, the first result stands/,
  );
  strictEqual(metric(outcome, "tests.flaky"), 0);
  strictEqual(
    f.calls.filter((c) => kind(c.argv) === "rerun").length,
    1,
    "no second rerun after a hang",
  );
  ok(f.calls.every((c) => (c.options.timeoutMs ?? 0) > 0));
});

Deno.test("tests.pytest reruns at most 200 failing tests of a suite with 500 failures, in two runs", async () => {
  const cases = Array.from({ length: 500 }, (_, i) => `test_${i}:failed`);
  await using f = await scripted({ first: { exitCode: 1, junit: junitOf(...cases) } });
  const outcome = await testsPytest.run(f.ctx);
  const reruns = f.calls.filter((c) => kind(c.argv) === "rerun");
  strictEqual(reruns.length, 2);
  strictEqual(reruns[0]?.argv.filter((a) => a.includes("::")).length, 200);
  match(outcome.summary, /reran 200 of 500 failing tests/);
});

Deno.test("tests.pytest is an error when JUnit, the summary line and the exit code disagree", async (t) => {
  const forged = junitOf(...Array.from({ length: 42 }, (_, i) => `test_${i}`));
  await t.step("summary says failures", async () => {
    await using f = await scripted({
      first: { exitCode: 0, junit: forged, stdout: "..\n==== 2 failed, 40 passed in 0.31s ====\n" },
    });
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "error");
    match(
      outcome.summary,
      /^the suite's reports disagree: JUnit 42 passed, summary 2 failed, 40 passed/,
    );
    strictEqual(f.calls.length, 1, "no reruns of a forged run");
  });
  await t.step("exit code says failures, JUnit none, no summary", async () => {
    await using f = await scripted({ first: { exitCode: 0, junit: junitOf("a", "b:failed") } });
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "error");
    match(outcome.summary, /JUnit 1 failed, 1 passed, exit code 0/);
  });
  await t.step("agreeing reports pass", async () => {
    await using f = await scripted({
      first: { exitCode: 0, junit: junitOf("a", "b"), stdout: "2 passed in 0.01s\n" },
    });
    strictEqual((await testsPytest.run(f.ctx)).status, "pass");
  });
});

Deno.test("tests.pytest: a selection that collects nothing is unverified, never a pass", async () => {
  const plan = fakePlan({ pytestArgs: ["tests/unit", "-m", "not slow"] });
  const empty = '<testsuites><testsuite name="pytest" tests="0"></testsuite></testsuites>';
  await using f = await scripted({
    first: { exitCode: 5, junit: empty, stdout: "==== 12 deselected in 0.02s ====\n" },
  }, { plan });
  const outcome = await testsPytest.run(f.ctx);
  strictEqual(outcome.status, "unverified");
  match(
    outcome.summary,
    /^the selection collected no test: `pytest tests\/unit -m 'not slow'` \(exit 5\)/,
  );
});

Deno.test("tests.pytest counts skips caused by a module missing here apart", async () => {
  const junit = junitOf(
    "test_ok",
    "test_lxml:skipped:could not import 'lxml': No module named 'lxml'",
    "test_yaml:skipped:requires yaml",
    "test_yaml2:skipped:requires yaml",
    "test_json:skipped:requires json",
    "test_net:skipped:needs network",
  );
  await using f = await fakeContext({
    dependencies: { "install.python": { data: ENV } },
    handler: (argv) => {
      if (kind(argv) === "probe") {
        deepStrictEqual(argv.slice(3), ["json", "yaml"]);
        return { stdout: '\n@@claimcheck-importable@@\n{"json": true, "yaml": false}\n' };
      }
      return { exitCode: 0, write: { [argValue(argv, "junitxml") as string]: junit } };
    },
  });
  const outcome = await testsPytest.run(f.ctx);
  strictEqual(outcome.status, "pass", outcome.summary);
  deepStrictEqual(
    [
      "tests.skipped",
      "tests.skipped.environment",
      "tests.skipped.environment.yaml",
      "tests.skipped.environment.lxml",
    ].map((k) => metric(outcome, k)),
    [5, 3, 2, 1],
  );
  match(
    outcome.summary,
    /^1 passed, 5 skipped; 3 skipped because a module is missing here \(yaml ×2, lxml ×1\)$/,
  );
  deepStrictEqual(outcome.findings?.map((x) => x.message), [
    "2 skipped: requires yaml (missing here: yaml)",
    "1 skipped: could not import 'lxml': No module named 'lxml' (missing here: lxml)",
    "1 skipped: needs network",
    "1 skipped: requires json",
  ]);
});

Deno.test("tests.pytest runs a unittest plan through its JUnit-writing runner", async () => {
  const plan = fakePlan({
    runner: "unittest",
    command: "python -m unittest discover -s tests",
    moduleArgs: ["unittest", "discover", "-s", "tests"],
  });
  const junit = junitOf("test_a", "test_b");
  await using f = await scripted({
    first: { exitCode: 0, junit, stderr: "..\nRan 2 tests in 0.001s\n\nOK\n" },
  }, { plan, tools: { pytest: false, coverage: true, build: false } });
  const outcome = await testsPytest.run(f.ctx);
  strictEqual(outcome.status, "pass", outcome.summary);
  const argv = f.calls[0]!.argv;
  const script = argv.findIndex((a) => a.endsWith("unittest_junit.py"));
  ok(script > 0 && argv.includes("coverage"), argv.join(" "));
  deepStrictEqual(argv.slice(script + 2), ["unittest", "discover", "-s", "tests"]);
  ok((await Deno.readTextFile(argv[script]!)).includes("RecordingRunner"));
  strictEqual(metric(outcome, "tests.passed"), 2);
});

Deno.test("tests.pytest never passes a run that ran nothing", async (t) => {
  await t.step("a timeout is an error", async () => {
    await using f = await scripted({ first: { timedOut: true } });
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "error");
    match(outcome.summary, /timed out/);
  });
  await t.step("a crash without a report is an error with pytest's last line", async () => {
    await using f = await scripted({
      first: { exitCode: 4, stderr: "ERROR: usage: unrecognized arguments: --cov\n" },
    });
    const outcome = await testsPytest.run(f.ctx);
    strictEqual(outcome.status, "error");
    match(outcome.summary, /exited 4 .*unrecognized arguments: --cov/);
  });
});

Deno.test("tests.pytest runs plain pytest without coverage, and is unverified without pytest or install", async () => {
  await using f = await scripted(
    { first: { exitCode: 0, junit: junitOf("a") } },
    { tools: { pytest: true, coverage: false, build: false } },
  );
  const outcome = await testsPytest.run(f.ctx);
  deepStrictEqual(f.calls[0]?.argv.slice(0, 3), ["/venv/bin/python", "-m", "pytest"]);
  strictEqual(outcome.status, "pass");
  strictEqual(outcome.data, undefined);

  await using none = await scripted({}, {
    tools: { pytest: false, coverage: false, build: false },
  });
  strictEqual((await testsPytest.run(none.ctx)).status, "unverified");
  await using broken = await scripted({}, { installed: false });
  const outcome2 = await testsPytest.run(broken.ctx);
  strictEqual(outcome2.status, "unverified");
  match(outcome2.summary, /dependencies are not installed/);
  strictEqual(broken.calls.length, 0);
});

Deno.test("coveragePluginMissing() knows coverage.py dying on a plugin of the project's config", () => {
  const died = [
    "Traceback (most recent call last):",
    '  File "/venv/lib/python3.11/site-packages/coverage/plugin_support.py", line 51, in load_plugins',
    "    __import__(module)",
    "ModuleNotFoundError: No module named 'covdefaults'",
  ].join("\n");
  strictEqual(coveragePluginMissing(died), true);
  strictEqual(coveragePluginMissing("ModuleNotFoundError: No module named 'torch'"), false);
});
