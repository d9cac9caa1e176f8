import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import type { Evidence } from "../src/evidence.ts";
import { type DenoTestRun, evaluateDenoTests, type JUnitFile } from "./tests_deno.ts";
import { fakeEvidence, recorded } from "./_fake_evidence.ts";
import { values } from "./_report_helpers.ts";

function run(
  junit: JUnitFile,
  evidence: Partial<Evidence> = {},
  output: { stdout?: string; stderr?: string; root?: string } = {},
): DenoTestRun {
  return {
    evidence: fakeEvidence(evidence),
    index: 2,
    junit,
    stdout: output.stdout ?? "",
    stderr: output.stderr ?? "",
    root: output.root ?? "/snapshot/deno_ok",
  };
}

async function junitText(name: string): Promise<JUnitFile> {
  return { kind: "text", text: await recorded(name) };
}

Deno.test("evaluateDenoTests() passes a green run with exact counts", async () => {
  const outcome = evaluateDenoTests(
    run(await junitText("deno_ok.junit.xml"), { durationMs: 250 }, {
      stdout: await recorded("deno_test_ok.stdout.txt"),
    }),
  );
  strictEqual(outcome.status, "pass");
  strictEqual(outcome.summary, "4 tests passed");
  deepStrictEqual(values(outcome), {
    "tests.passed": 4,
    "tests.failed": 0,
    "tests.errors": 0,
    "tests.skipped": 0,
    "tests.total": 4,
    "tests.durationMs": 250,
  });
  strictEqual(outcome.measurements?.every((m) => m.evidence === 2), true);
  deepStrictEqual(outcome.findings, []);
});

Deno.test("evaluateDenoTests() fails and names the failing test at its file and line", async () => {
  const outcome = evaluateDenoTests(
    run(await junitText("deno_failing.junit.xml"), { exitCode: 1 }, {
      stdout: await recorded("deno_test_failing.stdout.txt"),
      root: "/snapshot/deno_failing",
    }),
  );
  strictEqual(outcome.status, "fail");
  strictEqual(outcome.summary, "1 of 3 tests failed");
  deepStrictEqual(outcome.findings, [{
    message: 'Test "divide() rounds down" failed: Uncaught Error: Expected 3, got 3.5',
    file: "arith_test.ts",
    line: 15,
  }]);
  strictEqual(values(outcome)["tests.passed"], 2);
  strictEqual(values(outcome)["tests.failed"], 1);
});

Deno.test("evaluateDenoTests() fails a non-zero exit whose JUnit lists no failure", async (t) => {
  await t.step("an error outside any test", async () => {
    const outcome = evaluateDenoTests(
      run(await junitText("deno_uncaught.junit.xml"), { exitCode: 1 }, {
        stdout: await recorded("deno_test_uncaught.stdout.txt"),
        root: "/snapshot/mixed",
      }),
    );
    strictEqual(outcome.status, "fail");
    match(outcome.summary, /exited 1 although .* 1 passed test and no failure/);
    deepStrictEqual(outcome.findings, [
      { message: "./b_test.ts (uncaught error) failed", file: "b_test.ts" },
    ]);
    strictEqual(values(outcome)["tests.skipped"], 1);
  });
  await t.step("a focused test (Deno.test.only)", async () => {
    const outcome = evaluateDenoTests(
      run(await junitText("deno_only.junit.xml"), { exitCode: 1 }, {
        stderr: await recorded("deno_test_only.stderr.txt"),
      }),
    );
    strictEqual(outcome.status, "fail");
    match(outcome.summary, /Test failed because the "only" option was used/);
  });
});

Deno.test("evaluateDenoTests() fails when no test ran", async (t) => {
  await t.step("every test ignored", () => {
    const xml = `<testsuites><testsuite name="./a_test.ts">
<testcase name="a" classname="./a_test.ts"><skipped/></testcase></testsuite></testsuites>`;
    const outcome = evaluateDenoTests(run({ kind: "text", text: xml }));
    strictEqual(outcome.status, "fail");
    strictEqual(outcome.summary, "No tests ran, 1 skipped");
  });
  await t.step("no test module", () => {
    const outcome = evaluateDenoTests(
      run({ kind: "missing" }, { exitCode: 1 }, { stderr: "error: No test modules found\n" }),
    );
    strictEqual(outcome.status, "fail");
    match(outcome.summary, /No tests ran/);
    strictEqual(values(outcome)["tests.total"], 0);
  });
});

Deno.test("evaluateDenoTests() fails a suite that does not load, at the import", async () => {
  const outcome = evaluateDenoTests(
    run({ kind: "missing" }, { exitCode: 1 }, {
      stderr: await recorded("deno_test_load_error.stderr.txt"),
      root: "/snapshot/loaderr",
    }),
  );
  strictEqual(outcome.status, "fail");
  match(outcome.summary, /could not load the tests: Module not found .* \(a_test\.ts:1\)/);
  deepStrictEqual(outcome.findings?.[0]?.file, "a_test.ts");
});

Deno.test("evaluateDenoTests() never passes without a readable JUnit report", async (t) => {
  const cases: [string, DenoTestRun, string, RegExp][] = [
    [
      "missing, nothing said",
      run({ kind: "missing" }, { exitCode: 1 }),
      "error",
      /Cannot read the JUnit report: deno test exited 1 without writing it/,
    ],
    [
      "missing after exit 0",
      run({ kind: "missing" }),
      "error",
      /exited 0 without writing it/,
    ],
    [
      "unreadable",
      run({ kind: "unreadable", reason: "/tmp/junit.xml: Permission denied" }),
      "error",
      /Cannot read the JUnit report: \/tmp\/junit\.xml: Permission denied/,
    ],
    [
      "truncated XML",
      run({ kind: "text", text: '<testsuites><testsuite name="x">' }),
      "error",
      /Cannot read the JUnit report: Cannot parse JUnit XML/,
    ],
    [
      "not JUnit",
      run({ kind: "text", text: "<html></html>" }),
      "error",
      /no <testsuites>/,
    ],
    [
      "timed out",
      run({ kind: "missing" }, { exitCode: null, signal: "SIGKILL", timedOut: true }),
      "error",
      /timed out after 120 ms/,
    ],
    [
      "deno missing",
      run({ kind: "missing" }, { exitCode: null, startError: "Cannot find deno" }),
      "unverified",
      /Cannot run deno/,
    ],
    [
      "a remote module not cached",
      run({ kind: "missing" }, { exitCode: 1 }, {
        stderr: 'error: npm package not found in cache: "left-pad", --cached-only is specified.\n',
      }),
      "unverified",
      /without network/,
    ],
  ];
  for (const [name, input, status, summary] of cases) {
    await t.step(name, () => {
      const outcome = evaluateDenoTests(input);
      strictEqual(outcome.status, status);
      match(outcome.summary, summary);
      strictEqual(outcome.measurements, undefined);
    });
  }
});
