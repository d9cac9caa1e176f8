import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { type JUnitCase, parseJUnit } from "../parsers/junit.ts";
import {
  collectionRootCause,
  countPytest,
  describeCollectionErrors,
  evaluatePytest,
  type PytestCounts,
  pytestFindings,
  testId,
} from "./pytest_report.ts";

function recorded(name: string): Promise<string> {
  return Deno.readTextFile(new URL(`./testdata/${name}`, import.meta.url));
}

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

Deno.test("countPytest() and pytestFindings() read two failures with their test lines", async () => {
  const junit = parseJUnit(await recorded("junit_py_failing.xml"));
  deepStrictEqual(countPytest(junit), {
    ...ZERO,
    passed: 8,
    failed: 2,
    total: 10,
    durationMs: junit.durationMs,
  });
  deepStrictEqual(pytestFindings(junit), [
    {
      message: "tests/test_calendar.py::test_is_leap_century failed: assert not True",
      file: "tests/test_calendar.py",
      line: 13,
    },
    {
      message: "tests/test_roman.py::test_roman_four failed: AssertionError: assert 'IIII' == 'IV'",
      file: "tests/test_roman.py",
      line: 11,
    },
  ]);
});

Deno.test("countPytest() keeps collection errors apart from the tests that ran", async () => {
  const junit = parseJUnit(await recorded("junit_py_collect_error.xml"));
  deepStrictEqual(countPytest(junit), {
    ...ZERO,
    passed: 3,
    errors: 1,
    total: 3,
    collectionErrors: 1,
    durationMs: junit.durationMs,
  });
  deepStrictEqual(pytestFindings(junit), [{
    message: "tests/test_gpu.py could not be collected: ModuleNotFoundError torch",
    file: "tests/test_gpu.py",
    line: 1,
  }]);
});

Deno.test("countPytest() counts xfail apart from skips", () => {
  const junit = parseJUnit(`<testsuites><testsuite name="pytest">
<testcase classname="t" name="a"/>
<testcase classname="t" name="b"><skipped type="pytest.skip" message="no"/></testcase>
<testcase classname="t" name="c"><skipped type="pytest.xfail" message="known"/></testcase>
</testsuite></testsuites>`);
  const c = countPytest(junit);
  deepStrictEqual([c.passed, c.skipped, c.xfailed, c.total], [1, 1, 1, 3]);
});

Deno.test("collectionRootCause() names the missing module or the exception type", async (t) => {
  const missingDep = parseJUnit(await recorded("junit_py_missing_dep.xml")).cases[0]?.detail ?? "";
  const cases: Array<[string, string]> = [
    [missingDep, "ModuleNotFoundError tenacity"],
    ["E   ModuleNotFoundError: No module named 'torch.nn'", "ModuleNotFoundError torch"],
    [
      "E   ImportError: cannot import name 'x' from 'pkg.mod' (/a/pkg/mod.py)",
      "ImportError pkg.mod",
    ],
    [
      "tests/t.py:3: in <module>\n    raise RuntimeError('boom')\nE   RuntimeError: boom",
      "RuntimeError",
    ],
    [
      'E     File "/s/tests/test_x.py", line 2\nE       def x(:\nE   SyntaxError: invalid syntax',
      "SyntaxError",
    ],
    ["", "collection failure"],
  ];
  for (const [detail, expected] of cases) {
    await t.step(expected, () => strictEqual(collectionRootCause(detail), expected));
  }
});

Deno.test("describeCollectionErrors() aggregates root causes, most frequent first", () => {
  const error = (module: string): JUnitCase => ({
    classname: "",
    name: `tests.test_${module}`,
    durationMs: 0,
    outcome: "error",
    message: "collection failure",
    detail: `E   ModuleNotFoundError: No module named '${module}'`,
  });
  const cases = [...Array.from({ length: 30 }, () => error("torch")), error("tenacity")];
  strictEqual(
    describeCollectionErrors(cases),
    "31 test files could not be collected: ModuleNotFoundError torch ×30, tenacity ×1",
  );
  strictEqual(
    describeCollectionErrors([error("torch"), { ...error("x"), detail: "E   SyntaxError: bad" }]),
    "2 test files could not be collected: ModuleNotFoundError torch ×1, SyntaxError ×1",
  );
});

