import { deepStrictEqual, equal, match } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { evaluateVacuous, type TestFunction } from "../src/integrity/vacuous.ts";
import { detectedContext, withTemp } from "./_integrity_context.ts";
import { writeTree } from "./_real_context.ts";
import { fixture, values } from "./_report_helpers.ts";
import { testsVacuous } from "./tests_vacuous.ts";

const test = (name: string, verdict: TestFunction["verdict"], cases: number | null = 1) => ({
  file: "tests/test_a.py",
  line: 3,
  name,
  verdict,
  detail: verdict === "asserts" ? "" : "it has no assertion",
  cases,
});

Deno.test("evaluateVacuous() fails on vacuous functions and counts their parametrized items", () => {
  const outcome = evaluateVacuous({
    tests: [test("test_a", "asserts"), test("test_b", "none", 3), test("test_c", "skips")],
    parseErrors: [],
  }, 2);
  equal(outcome.status, "fail");
  deepStrictEqual(values(outcome), { "tests.vacuous": 1, "tests.vacuous.items": 3 });
  deepStrictEqual(outcome.findings, [{
    message: "test_b asserts nothing: it has no assertion (3 cases)",
    file: "tests/test_a.py",
    line: 3,
    subject: "test_b",
  }]);
  equal(outcome.summary, "1 of 3 test functions assert nothing, first test_b at tests/test_a.py:3");
});

Deno.test("evaluateVacuous() passes when every function checks something, unverified with none", () => {
  const ok = evaluateVacuous({ tests: [test("test_a", "asserts")], parseErrors: [] }, 0);
  equal(ok.status, "pass");
  equal(ok.findings, undefined);
  const none = evaluateVacuous({
    tests: [],
    parseErrors: [{ file: "tests/test_x.py", line: 2, message: "invalid syntax" }],
  }, 0);
  equal(none.status, "unverified");
  equal(none.summary, "No test function was found; 1 test file could not be parsed");
});

Deno.test("testsVacuous finds each planted pattern of fixtures/py_vacuous", async () => {
  await withTemp(async (temp) => {
    const outcome = await testsVacuous.run(await detectedContext(fixture("py_vacuous"), temp));
    equal(outcome.status, "fail", outcome.summary);
    deepStrictEqual(values(outcome), { "tests.vacuous": 8, "tests.vacuous.items": 8 });
    deepStrictEqual(outcome.findings?.map((f) => `${f.line} ${f.message}`), [
      "23 test_double_runs asserts nothing: it has no assertion",
      "27 test_always_true asserts nothing: its only assertion can never fail",
      "31 test_one_is_one asserts nothing: its only assertion can never fail",
      "35 test_swallowed asserts nothing: its assertions sit in a try whose except swallows the failure",
      "42 test_only_in_except asserts nothing: it asserts only inside an except handler",
      "49 test_prints_only asserts nothing: it only prints",
      "54 TestFlags.test_flag_smoke asserts nothing: it has no assertion",
      "57 TestFlags.test_flag_tautology asserts nothing: its only assertion can never fail",
    ]);
    equal(outcome.findings?.every((f) => f.file === "tests/test_vacu.py"), true);
    match(outcome.summary, /^8 of 11 test functions assert nothing/);
  });
});

Deno.test("testsVacuous finds nothing in the clean fixtures", async () => {
  for (const name of ["py_ok", "py_failing", "py_overclaim"]) {
    await withTemp(async (temp) => {
      const outcome = await testsVacuous.run(await detectedContext(fixture(name), temp));
      equal(outcome.status, "pass", `${name}: ${outcome.summary}`);
      equal(values(outcome)["tests.vacuous"], 0);
    });
  }
});

Deno.test("testsVacuous follows helpers one level, mocks' assert_* and unittest checks", async () => {
  const root = await writeTree({
    "pyproject.toml": '[project]\nname = "x"\n',
    "tests/test_b.py": [
      "import unittest",
      "def check(x):",
      "    assert x",
      "def relay(x):",
      "    check(x)",
      "def test_helper():",
      "    check(1 + 1)",
      "def test_two_levels():",
      "    relay(2)",
      "def test_mock(mocker):",
      "    m = mocker.Mock()",
      "    m.assert_called_once_with(1)",
      "class Case(unittest.TestCase):",
      "    def test_raises(self):",
      "        with self.assertRaises(ValueError):",
      "            int('x')",
      "    def test_skip(self):",
      "        self.skipTest('later')",
      "def test_timing(benchmark):",
      "    benchmark(sum, [1, 2])",
      "",
    ].join("\n"),
  });
  try {
    await withTemp(async (temp) => {
      const outcome = await testsVacuous.run(await detectedContext(root, temp));
      deepStrictEqual(outcome.findings?.map((f) => `${f.file}:${f.line}`), ["tests/test_b.py:8"]);
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("testsVacuous finds each planted pattern of fixtures/deno_vacuous and node_vacuous", async (t) => {
  const cases: Array<[string, number, string[]]> = [
    ["deno_vacuous", 12, [
      "expect_test.ts:8 expectations hold asserts nothing: its only assertion can never fail",
      "stack_test.ts:34 filled() builds a stack asserts nothing: it has no assertion",
      "stack_test.ts:38 the stack is sound asserts nothing: its only assertion can never fail",
      "stack_test.ts:42 pop() on an empty stack asserts nothing: its assertions sit in a try whose catch swallows the failure",
      "stack_test.ts:50 push() rejects a full stack asserts nothing: it asserts only inside a catch block",
      "stack_test.ts:58 prints the size asserts nothing: it only prints",
    ]],
    ["node_vacuous", 6, [
      "test/slug.test.js:14 slug() > handles empty text asserts nothing: it has no assertion",
      "test/slug.test.js:21 slug() is stable asserts nothing: its only assertion can never fail",
      "test/slug.test.js:25 slug() keeps digits asserts nothing: it only prints",
    ]],
  ];
  for (const [name, total, expected] of cases) {
    await t.step(name, () =>
      withTemp(async (temp) => {
        const outcome = await testsVacuous.run(await detectedContext(fixture(name), temp));
        equal(outcome.status, "fail", outcome.summary);
        deepStrictEqual(outcome.findings?.map((f) => `${f.file}:${f.line} ${f.message}`), expected);
        equal(values(outcome)["tests.vacuous"], expected.length);
        match(outcome.summary, new RegExp(`^${expected.length} of ${total} test functions`));
      }));
  }
});

Deno.test("testsVacuous finds nothing in deno_ok, deno_failing or claimcheck's own tests", async () => {
  const claimcheck = fileURLToPath(new URL("..", import.meta.url));
  for (const root of [fixture("deno_ok"), fixture("deno_failing"), claimcheck]) {
    await withTemp(async (temp) => {
      const outcome = await testsVacuous.run(await detectedContext(root, temp));
      equal(outcome.status, "pass", `${root}: ${outcome.summary}`);
      equal(values(outcome)["tests.vacuous"], 0);
    });
  }
});