Deno.test("evaluatePytest() never passes a run that did not run tests", async (t) => {
  const ok = { ...ZERO, passed: 3, total: 3 };
  const cases: Array<[string, Parameters<typeof evaluatePytest>[0], string, RegExp]> = [
    ["all passed", { exitCode: 0, timedOut: false, counts: ok }, "pass", /^3 passed$/],
    ["timeout", { exitCode: null, timedOut: true, counts: ok }, "error", /timed out/],
    [
      "no report",
      { exitCode: 3, timedOut: false, problem: "INTERNALERROR" },
      "error",
      /exited 3.*INTERNALERROR/,
    ],
    [
      "nothing collected",
      { exitCode: 5, timedOut: false, counts: ZERO, selection: "pytest tests/unit" },
      "unverified",
      /^the selection collected no test: `pytest tests\/unit` \(exit 5\)$/,
    ],
    [
      "failures",
      { exitCode: 1, timedOut: false, counts: { ...ok, failed: 2 } },
      "fail",
      /^2 failed, 3 passed$/,
    ],
    [
      "collection errors",
      {
        exitCode: 1,
        timedOut: false,
        counts: { ...ok, errors: 1, collectionErrors: 1 },
        collection: "1 test file could not be collected: ModuleNotFoundError torch ×1",
      },
      "fail",
      /3 passed, 1 error; 1 test file could not be collected/,
    ],
    [
      "reports disagree",
      { exitCode: 0, timedOut: false, counts: ok, disagreement: "the suite's reports disagree: x" },
      "error",
      /^the suite's reports disagree: x$/,
    ],
    [
      "flaky after a clean run",
      {
        exitCode: 0,
        timedOut: false,
        counts: ok,
        flaky: 1,
        notes: ["1 flaky: t failed 1 of 2 runs"],
      },
      "warn",
      /^3 passed; 1 flaky: t failed 1 of 2 runs$/,
    ],
    [
      "the maintainers' command stops earlier",
      {
        exitCode: 1,
        timedOut: false,
        counts: { ...ok, errors: 2, collectionErrors: 2 },
        prefix: "the maintainers' command stops at 2 collection errors; continued run: ",
      },
      "fail",
      /^the maintainers' command stops at 2 collection errors; continued run: 3 passed, 2 errors$/,
    ],
    [
      "crash after passing",
      { exitCode: 2, timedOut: false, counts: ok },
      "error",
      /exited 2 although no test failed/,
    ],
  ];
  for (const [name, run, status, summary] of cases) {
    await t.step(name, () => {
      const v = evaluatePytest(run);
      strictEqual(v.status, status);
      match(v.summary, summary);
    });
  }
});

Deno.test("testId() keeps the class of a method and the parameters", () => {
  const c = (classname: string, name: string): JUnitCase => ({
    classname,
    name,
    file: "tests/test_a.py",
    durationMs: 0,
    outcome: "passed",
  });
  strictEqual(testId(c("tests.test_a.TestK", "test_p[2]")), "tests/test_a.py::TestK::test_p[2]");
  strictEqual(testId(c("tests.test_a", "test_f")), "tests/test_a.py::test_f");
  strictEqual(testId(c("", "tests.test_a")), "tests/test_a.py");
});

Deno.test("collectionRootCause() reads a plain traceback (unittest) from its last exception", () => {
  const detail = [
    "Failed to import test module: test_broken",
    "Traceback (most recent call last):",
    '  File "/t/tests/test_broken.py", line 1, in <module>',
    "    import lxml",
    "ModuleNotFoundError: No module named 'lxml'",
  ].join("\n");
  strictEqual(collectionRootCause(detail), "ModuleNotFoundError lxml");
});
